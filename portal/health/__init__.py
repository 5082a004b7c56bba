"""/healthz: whether the database, Redis, the workers and the scheduler answer."""
