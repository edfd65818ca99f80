"""kvtrack: a register of the Dutch cabinet's commitments made in answers to parliamentary questions."""

__version__ = "0.1.0"
