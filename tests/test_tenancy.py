"""The tenancy rules: who sees which unit, who may edit, and 404 versus 403."""

from __future__ import annotations

from contextlib import contextmanager

import pytest
from flask import g
from flask_login import current_user, login_user
from sqlalchemy import inspect as sa_inspect
from sqlalchemy import select
from sqlalchemy.orm import selectinload
from werkzeug.exceptions import Forbidden, NotFound

from portal import tenancy
from portal.accounts.models import CouncilAssignment, Role, RoleMembership
from portal.exemplars.models import Exemplar
from portal.extensions import db
from portal.models_base import in_ids
from portal.organizations.models import Unit, UnitKind
from portal.periods.models import PlanPeriod
from sampledata.world import make_user
from tests.factories import make_exemplar, make_unit


@contextmanager
def signed_in(app, user):
    """A request in which `user` is signed in (the per-request cache starts empty)."""
    with app.test_request_context():
        g.pop("_login_user", None)
        if user is not None:
            login_user(user)
        yield


def _assign(world, user, unit, year=2024, org=None):
    assignment = CouncilAssignment(
        organization_id=(org or world.org).id, user_id=user.id, unit_id=unit.id, year=year
    )
    db.session.add(assignment)
    db.session.commit()
    return assignment


# -- Who sees which unit ------------------------------------------------------------


def test_office_and_viewer_see_every_unit_of_their_organization(world):
    both = {world.unit_a.id, world.unit_b.id}
    assert tenancy.visible_unit_ids(world.office) == both
    assert tenancy.visible_unit_ids(world.viewer) == both
    assert tenancy.sees_whole_organization(world.office)
    assert tenancy.sees_whole_organization(world.viewer)
    assert not tenancy.sees_whole_organization(world.coordinator_a)


def test_nobody_sees_another_organization(world):
    assert tenancy.visible_unit_ids(world.foreign_office) == {world.foreign_unit.id}
    assert tenancy.visible_unit_ids(world.foreign_coordinator) == {world.foreign_unit.id}
    for user in (world.office, world.viewer, world.council, world.coordinator_a):
        assert world.foreign_unit.id not in tenancy.visible_unit_ids(user)


def test_coordinator_and_staff_see_their_own_unit(world):
    assert tenancy.visible_unit_ids(world.coordinator_a) == {world.unit_a.id}
    assert tenancy.visible_unit_ids(world.staff_a) == {world.unit_a.id}
    assert tenancy.visible_unit_ids(world.coordinator_b) == {world.unit_b.id}


def test_a_unit_role_pointing_at_a_foreign_unit_gives_nothing(world):
    # Even a corrupt membership cannot open another organization's unit.
    sneaky = make_user(world.org, "sneaky@example.vn", (Role.STAFF, world.foreign_unit))
    assert tenancy.visible_unit_ids(sneaky) == set()


def test_council_member_sees_only_assigned_units(world):
    assert tenancy.visible_unit_ids(world.council) == set()
    _assign(world, world.council, world.unit_b, year=2024)
    assert tenancy.visible_unit_ids(world.council) == {world.unit_b.id}
    assert tenancy.assigned_unit_ids(world.council) == {world.unit_b.id}
    assert tenancy.assigned_unit_ids(world.council, year=2024) == {world.unit_b.id}
    assert tenancy.assigned_unit_ids(world.council, year=2023) == set()


def test_council_assignment_recorded_under_another_organization_is_ignored(world):
    _assign(world, world.council, world.foreign_unit, org=world.other_org)
    assert tenancy.assigned_unit_ids(world.council) == set()
    assert tenancy.visible_unit_ids(world.council) == set()


def test_multiple_roles_add_up(world):
    person = make_user(
        world.org,
        "hai.vai@example.vn",
        (Role.STAFF, world.unit_a),
        (Role.COORDINATOR, world.unit_b),
        (Role.COUNCIL_MEMBER, None),
    )
    assert tenancy.visible_unit_ids(person) == {world.unit_a.id, world.unit_b.id}
    assert tenancy.can_edit_unit(world.unit_b.id, person)
    assert not tenancy.can_edit_unit(world.unit_a.id, person)


def test_user_with_no_role_sees_nothing(world):
    nobody = make_user(world.org, "norole@example.vn")
    assert tenancy.visible_unit_ids(nobody) == set()


def test_anonymous_sees_nothing(app, world):
    with signed_in(app, None):
        assert tenancy.visible_unit_ids() == set()
        assert not tenancy.current_org


def test_visible_units_lists_units_by_name_and_can_skip_inactive(app, world):
    world.unit_b.is_active = False
    db.session.commit()
    with signed_in(app, world.office):
        names = [u.name for u in db.session.scalars(tenancy.visible_units())]
        assert names == ["Phòng Môi trường", "Thanh tra Sở"]
        active = [u.name for u in db.session.scalars(tenancy.visible_units(active_only=True))]
        assert active == ["Phòng Môi trường"]


