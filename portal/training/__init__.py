"""Training records (plan III.3) of the people who run emulation and propagation work."""
