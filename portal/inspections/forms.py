"""Forms of inspection records, of the follow-up of findings, and the filters of their lists."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import (
    IntegerField,
    RadioField,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, InputRequired, Length, Optional

from portal.fields import MultiCheckboxField, VersionedForm, VnDateField, choices
from portal.forms_base import PortalForm
from portal.inspections.models import (
    FindingSeverity,
    FindingStatus,
    InspectionMethod,
    InspectionScope,
)
from portal.inspections.queries import FindingFilters, InspectionFilters
from portal.listing import FilterForm
from portal.submissions import OnceForm

NONE = SelectChoice(0, "—")


def scope_choices() -> list[SelectChoice]:
    return choices(InspectionScope.choices())


class InspectionForm(OnceForm, VersionedForm):
    inspection_date = VnDateField(_l("Ngày kiểm tra"), validators=[InputRequired()])
    method = RadioField(
        _l("Hình thức kiểm tra"),
        choices=choices(InspectionMethod.choices()),
        validators=[InputRequired(_l("Chọn hình thức kiểm tra."))],
    )
    scope = MultiCheckboxField(_l("Nội dung kiểm tra"), choices=scope_choices())
    member_ids = MultiCheckboxField(_l("Thành viên tham gia"), coerce=int, choices=[])
    plan_item_id = SelectField(_l("Theo kế hoạch giám sát"), coerce=int, choices=[NONE], default=0)
    summary = TextAreaField(
        _l("Kết quả kiểm tra (tóm tắt)"),
        validators=[DataRequired(_l("Nhập kết quả kiểm tra tóm tắt.")), Length(max=20000)],
        render_kw={"rows": 6},
    )


class FindingForm(OnceForm, VersionedForm):
    severity = SelectField(
        _l("Mức độ"),
        choices=choices(FindingSeverity.choices()),
        validators=[InputRequired()],
    )
    finding = TextAreaField(
        _l("Nội dung phát hiện"),
        validators=[DataRequired(_l("Nhập nội dung phát hiện.")), Length(max=10000)],
        render_kw={"rows": 3},
    )
    recommendation = TextAreaField(
        _l("Kiến nghị"), validators=[Length(max=10000)], render_kw={"rows": 2}
    )
    corrective_action = TextAreaField(
        _l("Biện pháp khắc phục"), validators=[Length(max=10000)], render_kw={"rows": 2}
    )
    action_owner_user_id = SelectField(
        _l("Người chịu trách nhiệm (người dùng của đơn vị)"), coerce=int, choices=[NONE], default=0
    )
    action_owner_name = StringField(
        _l("hoặc ghi tên người/bộ phận chịu trách nhiệm"), validators=[Length(max=255)]
    )
    due_date = VnDateField(_l("Hạn khắc phục"), validators=[Optional()])

    def values(self) -> dict:
        return {
            "severity": self.severity.data,
            "finding": self.finding.data,
            "recommendation": self.recommendation.data,
            "corrective_action": self.corrective_action.data,
            "action_owner_user_id": self.action_owner_user_id.data or None,
            "action_owner_name": self.action_owner_name.data or "",
            "due_date": self.due_date.data,
        }


class AnswerForm(PortalForm):
    body = TextAreaField(
        _l("Đơn vị đã thực hiện"),
        validators=[DataRequired(_l("Nhập nội dung đã thực hiện.")), Length(max=10000)],
        render_kw={"rows": 4},
    )


class VerifyForm(PortalForm):
    decision = RadioField(
        _l("Kết quả xác minh"),
        choices=[
            SelectChoice("close", _l("Đạt, đóng kết luận")),
            SelectChoice("send_back", _l("Chưa đạt, trả lại")),
        ],
        validators=[InputRequired(_l("Chọn kết quả xác minh."))],
    )
    comment = TextAreaField(_l("Nhận xét"), validators=[Length(max=10000)], render_kw={"rows": 3})


class CorrectionForm(OnceForm):
    finding_id = SelectField(_l("Đính chính cho"), coerce=int, choices=[NONE], default=0)
    text = TextAreaField(
        _l("Nội dung đính chính"),
        validators=[DataRequired(_l("Nhập nội dung đính chính.")), Length(max=10000)],
        render_kw={"rows": 3},
    )


class InspectionFilterForm(FilterForm):
    """The inspection list's filters (the template draws its own inputs)."""

    year = IntegerField()
    unit_id = IntegerField()
    signed = SelectField(choices=["", "draft", "signed"])

    def filters(self) -> InspectionFilters:
        return InspectionFilters(
            year=self.value("year"),
            unit_id=self.value("unit_id"),
            signed=self.value("signed") or "",
        )


class FindingFilterForm(FilterForm):
    """The finding list's (and its export's) filters."""

    year = IntegerField()
    unit_id = IntegerField()
    status = SelectField(choices=["", "not_closed", *(s.value for s in FindingStatus)])
    severity = SelectField(choices=["", *(s.value for s in FindingSeverity)])
    overdue = StringField(validators=[Length(max=32)])
    q = StringField(validators=[Length(max=200)])

    def filters(self) -> FindingFilters:
        return FindingFilters(
            year=self.value("year"),
            unit_id=self.value("unit_id"),
            status=self.value("status") or "",
            severity=self.value("severity") or "",
            overdue=self.value("overdue") in ("1", "on", "true"),
            q=(self.value("q") or "").strip()[:100],
        )
