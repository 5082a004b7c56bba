"""Forms of the training records: a record, and the list filters."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import (
    SearchField,
    SelectField,
    StringField,
    SubmitField,
    TextAreaField,
)
from wtforms.validators import InputRequired, Length, NumberRange, Optional

from portal.fields import (
    VersionedForm,
    VnDateField,
    VnFloatField,
    WholeNumberField,
    choices,
    optional_int,
    year_choices,
)
from portal.listing import FilterForm
from portal.submissions import OnceForm
from portal.training.services import TrainingFilters

REQUIRED = _l("Vui lòng điền mục này.")


class HoursField(VnFloatField):
    """Hours, with a decimal comma ('7,5')."""

    invalid_message = _l("Số giờ phải là một số, ví dụ 7,5.")


class TrainingForm(OnceForm, VersionedForm):
    person_user_id = SelectField(
        _l("Người tham gia (trong đơn vị)"), coerce=optional_int, validate_choice=False
    )
    person_name = StringField(
        _l("Hoặc họ tên người tham gia"),
        validators=[Length(max=255)],
        description=_l("Dùng khi người tham gia chưa có tài khoản trên cổng."),
    )
    course = StringField(_l("Khóa tập huấn"), validators=[InputRequired(REQUIRED), Length(max=500)])
    organiser = StringField(_l("Đơn vị tổ chức"), validators=[Length(max=255)])
    start_date = VnDateField(_l("Từ ngày"), validators=[InputRequired(REQUIRED)])
    end_date = VnDateField(
        _l("Đến ngày"), validators=[Optional()], description=_l("Bỏ trống nếu học trong một ngày.")
    )
    hours = HoursField(
        _l("Số giờ"),
        validators=[
            InputRequired(REQUIRED),
            NumberRange(min=0.5, max=2000, message=_l("Số giờ từ 0,5 đến 2.000.")),
        ],
    )
    cost_vnd = WholeNumberField(
        _l("Kinh phí (đồng, ngân sách nhà nước)"),
        validators=[Optional(), NumberRange(min=0, max=10**13)],
    )
    notes = TextAreaField(_l("Ghi chú"), validators=[Length(max=5000)], render_kw={"rows": 3})
    submit = SubmitField(_l("Lưu"))

    def set_people(self, people) -> None:
        self.person_user_id.choices = choices(
            ((u.id, u.full_name) for u in people), _l("— Người ngoài danh sách —")
        )

    def record_data(self) -> dict:
        return {
            name: getattr(self, name).data
            for name in (
                "person_user_id",
                "person_name",
                "course",
                "organiser",
                "start_date",
                "end_date",
                "hours",
                "notes",
                "cost_vnd",
            )
        }


class TrainingFilterForm(FilterForm):
    year = SelectField(_l("Năm"), coerce=optional_int, validate_choice=False)
    unit_id = SelectField(_l("Đơn vị"), coerce=optional_int, validate_choice=False)
    q = SearchField(_l("Tìm kiếm"), validators=[Length(max=200)])

    def setup(self, years: list[int], units) -> TrainingFilterForm:
        self.year.choices = year_choices(years)
        self.unit_id.choices = choices(((u.id, u.name) for u in units), _l("Tất cả đơn vị"))
        return self

    def filters(self) -> TrainingFilters:
        return TrainingFilters(
            year=self.value("year"),
            unit_id=self.value("unit_id"),
            q=(self.value("q") or "").strip()[:200],
        )
