"""Forms of the Office's plan periods and criteria pages."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, IntegerField, StringField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional

from portal.fields import VersionedForm, VnDecimalField
from portal.submissions import OnceForm


class PeriodForm(OnceForm, VersionedForm):
    name = StringField(_l("Tên kỳ (ví dụ 2023-2025)"), validators=[DataRequired(), Length(max=64)])
    title = TextAreaField(_l("Tên kế hoạch"), validators=[Optional(), Length(max=500)])
    start_year = IntegerField(
        _l("Năm bắt đầu"), validators=[InputRequired(), NumberRange(min=2000, max=2100)]
    )
    end_year = IntegerField(
        _l("Năm kết thúc"), validators=[InputRequired(), NumberRange(min=2000, max=2100)]
    )
    is_current = BooleanField(_l("Kỳ hiện hành"))


class CriteriaSetForm(VersionedForm):
    title = StringField(_l("Tên bộ tiêu chuẩn"), validators=[DataRequired(), Length(max=500)])


class CriteriaItemForm(OnceForm, VersionedForm):
    title = StringField(_l("Tiêu chí"), validators=[DataRequired(), Length(max=500)])
    guidance = TextAreaField(_l("Hướng dẫn đánh giá"), validators=[Optional(), Length(max=5000)])
    weight = VnDecimalField(
        _l("Trọng số"),
        places=2,
        default=1,
        validators=[InputRequired(), NumberRange(min=0.01, max=9999)],
    )
    max_score = IntegerField(
        _l("Điểm tối đa"), default=10, validators=[InputRequired(), NumberRange(min=1, max=1000)]
    )
    required = BooleanField(_l("Bắt buộc"), default=True)

    def values(self) -> dict:
        return {
            "title": self.title.data,
            "guidance": self.guidance.data or "",
            "weight": self.weight.data,
            "max_score": self.max_score.data,
            "required": bool(self.required.data),
        }
