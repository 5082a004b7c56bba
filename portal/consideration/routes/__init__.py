"""Consideration rounds (bình xét): rounds, nominations, the voting rules catalogue and ballots.

One blueprint, `bp`, over the view modules of this package."""

from portal.consideration.routes import nominations, rounds, rules, voting  # noqa: F401  (their views are on bp)
from portal.consideration.routes.blueprint import bp

__all__ = ["bp"]
