"""Propagation of exemplars (plan I.1.d, II.3, II.6, III.2): each unit's activity log."""
