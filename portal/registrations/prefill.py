"""«Thêm từ đăng ký thi đua»: a round's nominations start from the year's accepted
registrations, those not nominated yet, each with its eligibility hints."""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import dataclass

from portal.consideration import services as consideration
from portal.consideration.eligibility import Hint, NomineeRef, hints
from portal.consideration.lookups import nominee_keys
from portal.consideration.models import ConsiderationRound
from portal.registrations.models import RegistrationEntry
from portal.registrations.services import accepted_entries


@dataclass(frozen=True)
class Candidate:
    entry: RegistrationEntry
    keys: frozenset[str]


def entry_keys(entry: RegistrationEntry) -> frozenset[str]:
    return nominee_keys(entry.kind, entry.unit_id, entry.exemplar_id, entry.user_id)


def candidates(round_: ConsiderationRound) -> list[Candidate]:
    """The accepted lines of the round's year that no nomination of the round covers
    (same title, same nominee)."""
    nominated = [
        (
            n.award_title_id,
            nominee_keys(n.nominee_kind, n.unit_id, n.exemplar_id, n.person_user_id),
        )
        for n in round_.nominations
    ]
    found = []
    for entry in accepted_entries(round_.organization_id, round_.year):
        keys = entry_keys(entry)
        if not any(t == entry.award_title_id and k & keys for t, k in nominated):
            found.append(Candidate(entry, keys))
    return found


def add_nominations(round_: ConsiderationRound, entries: list[RegistrationEntry]) -> int:
    """A nomination per chosen line; the number added. The caller commits."""
    for entry in entries:
        registration = entry.registration
        consideration.add_nomination(
            round_,
            consideration.NomineeInput(
                award_title=entry.award_title,
                exemplar=entry.exemplar,
                nominee_user=entry.user if entry.exemplar is None else None,
                nominee_name=entry.name,
                nominee_kind=entry.kind,
                unit=registration.unit,
            ),
        )
    return len(entries)


def hints_for(round_: ConsiderationRound, found: list[Candidate]) -> dict[Hashable, list[Hint]]:
    refs = [
        NomineeRef(c.entry.id, c.entry.award_title.code, c.entry.kind.value, c.keys) for c in found
    ]
    return hints(round_.organization_id, round_.year, round_.meeting_date, refs)
