"""Forms of the congress submission: the conference, a nominee, the cycle's settings."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    DateField,
    IntegerField,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, Length, NumberRange, Optional

from portal.fields import VersionedForm


class NewSubmissionForm(FlaskForm):
    unit_id = IntegerField(validators=[DataRequired()])
    period_id = IntegerField(validators=[DataRequired()])


class ConferenceForm(VersionedForm):
    conference_date = DateField(_l("Ngày tổ chức Hội nghị"), validators=[Optional()])
    attendance = IntegerField(
        _l("Số người tham dự"), validators=[Optional(), NumberRange(min=0, max=100000)]
    )
    chaired_by = StringField(_l("Người chủ trì"), validators=[Length(max=255)])
    period_summary = TextAreaField(
        _l("Tổng kết giai đoạn"), validators=[Length(max=20000)], render_kw={"rows": 8}
    )
    honoured_ids = SelectMultipleField(
        _l("Điển hình được biểu dương tại Hội nghị"), coerce=int, validators=[Optional()]
    )


class NomineeForm(VersionedForm):
    exemplar_id = SelectField(_l("Điển hình"), coerce=int, validators=[DataRequired()])
    award_title_id = SelectField(_l("Hình thức khen thưởng đề nghị"), coerce=int)
    sector_delegate = BooleanField(_l("Đại biểu dự Đại hội Thi đua ngành"))
    provincial_delegate = BooleanField(_l("Đại biểu dự Đại hội Thi đua tỉnh"))
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
    proposal_date = DateField(_l("Ngày tờ trình của Sở"), validators=[Optional()])
