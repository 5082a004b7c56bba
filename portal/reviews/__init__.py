"""The review workflow shared by every record a unit submits to the Office."""
