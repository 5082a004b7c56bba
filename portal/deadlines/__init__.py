"""Deadlines of the plan, completion per unit, and the reminders that keep them."""
