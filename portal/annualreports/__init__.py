"""Each unit's yearly report to the Department through the Office (plan III.5)."""
