"""The rules of the game: pure functions over content models. No Textual, no SQLite."""
