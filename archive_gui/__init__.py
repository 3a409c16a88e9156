"""Desktop archive browser for news coverage of immigration enforcement."""

__version__ = "0.1.0"
