"""Dashboards: where the programme stands, for the Office, the Director, units and the council."""
