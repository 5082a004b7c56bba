"""Award decisions: one blueprint, `bp`, over the view modules of this package."""

from portal.awards.routes import decisions, documents  # noqa: F401  (their views are on bp)
from portal.awards.routes.blueprint import bp

__all__ = ["bp"]
