"""Exemplars (điển hình tiên tiến) of a unit and their lifecycle."""
