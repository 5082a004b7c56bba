"""Forms of the propagation log: an activity, and the list filters."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import (
    SearchField,
    SelectField,
    SelectMultipleField,
    StringField,
    SubmitField,
    TextAreaField,
    URLField,
)
from wtforms.validators import (
    DataRequired,
    InputRequired,
    Length,
    NumberRange,
    Optional,
    ValidationError,
)

from portal.fields import (
    VersionedForm,
    VnDateField,
    WholeNumberField,
    choices,
    optional_int,
    year_choices,
)
from portal.listing import FilterForm
from portal.propagation.models import ActivityType, Channel
from portal.propagation.services import ActivityFilters, clean_link
from portal.rules import RuleError
from portal.submissions import OnceForm

FOREIGN_EXEMPLAR = _l("Chỉ được chọn điển hình của chính đơn vị thực hiện hoạt động.")
REQUIRED = _l("Vui lòng điền mục này.")


def _http_link(form, field) -> None:
    try:
        field.data = clean_link(field.data)
    except RuleError as exc:
        raise ValidationError(str(exc)) from exc


class ActivityForm(OnceForm, VersionedForm):
    activity_date = VnDateField(_l("Ngày thực hiện"), validators=[InputRequired(REQUIRED)])
    activity_type = SelectField(
        _l("Hình thức"),
        choices=choices(ActivityType.choices()),
        validators=[DataRequired(REQUIRED)],
    )
    channel = SelectField(
        _l("Kênh"),
        choices=choices(Channel.choices()),
        validators=[DataRequired(REQUIRED)],
    )
    title = StringField(_l("Tiêu đề"), validators=[DataRequired(REQUIRED), Length(max=500)])
    link = URLField(_l("Đường dẫn (nếu có)"), validators=[Optional(), Length(max=1000), _http_link])
    audience_reached = WholeNumberField(
        _l("Số người được tiếp cận"), validators=[Optional(), NumberRange(min=0)]
    )
    cost_vnd = WholeNumberField(
        _l("Kinh phí (đồng, ngân sách nhà nước)"),
        validators=[Optional(), NumberRange(min=0, max=10**13)],
    )
    partner_unit = StringField(
        _l("Đơn vị giao lưu, tham quan (nếu có)"), validators=[Length(max=255)]
    )
    movement_id = SelectField(
        _l("Phong trào thi đua"),
        coerce=optional_int,
        invalid_choice_message=_l("Phong trào được chọn không dành cho đơn vị này."),
    )
    exemplar_ids = SelectMultipleField(
        _l("Điển hình được tuyên truyền"),
        coerce=int,
        invalid_choice_message=FOREIGN_EXEMPLAR,
    )
    description = TextAreaField(
        _l("Mô tả, kết quả"), validators=[Length(max=20000)], render_kw={"rows": 4}
    )
    submit = SubmitField(_l("Lưu"))

    def set_movements(self, movements: list[tuple[int, str]]) -> None:
        self.movement_id.choices = choices(movements, _l("— Không gắn phong trào —"))

    def set_exemplars(self, exemplars) -> None:
        self.exemplar_ids.choices = choices((e.id, e.name) for e in exemplars)

    def activity_data(self) -> dict:
        return {
            "activity_date": self.activity_date.data,
            "activity_type": ActivityType(self.activity_type.data),
            "channel": Channel(self.channel.data),
            "title": self.title.data,
            "link": self.link.data or "",
            "audience_reached": self.audience_reached.data,
            "cost_vnd": self.cost_vnd.data,
            "partner_unit": self.partner_unit.data or "",
            "movement_id": self.movement_id.data,
            "description": self.description.data or "",
        }


class ActivityFilterForm(FilterForm):
    """The list's GET filters; never fails, unreadable values are ignored."""

    year = SelectField(_l("Năm"), coerce=optional_int, validate_choice=False)
    activity_type = SelectField(
        _l("Hình thức"),
        choices=choices(ActivityType.choices(), _l("Tất cả hình thức")),
    )
    channel = SelectField(
        _l("Kênh"),
        choices=choices(Channel.choices(), _l("Tất cả các kênh")),
    )
    unit_id = SelectField(_l("Đơn vị"), coerce=optional_int, validate_choice=False)
    q = SearchField(_l("Tìm kiếm"), validators=[Length(max=200)])

    def setup(self, years: list[int], units) -> ActivityFilterForm:
        self.year.choices = year_choices(years)
        self.unit_id.choices = choices(((u.id, u.name) for u in units), _l("Tất cả đơn vị"))
        return self

    def filters(self) -> ActivityFilters:
        activity_type, channel = self.value("activity_type"), self.value("channel")
        return ActivityFilters(
            year=self.value("year"),
            activity_type=ActivityType(activity_type) if activity_type else None,
            channel=Channel(channel) if channel else None,
            unit_id=self.value("unit_id"),
            q=(self.value("q") or "").strip()[:200],
        )
