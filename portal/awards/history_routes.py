"""Award history pages: a person's, a unit's and an exemplar's titles and commendations,
and the search across the organization (with its Excel export).

Who reads a history is decided in `history` (the person, their coordinator, the
Office; a unit's people); anyone else, like a foreign id, gets a 404."""

from __future__ import annotations

from flask import Blueprint, abort, render_template
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy.orm import selectinload
from wtforms import IntegerField, SelectField, StringField
from wtforms.validators import Length

from portal.accounts.models import User
from portal.awards import history
from portal.awards.export import history_workbook
from portal.awards.models import AwardLevel
from portal.documents.excel import send_workbook
from portal.exemplars.models import Exemplar, ExemplarKind
from portal.extensions import db
from portal.formatting import today_vn
from portal.listing import FilterForm, page_of
from portal.models_base import in_ids
from portal.organizations.models import Unit

bp = Blueprint("award_history", __name__, url_prefix="/awards", template_folder="templates")


class HistoryFilterForm(FilterForm):
    q = StringField(validators=[Length(max=200)])
    form_name = StringField(validators=[Length(max=500)])
    year = IntegerField()
    level = SelectField(choices=["", *(level.value for level in AwardLevel)])
    unit_id = IntegerField()
    kind = SelectField(choices=["", *(kind.value for kind in ExemplarKind)])

    def filters(self) -> history.HistoryFilters:
        level, kind = self.value("level"), self.value("kind")
        return history.HistoryFilters(
            q=(self.value("q") or "").strip()[:200],
            form_name=(self.value("form_name") or "").strip(),
            year=self.value("year"),
            level=AwardLevel(level) if level else None,
            unit_id=self.value("unit_id"),
            kind=ExemplarKind(kind) if kind else None,
        )


@bp.app_template_global()
def reads_award_history(kind: str, record) -> bool:
    """For the links on the unit, exemplar and account pages: whether the signed-in
    person may open that history."""
    if not current_user.is_authenticated or current_user.organization_id is None:
        return False
    check = {
        "person": history.can_read_person,
        "unit": history.can_read_unit,
        "exemplar": history.can_read_exemplar,
    }[kind]
    return check(current_user, record)


@bp.get("/people/<int:user_id>/history")
@login_required
def person(user_id: int):
    person = db.session.get(User, user_id)
    if person is None or not history.can_read_person(current_user, person):
        abort(404)
    return render_template(
        "awards/history_record.html",
        heading=_("Quá trình khen thưởng của %(name)s", name=person.full_name),
        rows=history.person_history(person),
    )


@bp.get("/units/<int:unit_id>/history")
@login_required
def unit(unit_id: int):
    unit = db.session.get(Unit, unit_id)
    if unit is None or not history.can_read_unit(current_user, unit):
        abort(404)
    return render_template(
        "awards/history_record.html",
        heading=_("Khen thưởng tập thể của %(name)s", name=unit.name),
        rows=history.unit_history(unit),
    )


@bp.get("/exemplars/<int:exemplar_id>/history")
@login_required
def exemplar(exemplar_id: int):
    exemplar = db.session.get(Exemplar, exemplar_id, options=[selectinload(Exemplar.unit)])
    if exemplar is None or not history.can_read_exemplar(current_user, exemplar):
        abort(404)
    return render_template(
        "awards/history_record.html",
        heading=_("Quá trình khen thưởng của %(name)s", name=exemplar.name),
        rows=history.exemplar_history(exemplar),
    )


def _search_scope() -> set[int] | None:
    """The searchable units; 403 for whoever may not search."""
    if current_user.organization_id is None:
        abort(403)
    unit_ids = history.search_unit_ids(current_user)
    if unit_ids is not None and not unit_ids:
        abort(403)
    return unit_ids


@bp.get("/history")
@login_required
def search():
    unit_ids = _search_scope()
    filters = HistoryFilterForm().filters()
    organization_id = current_user.organization_id
    units = db.session.scalars(
        db.select(Unit)
        .where(Unit.organization_id == organization_id)
        .where(in_ids(Unit.id, unit_ids) if unit_ids is not None else Unit.id.isnot(None))
        .order_by(Unit.name)
    ).all()
    return render_template(
        "awards/history_search.html",
        page=page_of(history.search(organization_id, unit_ids, filters)),
        filters=filters,
        units=units,
        form_names=history.form_names(organization_id, unit_ids),
        levels=list(AwardLevel),
        kinds=list(ExemplarKind),
    )


@bp.get("/history/export.xlsx")
@login_required
def search_export():
    unit_ids = _search_scope()
    filters = HistoryFilterForm().filters()
    rows = db.session.scalars(history.search(current_user.organization_id, unit_ids, filters))
    return send_workbook(history_workbook(rows), f"khen-thuong-{today_vn():%Y%m%d}.xlsx")