def test_visible_units_is_computed_once_per_request(app, world, query_counter):
    with signed_in(app, world.coordinator_a):
        tenancy.visible_unit_ids()
        with query_counter() as statements:
            tenancy.visible_unit_ids()
            tenancy.get_unit_or_404(world.unit_a.id)
        # The computation is the one query that filters units by organization.
        recomputed = [s for s in statements if "WHERE units.organization_id" in s]
        assert not recomputed, recomputed


# -- Who may edit -------------------------------------------------------------------


@pytest.mark.parametrize(
    "who,unit,allowed",
    [
        ("office", "unit_a", True),
        ("office", "unit_b", True),
        ("office", "foreign_unit", False),
        ("coordinator_a", "unit_a", True),
        ("coordinator_a", "unit_b", False),
        ("staff_a", "unit_a", False),
        ("viewer", "unit_a", False),
        ("council", "unit_b", False),
        ("foreign_office", "unit_a", False),
        ("foreign_office", "foreign_unit", True),
    ],
)
def test_can_edit_unit(world, who, unit, allowed):
    _assign(world, world.council, world.unit_b)
    assert tenancy.can_edit_unit(getattr(world, unit).id, getattr(world, who)) is allowed


# -- Lookups: 404 for what is not visible, 403 for what may only be read ---------------


def test_get_unit_or_404(app, world):
    with signed_in(app, world.coordinator_a):
        assert tenancy.get_unit_or_404(world.unit_a.id) == world.unit_a
        for unit_id in (world.unit_b.id, world.foreign_unit.id, 99999):
            with pytest.raises(NotFound):
                tenancy.get_unit_or_404(unit_id)


def test_scoped_select_returns_only_visible_rows(app, world):
    mine, theirs, foreign = (
        make_exemplar(world.unit_a, "Tập thể Phòng"),
        make_exemplar(world.unit_b, "Tập thể Phòng"),
        make_exemplar(world.foreign_unit, "Tập thể Phòng"),
    )
    with signed_in(app, world.coordinator_a):
        assert set(db.session.scalars(tenancy.scoped(Exemplar))) == {mine}
    with signed_in(app, world.office):
        assert set(db.session.scalars(tenancy.scoped(Exemplar))) == {mine, theirs}
    with signed_in(app, world.council):
        assert set(db.session.scalars(tenancy.scoped(Exemplar))) == set()
    _assign(world, world.council, world.unit_b)
    with signed_in(app, world.council):
        assert set(db.session.scalars(tenancy.scoped(Exemplar))) == {theirs}
    assert set(db.session.scalars(tenancy.scoped(Exemplar, world.foreign_office))) == {foreign}


def test_get_scoped_or_404(app, world):
    mine, theirs, foreign = (
        make_exemplar(world.unit_a, "Tập thể Phòng"),
        make_exemplar(world.unit_b, "Tập thể Phòng"),
        make_exemplar(world.foreign_unit, "Tập thể Phòng"),
    )
    with signed_in(app, world.staff_a):
        assert tenancy.get_scoped_or_404(Exemplar, mine.id) == mine
        for object_id in (theirs.id, foreign.id, 99999):
            with pytest.raises(NotFound):
                tenancy.get_scoped_or_404(Exemplar, object_id)
    with signed_in(app, world.office):
        assert tenancy.get_scoped_or_404(Exemplar, theirs.id) == theirs
        with pytest.raises(NotFound):
            tenancy.get_scoped_or_404(Exemplar, foreign.id)


def test_get_scoped_or_404_loads_with_the_options_given(app, world):
    mine = make_exemplar(world.unit_a, "Tập thể Phòng")
    mine_id = mine.id
    db.session.expunge(mine)  # loaded afresh, not found in the session
    with signed_in(app, world.staff_a):
        options = (selectinload(Exemplar.unit),)
        loaded = tenancy.get_scoped_or_404(Exemplar, mine_id, options=options)
        assert "unit" not in sa_inspect(loaded).unloaded
        assert loaded.unit == world.unit_a


def test_get_child_or_404_finds_only_the_parents_own_rows(app, world):
    own = world.coordinator_a.memberships[0]
    with signed_in(app, world.coordinator_a):
        assert tenancy.get_child_or_404(RoleMembership, own.id, parent=world.coordinator_a) == own
        assert tenancy.get_child_or_404(RoleMembership, own.id, parent=current_user) == own
        for parent, object_id in ((world.staff_a, own.id), (world.coordinator_a, 99999)):
            with pytest.raises(NotFound):
                tenancy.get_child_or_404(RoleMembership, object_id, parent=parent)


def test_in_ids_is_false_for_no_ids(world):
    units = select(Unit.id).where(Unit.organization_id == world.org.id)
    assert set(db.session.scalars(units.where(in_ids(Unit.id, {world.unit_a.id})))) == {
        world.unit_a.id
    }
    assert list(db.session.scalars(units.where(in_ids(Unit.id, set())))) == []


