"""Provides the dialogs: small screens that ask one thing and return the answer."""
