"""The awards made under a movement. They are award records (portal.awards), a layer
above movements, so the registry hands their query over at start-up."""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import Select

from portal.accounts.models import User
from portal.movements.models import Movement

AwardsQuery = Callable[[Movement, User], Select]
_PLUGGED: dict[str, AwardsQuery | None] = {"awards": None}


def register_awards_query(query: AwardsQuery) -> None:
    _PLUGGED["awards"] = query


def awards_query(movement: Movement, reader: User) -> Select:
    """The issued decisions made under `movement` that `reader` may see."""
    query = _PLUGGED["awards"]
    if query is None:
        raise RuntimeError("portal.registry has not plugged the awards query in")
    return query(movement, reader)
