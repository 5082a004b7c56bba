"""Forms of the programme's budget: the year shown, and an amount set for it."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import SelectField, StringField, SubmitField
from wtforms.validators import Length, NumberRange, Optional

from portal.fields import WholeNumberField, choices, optional_int
from portal.forms_base import PortalForm
from portal.listing import FilterForm

NEGATIVE = _l("Kinh phí phải là số không âm.")


class YearForm(FilterForm):
    year = SelectField(_l("Năm"), coerce=optional_int, validate_choice=False)

    def setup(self, years: list[int]) -> YearForm:
        self.year.choices = choices((y, str(y)) for y in years)
        return self


class BudgetForm(PortalForm):
    """Setting an amount replaces the one there; leaving it empty removes it."""

    unit_id = SelectField(
        _l("Áp dụng cho"),
        coerce=optional_int,
        invalid_choice_message=_l("Chỉ được chọn các đơn vị của Sở."),
    )
    amount_vnd = WholeNumberField(
        _l("Kinh phí được giao (đồng)"),
        validators=[Optional(), NumberRange(min=0, max=10**13, message=NEGATIVE)],
        description=_l("Bỏ trống để xóa mức kinh phí đã giao."),
    )
    note = StringField(_l("Ghi chú"), validators=[Length(max=500)])
    submit = SubmitField(_l("Lưu kinh phí"))

    def setup(self, units) -> BudgetForm:
        self.unit_id.choices = choices(((u.id, u.name) for u in units), _l("Toàn Sở"))
        return self
