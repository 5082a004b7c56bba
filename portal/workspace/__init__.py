"""The unit workspace: a unit's programme at a glance."""
