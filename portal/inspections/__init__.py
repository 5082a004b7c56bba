"""Inspection logs of the council members and the follow-up of their findings."""
