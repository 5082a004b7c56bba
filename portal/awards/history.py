"""Award history: the titles and commendations that issued decisions gave a person, a
unit or an exemplar, who may read them, and the search across the organization.

Only issued decisions count: a draft has awarded nothing yet. Names are searched by
the recipients' folded `name_key` (portal.textsearch), the same plain LIKE on SQLite
and PostgreSQL, so "nguyen van a" finds "Nguyễn Văn A" on both without depending on
PostgreSQL's `unaccent` extension or on the database's locale for lower case.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, dataclass

from sqlalchemy import Select, and_, distinct, or_, select
from sqlalchemy.orm import contains_eager, selectinload

from portal.accounts.models import Role, User
from portal.awards.models import AwardDecision, AwardLevel, AwardRecipient, DecisionStatus
from portal.documents.past_awards import PastAward
from portal.exemplars.models import Exemplar, ExemplarKind
from portal.extensions import db
from portal.models_base import in_ids
from portal.organizations.models import Unit
from portal.textsearch import fold, like_pattern

# Emulation titles (danh hiệu thi đua, Luật Thi đua, khen thưởng 2022, Chapter II)
# as opposed to commendation forms (hình thức khen thưởng: orders, medals, certificates
# of merit...): the achievement report prints them in separate tables. Folded names.
EMULATION_TITLE_WORDS = (
    "chien si thi dua",
    "chien si tien tien",
    "lao dong tien tien",
    "lao dong xuat sac",
    "co thi dua",
    "don vi quyet thang",
    "don vi tien tien",
)


def is_emulation_title(name: str) -> bool:
    key = fold(name)
    return any(words in key for words in EMULATION_TITLE_WORDS)


# -- Reading rows ---------------------------------------------------------------------


def issued_recipients(organization_id: int) -> Select:
    """Recipient rows on the organization's issued decisions, newest first, with their
    decision and unit loaded."""
    return (
        select(AwardRecipient)
        .join(AwardRecipient.decision)
        .where(
            AwardDecision.organization_id == organization_id,
            AwardDecision.status == DecisionStatus.ISSUED,
        )
        .options(contains_eager(AwardRecipient.decision), selectinload(AwardRecipient.unit))
        .order_by(
            AwardDecision.year.desc(),
            AwardDecision.decided_on.desc(),
            AwardDecision.id.desc(),
            AwardRecipient.position_in_list,
            AwardRecipient.id,
        )
    )


def person_history(person: User) -> list[AwardRecipient]:
    """What the person received as an individual: on their account, or as an
    individual exemplar that is them."""
    theirs = select(Exemplar.id).where(Exemplar.person_user_id == person.id)
    query = issued_recipients(person.organization_id).where(
        AwardRecipient.kind == ExemplarKind.INDIVIDUAL,
        or_(AwardRecipient.user_id == person.id, AwardRecipient.exemplar_id.in_(theirs)),
    )
    return list(db.session.scalars(query))


def unit_history(unit: Unit) -> list[AwardRecipient]:
    """What the unit itself received as a collective (not its exemplars)."""
    query = issued_recipients(unit.organization_id).where(
        AwardRecipient.unit_id == unit.id,
        AwardRecipient.kind == ExemplarKind.COLLECTIVE,
        AwardRecipient.exemplar_id.is_(None),
    )
    return list(db.session.scalars(query))


def exemplar_history(exemplar: Exemplar) -> list[AwardRecipient]:
    """What the exemplar received; an individual's also what their account received."""
    query = issued_recipients(exemplar.unit.organization_id).where(_exemplar_clause([exemplar]))
    return list(db.session.scalars(query))


def _exemplar_clause(exemplars: list[Exemplar]):
    people = [e.person_user_id for e in exemplars if e.person_user_id]
    clause = in_ids(AwardRecipient.exemplar_id, {e.id for e in exemplars})
    if people:
        by_account = and_(
            AwardRecipient.kind == ExemplarKind.INDIVIDUAL,
            in_ids(AwardRecipient.user_id, set(people)),
        )
        clause = or_(clause, by_account)
    return clause


