"""Difficulties and obstacles a unit raises to the Department (closing paragraph of the plan)."""
