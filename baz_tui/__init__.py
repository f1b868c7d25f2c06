"""BaZ — Bewoners aan Zet: the application (command line, Textual app, i18n, Word export)."""

__version__ = "0.1.0"
