"""Content files -> typed models. No Textual, no SQLite."""
