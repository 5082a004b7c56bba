"""The award history the eligibility hints read (read-only): per nominee key ("user:7",
"exemplar:3", "unit:2"), the titles received on ISSUED decisions, by year and
catalogue code. A decision recorded without a catalogue title is matched by its
form's name, insensitive to case and diacritics."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from sqlalchemy import and_, or_, select

from portal.awards.models import AwardDecision, AwardRecipient, DecisionStatus
from portal.consideration.lookups import Award
from portal.consideration.models import AwardTitle
from portal.exemplars.models import ExemplarKind
from portal.extensions import db
from portal.textsearch import fold


def _ids(keys: Iterable[str], prefix: str) -> list[int]:
    found = []
    for key in keys:
        kind, _sep, raw = key.partition(":")
        if kind == prefix and raw.isdigit():
            found.append(int(raw))
    return found


def award_history(organization_id: int, keys: Iterable[str]) -> dict[str, list[Award]]:
    """key -> awards on issued decisions of the organization (two queries)."""
    keys = set(keys)
    users, exemplars, units = (_ids(keys, p) for p in ("user", "exemplar", "unit"))
    if not (users or exemplars or units):
        return {}
    who = []
    if users:
        who.append(AwardRecipient.user_id.in_(users))
    if exemplars:
        who.append(AwardRecipient.exemplar_id.in_(exemplars))
    if units:
        who.append(
            and_(
                AwardRecipient.unit_id.in_(units),
                AwardRecipient.kind == ExemplarKind.COLLECTIVE,
                AwardRecipient.exemplar_id.is_(None),
                AwardRecipient.user_id.is_(None),
            )
        )
    rows = db.session.execute(
        select(
            AwardRecipient.user_id,
            AwardRecipient.exemplar_id,
            AwardRecipient.unit_id,
            AwardRecipient.kind,
            AwardDecision.year,
            AwardTitle.code,
            AwardDecision.form_name,
        )
        .join(AwardDecision, AwardDecision.id == AwardRecipient.decision_id)
        .outerjoin(AwardTitle, AwardTitle.id == AwardDecision.award_title_id)
        .where(
            AwardDecision.organization_id == organization_id,
            AwardDecision.status == DecisionStatus.ISSUED,
            or_(*who),
        )
    ).all()
    # Read whatever the rows: the number of queries does not depend on the data.
    codes_by_name = _codes_by_name(organization_id)
    history: dict[str, list[Award]] = defaultdict(list)
    for row in rows:
        code = row.code or codes_by_name.get(fold(row.form_name), "")
        award = Award(year=row.year, code=code)
        for key in _recipient_keys(row):
            if key in keys:
                history[key].append(award)
    return dict(history)


def _recipient_keys(row) -> list[str]:
    keys = []
    if row.user_id:
        keys.append(f"user:{row.user_id}")
    if row.exemplar_id:
        keys.append(f"exemplar:{row.exemplar_id}")
    if not keys and ExemplarKind(row.kind) == ExemplarKind.COLLECTIVE:
        keys.append(f"unit:{row.unit_id}")
    return keys


def _codes_by_name(organization_id: int) -> dict[str, str]:
    titles = db.session.execute(
        select(AwardTitle.name, AwardTitle.code).where(
            AwardTitle.organization_id == organization_id
        )
    )
    return {fold(name): code for name, code in titles}
