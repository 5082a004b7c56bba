"""Forms of the registration pages: opening the year, starting a unit's registration,
a line, the Office's acceptance and the round's choice of accepted lines."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import IntegerField, SelectField, SelectMultipleField, TextAreaField
from wtforms.validators import DataRequired, Length, NumberRange, Optional
from wtforms.widgets import CheckboxInput, ListWidget

from portal.fields import VnDateField, VnTimeField
from portal.forms_base import PortalForm
from portal.listing import FilterForm
from portal.submissions import OnceForm


class OpenRegistrationForm(OnceForm):
    period_id = SelectField(_l("Kỳ kế hoạch"), coerce=int)
    year = IntegerField(
        _l("Năm đăng ký thi đua"), validators=[DataRequired(), NumberRange(min=2000, max=2100)]
    )
    due_date = VnDateField(_l("Hạn nộp bản đăng ký"), validators=[DataRequired()])
    due_time = VnTimeField(_l("Giờ (để trống: 17:00)"), validators=[Optional()])
    note = TextAreaField(_l("Hướng dẫn cho các đơn vị"), validators=[Optional(), Length(max=5000)])


class NewRegistrationForm(OnceForm):
    """The button of a unit's row on the list. Not hidden fields: `hidden_tag()` would
    render them empty before the row's own inputs, and the empty value would be read."""

    unit_id = IntegerField(validators=[DataRequired()])
    year = IntegerField(validators=[DataRequired()])


class EntryForm(OnceForm):
    award_title_id = SelectField(_l("Danh hiệu, hình thức khen thưởng"), coerce=int)
    nominee = SelectField(_l("Tập thể, cá nhân đăng ký"))


class AcceptForm(PortalForm):
    """The Office's acceptance; a late registration needs the reason (checked by the
    service, which puts the refusal on this field)."""

    reason = TextAreaField(
        _l("Lý do chấp nhận bản đăng ký nộp muộn"), validators=[Optional(), Length(max=4000)]
    )


class PrefillForm(OnceForm):
    entry_ids = SelectMultipleField(
        _l("Đăng ký đã được chấp nhận"),
        coerce=int,
        widget=ListWidget(prefix_label=False),
        option_widget=CheckboxInput(),
    )


class YearFilterForm(FilterForm):
    year = IntegerField(validators=[Optional(), NumberRange(min=2000, max=2100)])
