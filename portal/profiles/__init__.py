"""Unit and person profiles: the particulars the official forms print."""
