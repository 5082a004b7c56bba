"""Data builders shared by the tests and the benchmarks (scaffolding, not product):
the small World, the programme at any scale, bulk reminder recipients."""
