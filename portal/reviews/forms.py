"""Forms of the review actions: a bare form (CSRF) or a reason, and the reopen target."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import RadioField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length

from portal.forms_base import PortalForm
from portal.listing import FilterForm
from portal.reviews.states import ReviewState


class ActionForm(PortalForm):
    """Submit or accept: nothing to type, the token guards the request."""


class ReasonForm(PortalForm):
    reason = TextAreaField(
        _l("Lý do trả lại"),
        validators=[DataRequired(message=_l("Vui lòng nêu lý do.")), Length(max=4000)],
        render_kw={"rows": 3},
    )


class ReopenForm(PortalForm):
    reason = TextAreaField(
        _l("Lý do mở lại"),
        validators=[DataRequired(message=_l("Vui lòng nêu lý do.")), Length(max=4000)],
        render_kw={"rows": 3},
    )
    target = RadioField(
        _l("Chuyển về"),
        choices=[
            SelectChoice(ReviewState.RETURNED.value, _l("Trả lại đơn vị để chỉnh sửa")),
            SelectChoice(ReviewState.DRAFT.value, _l("Bản nháp")),
        ],
        default=ReviewState.RETURNED.value,
    )


class UnitSearchForm(FilterForm):
    """The units x years pages: words of a unit's name."""

    q = StringField(validators=[Length(max=200)])
