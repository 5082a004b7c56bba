"""`attempt_edit` when the other save lands between the version check and the update:
the row's version guards the UPDATE itself (on PostgreSQL, another transaction)."""

from __future__ import annotations

from flask import get_flashed_messages
from sqlalchemy import text

from portal.actions import EditConflictError, attempt_edit
from portal.exemplars.forms import ExemplarForm
from portal.exemplars.models import Exemplar
from portal.extensions import db
from tests.factories import make_exemplar


def _save_meanwhile(exemplar_id: int) -> None:
    """Another person's save, committed on a connection of its own."""
    with db.engine.begin() as other:
        other.execute(
            text(
                "UPDATE exemplars SET achievements = 'Của người kia', "
                "lock_version = lock_version + 1 WHERE id = :id"
            ),
            {"id": exemplar_id},
        )


def test_a_save_racing_past_the_check_is_refused_not_lost(app, world):
    exemplar = make_exemplar(world.unit_a, "Phạm Thị Dung")
    exemplar_id, loaded = exemplar.id, exemplar.lock_version
    with app.test_request_context(method="POST", data={"achievements": "Của tôi"}):
        form = ExemplarForm(meta={"csrf": False}, data={"lock_version": loaded})
        form.achievements.data = "Của tôi"

        def update():
            _save_meanwhile(exemplar_id)  # after the check, before the UPDATE
            exemplar.achievements = "Của tôi"

        outcome = attempt_edit(exemplar, update, form=form)

        assert not outcome.ok
        assert isinstance(outcome.error, EditConflictError)
        assert "«Của người kia»" in " ".join(form.achievements.errors)
        assert form.lock_version.data == loaded + 1  # a second save applies
        assert any("Của người kia" in m for m in get_flashed_messages())
    db.session.expire_all()
    assert db.session.get(Exemplar, exemplar_id).achievements == "Của người kia"


def test_a_save_bumps_the_version_even_when_only_children_change(app, world):
    exemplar = make_exemplar(world.unit_a, "Võ Văn Em")
    before = exemplar.lock_version
    with app.test_request_context(method="POST"):
        form = ExemplarForm(meta={"csrf": False}, data={"lock_version": before})
        assert attempt_edit(exemplar, lambda: None, form=form).ok
    db.session.expire_all()
    assert db.session.get(Exemplar, exemplar.id).lock_version == before + 1
