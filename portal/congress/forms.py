"""Forms of the congress submission: the conference, a nominee, the cycle's settings."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import (
    BooleanField,
    IntegerField,
    SelectField,
    StringField,
    SubmitField,
    TextAreaField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length, NumberRange, Optional

from portal.congress.models import Gender
from portal.fields import MultiCheckboxField, VersionedForm, VnDateField, WholeNumberField
from portal.submissions import OnceForm


class NewSubmissionForm(OnceForm):
    unit_id = IntegerField(validators=[DataRequired()])
    period_id = IntegerField(validators=[DataRequired()])


class ConferenceForm(VersionedForm):
    """The record of the unit's Conference of Advanced Exemplars (biên bản Hội nghị)."""

    conference_date = VnDateField(_l("Ngày tổ chức Hội nghị"), validators=[Optional()])
    conference_place = StringField(_l("Địa điểm"), validators=[Length(max=255)])
    chaired_by = StringField(_l("Người chủ trì"), validators=[Length(max=255)])
    secretary = StringField(_l("Thư ký Hội nghị"), validators=[Length(max=255)])
    invited = WholeNumberField(
        _l("Số đại biểu được triệu tập"), validators=[Optional(), NumberRange(max=100000)]
    )
    attendance = WholeNumberField(
        _l("Số đại biểu có mặt"), validators=[Optional(), NumberRange(max=100000)]
    )
    period_reviewed = StringField(_l("Giai đoạn tổng kết"), validators=[Length(max=32)])
    period_summary = TextAreaField(
        _l("Tổng kết kết quả phong trào thi đua trong giai đoạn"),
        validators=[Length(max=20000)],
        render_kw={"rows": 8},
    )
    # Choices are the unit's exemplars; another unit's id reaches the service, which
    # refuses it with a message on this field.
    honoured_ids = MultiCheckboxField(
        _l("Điển hình được biểu dương tại Hội nghị"), coerce=int, validate_choice=False
    )
    submit = SubmitField(_l("Lưu"))


class NomineeForm(OnceForm, VersionedForm):
    exemplar_id = SelectField(_l("Điển hình"), coerce=int, validators=[DataRequired()])
    # Only the titles that fit the exemplar are offered; any other id reaches the
    # service, which refuses it naming the title and the exemplar.
    award_title_id = SelectField(
        _l("Hình thức khen thưởng đề nghị"), coerce=int, validate_choice=False
    )
    conference_agree = WholeNumberField(
        _l("Số đại biểu Hội nghị đồng ý đề xuất (nếu có biểu quyết)"),
        validators=[Optional(), NumberRange(max=100000)],
    )
    sector_delegate = BooleanField(_l("Đại biểu dự Đại hội Thi đua ngành"))
    provincial_delegate = BooleanField(_l("Đại biểu dự Đại hội Thi đua tỉnh"))
    delegate_user_id = SelectField(
        _l("Người đại diện tập thể dự Đại hội"), coerce=int, validate_choice=False
    )
    delegate_name = StringField(_l("Họ và tên đại biểu"), validators=[Length(max=255)])
    delegate_birth_year = WholeNumberField(_l("Năm sinh"), validators=[Optional()])
    delegate_gender = SelectField(
        _l("Giới tính"),
        choices=[SelectChoice("", "—")] + [SelectChoice(g.value, g.label) for g in Gender],
        validators=[Optional()],
    )
    delegate_ethnicity = StringField(_l("Dân tộc"), validators=[Length(max=64)])
    delegate_position = StringField(_l("Chức vụ"), validators=[Length(max=255)])
    delegate_party_member = BooleanField(_l("Đảng viên"))
    delegate_qualifications = StringField(
        _l("Trình độ chuyên môn, lý luận chính trị"), validators=[Length(max=500)]
    )
    reason = TextAreaField(
        _l("Lý do đề xuất"), validators=[Length(max=4000)], render_kw={"rows": 3}
    )
    achievements = TextAreaField(
        _l("Thành tích (để trống để lấy từ hồ sơ điển hình)"),
        validators=[Length(max=20000)],
        render_kw={"rows": 8},
    )


class CycleForm(VersionedForm):
    term_label = StringField(_l("Giai đoạn"), validators=[DataRequired(), Length(max=32)])
    next_term_label = StringField(
        _l("Giai đoạn tiếp theo"), validators=[DataRequired(), Length(max=32)]
    )
    sector_congress = StringField(
        _l("Tên Đại hội Thi đua ngành"), validators=[DataRequired(), Length(max=255)]
    )
    provincial_congress = StringField(
        _l("Tên Đại hội Thi đua tỉnh"), validators=[DataRequired(), Length(max=255)]
    )
    signer_authority = StringField(_l("Thẩm quyền ký"), validators=[Length(max=64)])
    signer_position = StringField(_l("Chức vụ người ký"), validators=[Length(max=128)])
    signer_name = StringField(_l("Họ tên người ký"), validators=[Length(max=128)])
    proposal_date = VnDateField(_l("Ngày tờ trình của Sở"), validators=[Optional()])
    submit = SubmitField(_l("Lưu"))
