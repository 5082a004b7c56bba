"""Forms of the self-assessment: a score and comment (and files) per criterion."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from flask_babel import lazy_gettext as _l
from wtforms import (
    FieldList,
    FormField,
    HiddenField,
    IntegerField,
    MultipleFileField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, Length

from portal.assessments.scoring import format_score
from portal.fields import VersionedForm
from portal.forms_base import PortalSubForm
from portal.submissions import OnceForm


class ScoreField(StringField):
    """A score typed with a decimal comma or point ("8,5" or "8.5"); blank means unscored."""

    def process_formdata(self, valuelist: list[str]) -> None:
        self.data = None
        text = (valuelist[0] if valuelist else "").strip().replace(",", ".")
        if not text:
            return
        try:
            value = Decimal(text)
        except InvalidOperation:
            raise ValueError(_l("Điểm phải là một số, ví dụ 8 hoặc 8,5.")) from None
        if not value.is_finite() or value.as_tuple().exponent < -2:
            raise ValueError(_l("Điểm có tối đa hai chữ số thập phân."))
        self.data = value

    def _value(self) -> str:
        if self.raw_data:
            return self.raw_data[0]
        return format_score(self.data)


class ItemScoreForm(PortalSubForm):
    item_id = HiddenField()
    score = ScoreField(_l("Điểm"))
    comment = TextAreaField(_l("Nhận xét"), validators=[Length(max=4000)], render_kw={"rows": 2})
    evidence = MultipleFileField(_l("Tệp minh chứng"))


class SelfScoresForm(VersionedForm):
    items = FieldList(FormField(ItemScoreForm))
    general_comment = TextAreaField(
        _l("Đánh giá chung của đơn vị"), validators=[Length(max=8000)], render_kw={"rows": 4}
    )


class OfficeItemForm(PortalSubForm):
    item_id = HiddenField()
    score = ScoreField(_l("Điểm thẩm định"))
    comment = TextAreaField(
        _l("Nhận xét của Văn phòng Sở"), validators=[Length(max=4000)], render_kw={"rows": 2}
    )


class OfficeScoresForm(VersionedForm):
    items = FieldList(FormField(OfficeItemForm))
    office_comment = TextAreaField(
        _l("Kết luận của Văn phòng Sở"), validators=[Length(max=8000)], render_kw={"rows": 4}
    )


class NewAssessmentForm(OnceForm):
    unit_id = IntegerField(validators=[DataRequired()])
    year = IntegerField(validators=[DataRequired()])
