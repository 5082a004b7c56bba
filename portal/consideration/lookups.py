"""What the consideration pages read from capabilities above them, plugged in at
start-up by portal/registry.py: whether a nominee registered for the title at the
start of the year (portal.registrations), and the award history of nominees
(portal.awards), for the eligibility hints. Unplugged, neither is asked.

A nominee is named by keys: "unit:<id>" (the unit itself, as a collective),
"exemplar:<id>" and "user:<id>" (a person's account).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from portal.exemplars.models import ExemplarKind

# (organization id, year, title id, nominee keys) -> True registered, False not,
# None when the organization did not open the year's registration.
RegistrationCheck = Callable[[int, int, int, frozenset[str]], bool | None]


@dataclass(frozen=True)
class Award:
    """One title received, as the eligibility rules read it."""

    year: int
    code: str  # the catalogue code of the title ("LDTT"), "" when unknown


# (organization id, every nominee's keys) -> nominee key -> awards on issued decisions.
HistoryProvider = Callable[[int, Iterable[str]], dict[str, list[Award]]]

_PLUGGED: dict[str, Callable | None] = {"registration": None, "history": None}


def plug(registration: RegistrationCheck | None, history: HistoryProvider | None) -> None:
    _PLUGGED["registration"] = registration
    _PLUGGED["history"] = history


def registration_check() -> RegistrationCheck | None:
    return _PLUGGED["registration"]


def history_provider() -> HistoryProvider | None:
    return _PLUGGED["history"]


def nominee_keys(
    kind: ExemplarKind | str,
    unit_id: int | None,
    exemplar_id: int | None,
    user_id: int | None,
) -> frozenset[str]:
    """The keys that name a nominee: its exemplar, the person's account, or for a
    collective without an exemplar, its unit."""
    keys = set()
    if exemplar_id:
        keys.add(f"exemplar:{exemplar_id}")
    if user_id:
        keys.add(f"user:{user_id}")
    if not keys and unit_id and ExemplarKind(kind) == ExemplarKind.COLLECTIVE:
        keys.add(f"unit:{unit_id}")
    return frozenset(keys)
