"""Alliance Playbook: form business alliances that last."""

__version__ = "0.1.0"
