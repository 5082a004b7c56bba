"""Email: every message is rendered from templates, stored, and sent by a job."""
