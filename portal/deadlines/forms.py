"""Forms of the deadline pages (Vietnamese labels, errors next to the fields)."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import (
    BooleanField,
    IntegerField,
    SelectField,
    SelectMultipleField,
    StringField,
    SubmitField,
    TextAreaField,
)
from wtforms.validators import DataRequired, Length, NumberRange, Optional, ValidationError

from portal.deadlines.models import CompletionMode, DeadlineKind
from portal.fields import VersionedForm, VnDateField, VnTimeField, choices
from portal.forms_base import PortalForm
from portal.listing import FilterForm
from portal.submissions import OnceForm

MAX_DAYS_BEFORE = 90


class DeadlineForm(OnceForm, VersionedForm):
    period_id = SelectField(_l("Kỳ kế hoạch"), coerce=int, validators=[DataRequired()])
    kind = SelectField(
        _l("Nội dung phải nộp"),
        choices=choices(DeadlineKind.choices()),
    )
    year = IntegerField(_l("Năm"), validators=[DataRequired(), NumberRange(2000, 2100)])
    title = StringField(
        _l("Tên thời hạn"),
        validators=[Optional(), Length(max=500)],
        description=_l("Để trống để dùng tên mặc định theo nội dung và năm."),
    )
    description = TextAreaField(_l("Ghi chú, hướng dẫn"), validators=[Optional(), Length(max=4000)])
    due_date = VnDateField(_l("Hạn (ngày)"), validators=[DataRequired()])
    due_time = VnTimeField(
        _l("Giờ (giờ Việt Nam)"),
        validators=[Optional()],
        description=_l("Mặc định 17:00."),
    )
    completion_mode = SelectField(
        _l("Cách xác định hoàn thành"),
        choices=choices(CompletionMode.choices()),
    )
    all_units = BooleanField(_l("Áp dụng cho tất cả các đơn vị"), default=True)
    unit_ids = SelectMultipleField(_l("Các đơn vị áp dụng"), coerce=int)
    remind_days_before = StringField(
        _l("Nhắc trước hạn (số ngày, cách nhau bởi dấu phẩy)"),
        default="14,7,1",
        validators=[Optional(), Length(max=64)],
        description=_l("Thư nhắc gửi cán bộ thi đua của đơn vị chưa hoàn thành."),
    )
    escalate = BooleanField(
        _l("Cảnh báo vào ngày đến hạn và hằng tuần khi quá hạn (gửi cả Văn phòng Sở)"),
        default=True,
    )
    reminders_enabled = BooleanField(_l("Gửi thư nhắc cho thời hạn này"), default=True)
    submit = SubmitField(_l("Lưu"))

    def __init__(self, *args, period_years: dict[int, list[int]] | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.period_years = period_years or {}
        self.days_before: tuple[int, ...] = ()

    def validate_year(self, field) -> None:
        years = self.period_years.get(self.period_id.data)
        if years and field.data not in years:
            raise ValidationError(_l("Năm phải thuộc kỳ kế hoạch đã chọn."))

    def validate_unit_ids(self, field) -> None:
        if not self.all_units.data and not field.data:
            raise ValidationError(_l("Chọn ít nhất một đơn vị, hoặc áp dụng cho tất cả."))

    def validate_completion_mode(self, field) -> None:
        if field.data == CompletionMode.RECORD and self.kind.data == DeadlineKind.OTHER:
            raise ValidationError(
                _l("Nội dung khác không có hồ sơ trên Cổng: chọn Văn phòng Sở đánh dấu.")
            )

    def validate_remind_days_before(self, field) -> None:
        try:
            days = {int(p) for p in (field.data or "").replace(";", ",").split(",") if p.strip()}
        except ValueError:
            raise ValidationError(_l("Nhập các số ngày, ví dụ 14,7,1.")) from None
        if any(d < 1 or d > MAX_DAYS_BEFORE for d in days):
            raise ValidationError(_l("Mỗi số ngày phải từ 1 đến 90."))
        self.days_before = tuple(sorted(days, reverse=True))

    def clean_data(self) -> dict:
        return {
            "period_id": self.period_id.data,
            "kind": self.kind.data,
            "year": self.year.data,
            "title": self.title.data,
            "description": self.description.data,
            "due_date": self.due_date.data,
            "due_time": self.due_time.data,
            "completion_mode": self.completion_mode.data,
            "all_units": self.all_units.data,
            "unit_ids": self.unit_ids.data,
            "days_before": self.days_before,
            "escalate": self.escalate.data,
            "reminders_enabled": self.reminders_enabled.data,
        }


class MarkDoneForm(PortalForm):
    note = StringField(_l("Ghi chú"), validators=[Optional(), Length(max=500)])
    submit = SubmitField(_l("Đánh dấu đã hoàn thành"))


class DeadlineFilterForm(FilterForm):
    """The list of deadlines: of a period (else the current one), a kind, words of the title."""

    period_id = IntegerField()
    kind = SelectField(choices=["", *(k.value for k in DeadlineKind)])
    q = StringField(validators=[Length(max=200)])


class DueItemsFilterForm(FilterForm):
    """What is due within `days` days (30 unless asked, kept within 1..365)."""

    days = IntegerField()

    def window(self) -> int:
        days = self.value("days")
        return min(max(30 if days is None else days, 1), 365)
