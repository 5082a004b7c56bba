"""The unit congress submission (plan III.5): conference, nominees, review."""
