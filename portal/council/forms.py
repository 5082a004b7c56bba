"""Forms of the council: seats and the supervision plan (assignments use a matrix)."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import SelectField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import InputRequired, Length

from portal.council.models import CouncilPosition
from portal.fields import MultiCheckboxField, VersionedForm, choices
from portal.forms_base import PortalForm
from portal.inspections.forms import scope_choices
from portal.listing import FilterForm
from portal.submissions import OnceForm


class SeatEditForm(VersionedForm):
    position = SelectField(
        _l("Chức danh trong Hội đồng"),
        choices=choices(CouncilPosition.choices()),
        validators=[InputRequired()],
    )
    title = StringField(_l("Chức vụ"), validators=[Length(max=255)])


class SeatForm(OnceForm, SeatEditForm):
    user_id = SelectField(
        _l("Người dùng"), coerce=int, choices=[], validators=[InputRequired(_l("Chọn người dùng."))]
    )


class PlanItemForm(OnceForm, VersionedForm):
    unit_id = SelectField(
        _l("Đơn vị"), coerce=int, choices=[], validators=[InputRequired(_l("Chọn đơn vị."))]
    )
    month = SelectField(
        _l("Tháng"),
        coerce=int,
        choices=[SelectChoice(m, str(m)) for m in range(1, 13)],
        validators=[InputRequired()],
    )
    scope = MultiCheckboxField(_l("Nội dung kiểm tra"), choices=scope_choices())
    member_ids = MultiCheckboxField(_l("Thành viên Hội đồng"), coerce=int, choices=[])
    note = TextAreaField(_l("Ghi chú"), validators=[Length(max=5000)], render_kw={"rows": 2})


class AssignmentsForm(PortalForm):
    """The assignment matrix: its checkboxes are read from the request as `pair` values."""


class PlanFilterForm(FilterForm):
    """The supervision plan's units: all, or those whose coverage has one status."""

    status = StringField(validators=[Length(max=32)])
