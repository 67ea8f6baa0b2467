"""clerk-app: the clerk's record of a partnership board meeting."""

__version__ = "0.1.0"
