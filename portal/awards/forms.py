"""Forms of the award decision pages: the decision, its recipients, issuing it,
amending it, and the list's filters."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf.file import FileField
from wtforms import (
    BooleanField,
    FieldList,
    FormField,
    HiddenField,
    IntegerField,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional

from portal.awards.models import AwardLevel, DecisionStatus
from portal.awards.services import DecisionInput, RecipientChange
from portal.fields import VersionedForm, VnDateField, WholeNumberField, choices, optional_int
from portal.forms_base import PortalForm, PortalSubForm
from portal.listing import FilterForm
from portal.submissions import OnceForm


class DecisionForm(OnceForm, VersionedForm):
    """A decision's header: recorded by hand (with its scan) or edited while a draft."""

    number = StringField(
        _l("Số quyết định"),
        validators=[Optional(), Length(max=64)],
        description=_l("Để trống khi dự thảo chưa có số."),
    )
    decided_on = VnDateField(_l("Ngày ký"), validators=[Optional()])
    level = SelectField(
        _l("Cấp khen thưởng"),
        choices=choices(AwardLevel.choices()),
        validators=[InputRequired(_l("Chọn cấp khen thưởng."))],
    )
    issuing_body = StringField(
        _l("Cơ quan, người ban hành"),
        validators=[DataRequired(_l("Nhập cơ quan, người ban hành quyết định.")), Length(max=255)],
        render_kw={"list": "issuing-bodies"},
    )
    signer_name = StringField(_l("Người ký"), validators=[Optional(), Length(max=255)])
    signer_position = StringField(_l("Chức vụ người ký"), validators=[Optional(), Length(max=255)])
    award_title_id = SelectField(
        _l("Danh hiệu, hình thức khen thưởng (trong danh mục)"),
        coerce=optional_int,
        choices=[],
        validate_choice=False,
    )
    movement_id = SelectField(
        _l("Phong trào thi đua"),
        coerce=optional_int,
        choices=[],
        validate_choice=False,
        description=_l("Khen thưởng theo phong trào (nếu có)."),
    )
    form_name = StringField(
        _l("hoặc tên hình thức khen thưởng (quyết định của nơi khác)"),
        validators=[Optional(), Length(max=500)],
    )
    year = IntegerField(
        _l("Năm thành tích"),
        validators=[
            InputRequired(_l("Nhập năm thành tích.")),
            NumberRange(min=2000, max=2100, message=_l("Năm từ 2000 đến 2100.")),
        ],
    )
    summary = TextAreaField(
        _l("Trích yếu, căn cứ"), validators=[Optional(), Length(max=10000)], render_kw={"rows": 3}
    )
    scan = FileField(_l("Bản quét quyết định đã ký (PDF hoặc ảnh)"))

    def values(self) -> DecisionInput:
        return DecisionInput(
            number=self.number.data or "",
            decided_on=self.decided_on.data,
            issuing_body=self.issuing_body.data or "",
            level=AwardLevel(self.level.data),
            signer_name=self.signer_name.data or "",
            signer_position=self.signer_position.data or "",
            award_title_id=self.award_title_id.data or None,
            form_name=self.form_name.data or "",
            year=self.year.data,
            summary=self.summary.data or "",
            movement_id=self.movement_id.data or None,
        )


class RecipientForm(OnceForm):
    """Add a collective or an individual to a draft decision."""

    target = SelectField(
        _l("Tập thể, cá nhân"),
        choices=[],
        validate_choice=False,  # the service refuses a choice outside the organization
        validators=[DataRequired(_l("Chọn tập thể, cá nhân được khen thưởng."))],
    )
    name = StringField(
        _l("Tên ghi trên quyết định (để trống: như trong danh sách)"),
        validators=[Optional(), Length(max=255)],
    )
    position = StringField(_l("Chức vụ"), validators=[Optional(), Length(max=255)])
    amount_vnd = WholeNumberField(_l("Số tiền thưởng (đồng)"), validators=[Optional()])


class RecipientRow(PortalSubForm):
    recipient_id = HiddenField()
    name = StringField(
        _l("Tên tập thể, cá nhân"),
        validators=[DataRequired(_l("Nhập tên tập thể, cá nhân.")), Length(max=255)],
    )
    position = StringField(_l("Chức vụ"), validators=[Optional(), Length(max=255)])
    amount_vnd = WholeNumberField(_l("Số tiền thưởng (đồng)"), validators=[Optional()])
    remove = BooleanField(_l("Bỏ khỏi quyết định"))


class RecipientsForm(VersionedForm):
    """Every recipient of a draft at once: names, positions and amounts."""

    rows = FieldList(FormField(RecipientRow))

    def changes(self) -> list[RecipientChange]:
        return [
            RecipientChange(
                recipient_id=optional_int(row.recipient_id.data) or 0,
                name=row.form.name.data or "",
                position=row.form.position.data or "",
                amount_vnd=row.form.amount_vnd.data,
                remove=bool(row.form.remove.data),
            )
            for row in self.rows
        ]


class IssueForm(VersionedForm):
    """Mark a draft issued, with the number and date it was signed with."""

    number = StringField(_l("Số quyết định"), validators=[Optional(), Length(max=64)])
    decided_on = VnDateField(_l("Ngày ký"), validators=[Optional()])
    confirm = BooleanField(
        _l("Tôi xác nhận quyết định đã được ký ban hành; sau đó chỉ sửa được bằng đính chính."),
        validators=[InputRequired(_l("Đánh dấu ô xác nhận để ban hành."))],
    )


class AmendmentForm(OnceForm):
    amended_on = VnDateField(
        _l("Ngày đính chính"), validators=[InputRequired(_l("Nhập ngày đính chính."))]
    )
    target = SelectField(_l("Nội dung đính chính"), choices=[], validate_choice=False)
    new_value = StringField(_l("Giá trị đúng"), validators=[Optional(), Length(max=500)])
    reason = TextAreaField(
        _l("Lý do đính chính"),
        validators=[DataRequired(_l("Nhập lý do đính chính.")), Length(max=5000)],
        render_kw={"rows": 2},
    )


class DraftForm(PortalForm):
    """Draft the decisions of a closed round (CSRF only)."""


class DecisionFilterForm(FilterForm):
    year = IntegerField(validators=[Optional()])
    level = SelectField(choices=["", *(level.value for level in AwardLevel)])
    status = SelectField(choices=["", *(status.value for status in DecisionStatus)])
