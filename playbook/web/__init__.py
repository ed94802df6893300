"""The workshop server and its pages: one process owns the database and serves the room.

A shell like tui/: it calls the services, never the store. Imported only by `playbook
serve` (aiohttp costs a tenth of a second to import)."""
