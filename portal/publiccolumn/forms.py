"""Forms of the public column: the story, the Office's reason, the list filters."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf.file import FileField
from wtforms import SearchField, SelectField, StringField, SubmitField, TextAreaField
from wtforms.validators import DataRequired, Length

from portal.fields import VersionedForm, choices, optional_int
from portal.forms_base import PortalForm
from portal.listing import FilterForm
from portal.publiccolumn.models import StoryStatus
from portal.publiccolumn.services import StoryFilters
from portal.submissions import OnceForm

REQUIRED = _l("Vui lòng điền mục này.")


class StoryForm(OnceForm, VersionedForm):
    exemplar_id = SelectField(
        _l("Điển hình"),
        coerce=optional_int,
        validators=[DataRequired(_l("Vui lòng chọn điển hình của đơn vị."))],
        validate_choice=False,  # checked against the unit by the service, with its own message
    )
    title = StringField(_l("Tiêu đề"), validators=[DataRequired(REQUIRED), Length(max=500)])
    summary = TextAreaField(
        _l("Tóm tắt"),
        validators=[DataRequired(REQUIRED), Length(max=1000)],
        render_kw={"rows": 3},
        description=_l("Hai, ba câu hiện trong danh sách của chuyên mục."),
    )
    body = TextAreaField(
        _l("Nội dung"),
        validators=[DataRequired(REQUIRED), Length(max=50_000)],
        render_kw={"rows": 14},
        description=_l("Văn bản thuần; để một dòng trống giữa các đoạn."),
    )
    photo_file = FileField(
        _l("Ảnh minh họa (JPEG hoặc PNG)"),
        render_kw={"accept": ".jpg,.jpeg,.png"},
    )
    submit = SubmitField(_l("Lưu bản nháp"))

    def set_exemplars(self, exemplars) -> None:
        self.exemplar_id.choices = choices(
            ((e.id, e.name) for e in exemplars), _l("— Chọn điển hình —")
        )

    def story_data(self) -> dict:
        return {
            "exemplar_id": self.exemplar_id.data,
            "title": self.title.data,
            "summary": self.summary.data,
            "body": self.body.data,
        }


class ReasonForm(PortalForm):
    """Why the Office sends a story back or takes it down."""

    reason = TextAreaField(
        _l("Lý do"),
        validators=[DataRequired(_l("Vui lòng nêu lý do.")), Length(max=2000)],
        render_kw={"rows": 3},
    )


class StoryFilterForm(FilterForm):
    status = SelectField(
        _l("Trạng thái"), choices=choices(StoryStatus.choices(), _l("Tất cả trạng thái"))
    )
    unit_id = SelectField(_l("Đơn vị"), coerce=optional_int, validate_choice=False)
    q = SearchField(_l("Tìm theo tiêu đề"), validators=[Length(max=200)])

    def setup(self, units) -> StoryFilterForm:
        self.unit_id.choices = choices(((u.id, u.name) for u in units), _l("Tất cả đơn vị"))
        return self

    def filters(self) -> StoryFilters:
        status = self.value("status")
        return StoryFilters(
            status=StoryStatus(status) if status else None,
            unit_id=self.value("unit_id"),
            q=(self.value("q") or "").strip()[:200],
        )