def past_awards_for(exemplars: Iterable[Exemplar]) -> dict[int, list[PastAward]]:
    """{exemplar id: its awards as section III prints them}, in one query."""
    exemplars = list(exemplars)
    if not exemplars:
        return {}
    organization_id = exemplars[0].unit.organization_id
    query = issued_recipients(organization_id).where(_exemplar_clause(exemplars))
    found: dict[int, list[PastAward]] = {e.id: [] for e in exemplars}
    for row in db.session.scalars(query):
        for exemplar in exemplars:
            if row.exemplar_id == exemplar.id or (
                row.kind == ExemplarKind.INDIVIDUAL
                and exemplar.person_user_id
                and row.user_id == exemplar.person_user_id
            ):
                found[exemplar.id].append(past_award(row.decision))
    return found


def past_award(decision: AwardDecision) -> PastAward:
    return PastAward(
        year=decision.year,
        name=decision.form_name,
        number=decision.number,
        decided_on=decision.decided_on,
        issuing_body=decision.issuing_body,
        is_title=is_emulation_title(decision.form_name),
    )


# -- Who reads what -------------------------------------------------------------------


def _people_units(user: User) -> set[int]:
    return user.unit_ids_with(Role.COORDINATOR, Role.STAFF)


def can_read_person(reader: User, person: User) -> bool:
    """The person, their unit's coordinator and the Office."""
    if person.organization_id != reader.organization_id:
        return False
    if reader.id == person.id or reader.is_office:
        return True
    return bool(_people_units(person) & reader.unit_ids_with(Role.COORDINATOR))


def can_read_unit(reader: User, unit: Unit) -> bool:
    """The unit's people and the Office."""
    if unit.organization_id != reader.organization_id:
        return False
    return reader.is_office or unit.id in _people_units(reader)


def can_read_exemplar(reader: User, exemplar: Exemplar) -> bool:
    """A collective exemplar as its unit; an individual as a person (the person, the
    unit's coordinator, the Office)."""
    unit = exemplar.unit
    if unit.organization_id != reader.organization_id:
        return False
    if exemplar.kind == ExemplarKind.COLLECTIVE:
        return can_read_unit(reader, unit)
    return (
        reader.is_office
        or (exemplar.person_user_id is not None and reader.id == exemplar.person_user_id)
        or unit.id in reader.unit_ids_with(Role.COORDINATOR)
    )


def search_unit_ids(reader: User) -> set[int] | None:
    """The units whose awards `reader` may search: None for the whole organization
    (the Office), a coordinator's own units, or an empty set (no search)."""
    if reader.is_office:
        return None
    return reader.unit_ids_with(Role.COORDINATOR)


# -- Search ---------------------------------------------------------------------------


@dataclass(frozen=True)
class HistoryFilters:
    q: str = ""
    form_name: str = ""
    year: int | None = None
    level: AwardLevel | None = None
    unit_id: int | None = None
    kind: ExemplarKind | None = None

    def as_args(self) -> dict[str, object]:
        """The filters as query-string arguments (for pagination and export links)."""
        args = asdict(self)
        for key in ("level", "kind"):
            args[key] = args[key].value if args[key] else None
        return {k: v for k, v in args.items() if v not in (None, "")}


def search(organization_id: int, unit_ids: set[int] | None, filters: HistoryFilters) -> Select:
    """Issued awards of the organization (or of `unit_ids`) matching `filters`."""
    query = issued_recipients(organization_id)
    if unit_ids is not None:
        query = query.where(in_ids(AwardRecipient.unit_id, unit_ids))
    if fold(filters.q):
        query = query.where(AwardRecipient.name_key.like(like_pattern(filters.q), escape="\\"))
    if filters.form_name:
        query = query.where(AwardDecision.form_name == filters.form_name)
    if filters.year:
        query = query.where(AwardDecision.year == filters.year)
    if filters.level:
        query = query.where(AwardDecision.level == filters.level)
    if filters.unit_id:
        query = query.where(AwardRecipient.unit_id == filters.unit_id)
    if filters.kind:
        query = query.where(AwardRecipient.kind == filters.kind)
    return query


def form_names(organization_id: int, unit_ids: set[int] | None) -> list[str]:
    """The titles and forms awarded in the searchable units (the filter's choices)."""
    query = (
        select(distinct(AwardDecision.form_name))
        .join(AwardRecipient, AwardRecipient.decision_id == AwardDecision.id)
        .where(
            AwardDecision.organization_id == organization_id,
            AwardDecision.status == DecisionStatus.ISSUED,
        )
    )
    if unit_ids is not None:
        query = query.where(in_ids(AwardRecipient.unit_id, unit_ids))
    return sorted(db.session.scalars(query), key=fold)
