"""People, their roles, and signing in."""
