"""Exemplar pages: the list, the quota, an exemplar's record, its fostering actions and evaluations.

One blueprint, `bp`, over the view modules of this package."""

from portal.exemplars.routes import exemplars, records  # noqa: F401  (their views are on bp)
from portal.exemplars.routes.blueprint import bp

__all__ = ["bp"]
