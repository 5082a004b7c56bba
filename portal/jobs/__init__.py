"""Background jobs: the portal's Redis, its named queues and the one enqueue helper."""
