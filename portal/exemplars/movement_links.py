"""Which emulation movements a unit's exemplars and propagation activities may link to.

Movements sit above exemplars and propagation (a movement's page lists them), so the
rule is the movements capability's, plugged in at start-up by portal/registry.py."""

from __future__ import annotations

from collections.abc import Callable

from flask_babel import gettext as _

from portal.rules import RuleError

# (unit id, id of the movement already linked or None) -> [(movement id, name)]
ChoicesProvider = Callable[[int, int | None], list[tuple[int, str]]]
_PROVIDER: dict[str, ChoicesProvider] = {}


def register_movement_choices(provider: ChoicesProvider) -> None:
    _PROVIDER["choices"] = provider


def movement_choices(unit_id: int, keep_id: int | None = None) -> list[tuple[int, str]]:
    provider = _PROVIDER.get("choices")
    return provider(unit_id, keep_id) if provider else []


def check_movement(unit_id: int, movement_id: int | None, keep_id: int | None = None) -> None:
    """Refuse a movement that a record of `unit_id` may not link to."""
    if movement_id and movement_id not in {i for i, _name in movement_choices(unit_id, keep_id)}:
        raise RuleError(_("Phong trào được chọn không dành cho đơn vị này."), "movement_id")
