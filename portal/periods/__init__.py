"""Plan periods (e.g. 2023-2025) of an organization."""