@pytest.mark.parametrize(
    "who,target,outcome",
    [
        ("coordinator_a", "mine", "ok"),
        ("office", "mine", "ok"),
        ("office", "theirs", "ok"),
        ("staff_a", "mine", 403),
        ("viewer", "mine", 403),
        ("council", "theirs", 403),  # assigned: may read, not edit
        ("coordinator_a", "theirs", 404),
        ("staff_a", "theirs", 404),
        ("council", "mine", 404),  # not assigned
        ("office", "foreign", 404),
        ("foreign_office", "mine", 404),
    ],
)
def test_get_editable_or_404_and_require_unit_edit(app, world, who, target, outcome):
    _assign(world, world.council, world.unit_b)
    rows = {
        "mine": make_exemplar(world.unit_a, "Tập thể Phòng"),
        "theirs": make_exemplar(world.unit_b, "Tập thể Phòng"),
        "foreign": make_exemplar(world.foreign_unit, "Tập thể Phòng"),
    }
    row = rows[target]
    with signed_in(app, getattr(world, who)):
        if outcome == "ok":
            assert tenancy.get_editable_or_404(Exemplar, row.id) == row
            assert tenancy.require_unit_edit(row.unit_id) is None
        else:
            error = Forbidden if outcome == 403 else NotFound
            with pytest.raises(error):
                tenancy.get_editable_or_404(Exemplar, row.id)
            with pytest.raises(error):
                tenancy.require_unit_edit(row.unit_id)


def test_organization_rows(app, world):
    with signed_in(app, world.office):
        assert tenancy.get_org_owned_or_404(Unit, world.unit_b.id) == world.unit_b
        assert tenancy.get_org_owned_or_404(PlanPeriod, world.period.id) == world.period
        with pytest.raises(NotFound):
            tenancy.get_org_owned_or_404(Unit, world.foreign_unit.id)
        with pytest.raises(NotFound):
            tenancy.get_org_owned_or_404(PlanPeriod, world.foreign_period.id)
        with pytest.raises(NotFound):
            tenancy.get_org_owned_or_404(Unit, 99999)
        periods = set(db.session.scalars(tenancy.org_scoped(PlanPeriod)))
        assert periods == {world.period}
        assert tenancy.current_org.id == world.org.id
    with signed_in(app, world.foreign_coordinator):
        assert set(db.session.scalars(tenancy.org_scoped(Unit))) == {world.foreign_unit}
    with signed_in(app, None):
        assert list(db.session.scalars(tenancy.org_scoped(Unit))) == []
        with pytest.raises(NotFound):
            tenancy.get_org_owned_or_404(Unit, world.unit_a.id)


# -- Decorators ---------------------------------------------------------------------


def test_roles_required_and_office_required(app, world, client):
    from sampledata.probes import login

    app.add_url_rule("/_t/office", "t_office", tenancy.office_required(lambda: "ok"))
    readers = tenancy.roles_required(Role.VIEWER, Role.COUNCIL_MEMBER)(lambda: "ok")
    app.add_url_rule("/_t/readers", "t_readers", readers)
    anonymous = client.get("/_t/office")
    assert anonymous.status_code == 302 and "/login" in anonymous.headers["Location"]
    expected = {
        "office": (200, 403),
        "viewer": (403, 200),
        "council": (403, 200),
        "coordinator_a": (403, 403),
        "staff_a": (403, 403),
        "foreign_office": (200, 403),
    }
    for who, (office_status, readers_status) in expected.items():
        login(client, getattr(world, who))
        assert client.get("/_t/office").status_code == office_status, who
        assert client.get("/_t/readers").status_code == readers_status, who


def test_unit_owned_mixin_gives_an_indexed_unit_column():
    column = Exemplar.__table__.c.unit_id
    assert column.index and {fk.column.table.name for fk in column.foreign_keys} == {"units"}


def test_new_unit_appears_for_the_office_at_once(app, world):
    with signed_in(app, world.office):
        assert len(tenancy.visible_unit_ids()) == 2
    unit = make_unit(world.org, "Công đoàn Sở", UnitKind.MASS_ORGANISATION)
    with signed_in(app, world.office):
        assert unit.id in tenancy.visible_unit_ids()


def test_a_council_members_assignments_are_read_once_per_request(app, world, query_counter):
    """The visible units, the council's years and the council's pages all ask for them."""
    _assign(world, world.council, world.unit_a, year=2024)
    _assign(world, world.council, world.unit_b, year=2025)
    db.session.commit()
    with signed_in(app, world.council):
        with query_counter() as statements:
            assert tenancy.assigned_unit_ids(world.council) == {world.unit_a.id, world.unit_b.id}
            assert tenancy.assigned_unit_ids(world.council, 2025) == {world.unit_b.id}
            assert tenancy.council_years() == {
                world.unit_a.id: frozenset({2024}),
                world.unit_b.id: frozenset({2025}),
            }
            tenancy.visible_unit_ids()
        read = [s for s in statements if "FROM council_assignments" in s]
        assert len(read) == 1, read
    with signed_in(app, world.council):  # the next request reads them afresh
        _assign(world, world.council, world.unit_b, year=2024)
        db.session.commit()
        assert tenancy.assigned_unit_ids(world.council, 2024) == {world.unit_a.id, world.unit_b.id}
