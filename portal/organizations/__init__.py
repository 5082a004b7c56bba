"""Organizations (departments, the tenant root) and their units."""
