"""The installation's administration, above the organizations: new departments."""
