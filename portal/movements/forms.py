"""Forms of emulation movements: launch or edit one, close it with a review."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import SelectField, StringField, SubmitField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, Length

from portal.fields import MultiCheckboxField, VersionedForm, VnDateField, choices, optional_int
from portal.movements.models import ReviewKind
from portal.submissions import OnceForm

REQUIRED = _l("Vui lòng điền mục này.")
FOREIGN_UNIT = _l("Chỉ được chọn các đơn vị của Sở.")
FOREIGN_TITLE = _l("Chỉ được chọn các hình thức khen thưởng của Sở.")


class MovementForm(OnceForm, VersionedForm):
    name = StringField(_l("Tên phong trào"), validators=[DataRequired(REQUIRED), Length(max=500)])
    purpose = TextAreaField(
        _l("Mục đích, yêu cầu"), validators=[Length(max=20000)], render_kw={"rows": 4}
    )
    start_date = VnDateField(_l("Ngày bắt đầu"), validators=[InputRequired(REQUIRED)])
    end_date = VnDateField(_l("Ngày kết thúc"), validators=[InputRequired(REQUIRED)])
    criteria_set_id = SelectField(
        _l("Bộ tiêu chí áp dụng"),
        coerce=optional_int,
        invalid_choice_message=_l("Bộ tiêu chí không thuộc Sở."),
    )
    unit_ids = MultiCheckboxField(
        _l("Đơn vị tham gia"), coerce=int, invalid_choice_message=FOREIGN_UNIT
    )
    award_title_ids = MultiCheckboxField(
        _l("Hình thức khen thưởng hướng tới"), coerce=int, invalid_choice_message=FOREIGN_TITLE
    )
    submit = SubmitField(_l("Lưu"))

    def setup(self, units, titles, criteria_sets) -> MovementForm:
        self.unit_ids.choices = choices((u.id, u.name) for u in units)
        self.award_title_ids.choices = choices((t.id, t.name) for t in titles)
        self.criteria_set_id.choices = choices(
            ((s.id, s.title) for s in criteria_sets), _l("— Không chọn —")
        )
        return self

    def movement_data(self) -> dict:
        return {
            "name": self.name.data or "",
            "purpose": self.purpose.data or "",
            "start_date": self.start_date.data,
            "end_date": self.end_date.data,
            "criteria_set_id": self.criteria_set_id.data,
        }


class ReviewForm(VersionedForm):
    review_kind = SelectField(
        _l("Hình thức"), choices=choices(ReviewKind.choices()), validators=[DataRequired(REQUIRED)]
    )
    review_date = VnDateField(_l("Ngày sơ kết, tổng kết"), validators=[InputRequired(REQUIRED)])
    review_summary = TextAreaField(
        _l("Kết quả sơ kết, tổng kết"),
        validators=[DataRequired(REQUIRED), Length(max=20000)],
        render_kw={"rows": 5},
    )
    submit = SubmitField(_l("Lưu kết quả và đóng phong trào"))
