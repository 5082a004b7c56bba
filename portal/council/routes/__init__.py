"""The council's pages: seats, assignments of members to units, the supervision plan.

One blueprint, `bp`, over the view modules of this package."""

from portal.council.routes import plan, seats  # noqa: F401  (their views are on bp)
from portal.council.routes.blueprint import bp

__all__ = ["bp"]
