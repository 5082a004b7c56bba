"""The yearly self-assessment of each unit's exemplar work against the criteria (plan III.5)."""
