"""Forms of the Office's outbox: the list's filters and the test message."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import EmailField, SelectField, StringField, SubmitField
from wtforms.validators import DataRequired, Email, Length, Optional, ValidationError

from portal.fields import VnDateField
from portal.forms_base import PortalForm
from portal.listing import FilterForm
from portal.mail.models import MailStatus
from portal.mail.outbox import OutboxFilters, category_label

FILTER_FIELDS = ("recipient", "status", "category", "date_from", "date_to")


class OutboxFilterForm(FilterForm):
    recipient = StringField(_l("Người nhận"), validators=[Optional(), Length(max=255)])
    status = SelectField(_l("Trạng thái"), validators=[Optional()])
    category = SelectField(_l("Loại thư"), validators=[Optional()])
    date_from = VnDateField(_l("Từ ngày"), validators=[Optional()])
    date_to = VnDateField(_l("Đến ngày"), validators=[Optional()])

    def set_choices(self, categories: list[str]) -> None:
        everything = ("", _l("Tất cả"))
        self.status.choices = [everything] + MailStatus.choices()
        self.category.choices = [everything] + [(c, category_label(c)) for c in categories]

    def validate_date_to(self, field: VnDateField) -> None:
        if field.data and self.date_from.data and field.data < self.date_from.data:
            raise ValidationError(_l("Ngày kết thúc không được trước ngày bắt đầu."))

    def filters(self) -> OutboxFilters:
        status = self.value("status")
        return OutboxFilters(
            recipient=(self.value("recipient") or "").strip(),
            status=MailStatus(status) if status else None,
            category=self.value("category") or "",
            date_from=self.value("date_from"),
            date_to=self.value("date_to"),
        )

    def query_args(self) -> dict[str, str]:
        """The filters as they came in the URL, to keep them across pages."""
        return {
            name: getattr(self, name).raw_data[0]
            for name in FILTER_FIELDS
            if getattr(self, name).raw_data and getattr(self, name).raw_data[0]
        }


def _strip(value: str | None) -> str | None:
    return value.strip() if value else value


class SendTestForm(PortalForm):
    email = EmailField(
        _l("Gửi đến địa chỉ thư điện tử"),
        validators=[DataRequired(), Email(), Length(max=255)],
        filters=[_strip],
    )
    submit = SubmitField(_l("Gửi thư kiểm tra"))
