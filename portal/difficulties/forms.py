"""Forms of difficulties: raising one, the Office's answer, the list filters."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import SearchField, SelectField, StringField, SubmitField, TextAreaField
from wtforms.validators import DataRequired, Length

from portal.difficulties.models import DifficultyStatus
from portal.difficulties.services import DifficultyFilters
from portal.fields import VersionedForm, choices, optional_int, year_choices
from portal.forms_base import PortalForm
from portal.listing import FilterForm
from portal.submissions import OnceForm

REQUIRED = _l("Vui lòng điền mục này.")


class DifficultyForm(OnceForm, VersionedForm):
    title = StringField(
        _l("Khó khăn, vướng mắc"), validators=[DataRequired(REQUIRED), Length(max=500)]
    )
    description = TextAreaField(
        _l("Nội dung cụ thể, đề xuất của đơn vị"),
        validators=[DataRequired(REQUIRED), Length(max=20_000)],
        render_kw={"rows": 8},
    )
    submit = SubmitField(_l("Gửi Sở"))


class AnswerForm(PortalForm):
    answer = TextAreaField(
        _l("Nội dung trả lời"),
        validators=[DataRequired(_l("Vui lòng nhập nội dung trả lời.")), Length(max=20_000)],
        render_kw={"rows": 6},
    )
    submit = SubmitField(_l("Gửi trả lời"))


class DifficultyFilterForm(FilterForm):
    status = SelectField(
        _l("Trạng thái"),
        choices=choices(DifficultyStatus.choices(), _l("Tất cả trạng thái")),
    )
    year = SelectField(_l("Năm"), coerce=optional_int, validate_choice=False)
    unit_id = SelectField(_l("Đơn vị"), coerce=optional_int, validate_choice=False)
    q = SearchField(_l("Tìm kiếm"), validators=[Length(max=200)])

    def setup(self, years: list[int], units) -> DifficultyFilterForm:
        self.year.choices = year_choices(years)
        self.unit_id.choices = choices(((u.id, u.name) for u in units), _l("Tất cả đơn vị"))
        return self

    def filters(self) -> DifficultyFilters:
        status = self.value("status")
        return DifficultyFilters(
            status=DifficultyStatus(status) if status else None,
            unit_id=self.value("unit_id"),
            year=self.value("year"),
            q=(self.value("q") or "").strip()[:200],
        )
