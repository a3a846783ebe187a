"""flash: get the most out of a flash mentoring session."""

__version__ = "0.1.0"
