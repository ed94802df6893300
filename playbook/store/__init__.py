"""Persistence in SQLite. No Textual."""
