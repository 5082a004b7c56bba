"""Forms: a person's notification choices and the Office's announcements."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import (
    BooleanField,
    RadioField,
    SelectMultipleField,
    StringField,
    SubmitField,
    TextAreaField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length, Optional, ValidationError

from portal.fields import MultiCheckboxField, VersionedForm
from portal.forms_base import PortalForm
from portal.listing import FilterForm
from portal.notifications.categories import CATEGORY_LABELS, OPTIONAL
from portal.notifications.models import EmailMode
from portal.submissions import OnceForm


class PreferencesForm(PortalForm):
    email_mode = RadioField(
        _l("Cách nhận thư"),
        choices=[
            SelectChoice(EmailMode.IMMEDIATE.value, _l("Gửi thư ngay khi có thông báo")),
            SelectChoice(
                EmailMode.DIGEST.value, _l("Gộp thành một thư tổng hợp mỗi ngày (7 giờ sáng)")
            ),
        ],
        default=EmailMode.IMMEDIATE.value,
    )
    emailed = MultiCheckboxField(
        _l("Nhận thư cho các loại thông báo"),
        choices=[SelectChoice(c, CATEGORY_LABELS[c]) for c in OPTIONAL],
        validators=[Optional()],
        description=_l("Loại bỏ chọn vẫn hiện trong mục Thông báo trên Cổng, chỉ không gửi thư."),
    )
    submit = SubmitField(_l("Lưu tùy chọn"))


class AnnouncementForm(OnceForm, VersionedForm):
    title = StringField(_l("Tiêu đề"), validators=[DataRequired(), Length(max=500)])
    body = TextAreaField(_l("Nội dung"), validators=[DataRequired(), Length(max=20000)])
    to_coordinators = BooleanField(_l("Cán bộ thi đua của các đơn vị"), default=True)
    to_staff = BooleanField(_l("Cán bộ, nhân viên của các đơn vị"))
    to_council = BooleanField(_l("Thành viên Hội đồng Thi đua - Khen thưởng"))
    all_units = BooleanField(_l("Tất cả các đơn vị"), default=True)
    unit_ids = SelectMultipleField(_l("Các đơn vị nhận"), coerce=int)
    submit = SubmitField(_l("Lưu bản nháp"))

    def validate_to_coordinators(self, field) -> None:
        if not (field.data or self.to_staff.data or self.to_council.data):
            raise ValidationError(_l("Chọn ít nhất một nhóm người nhận."))

    def validate_unit_ids(self, field) -> None:
        by_unit = self.to_coordinators.data or self.to_staff.data
        if by_unit and not self.all_units.data and not field.data:
            raise ValidationError(_l("Chọn ít nhất một đơn vị, hoặc tất cả các đơn vị."))

    def clean_data(self) -> dict:
        return {
            name: getattr(self, name).data
            for name in (
                "title",
                "body",
                "to_coordinators",
                "to_staff",
                "to_council",
                "all_units",
                "unit_ids",
            )
        }


class NotificationFilterForm(FilterForm):
    """The list of one's notifications: all, or the unread ones (`unread=1`)."""

    unread = StringField(validators=[Length(max=32)])
