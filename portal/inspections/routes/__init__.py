"""Inspection records and their findings.

One blueprint, `bp`, over the view modules of this package."""

from portal.inspections.routes import findings, inspections  # noqa: F401  (their views are on bp)
from portal.inspections.routes.blueprint import bp

__all__ = ["bp"]
