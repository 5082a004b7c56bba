"""Forms of the exemplar pages: the list's filters, the exemplar, a change of status, a
fostering action, an evaluation (whose criteria fields depend on the set in force)."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import IntegerField, SelectField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional

from portal.exemplars.models import (
    EvaluationAspect,
    ExemplarKind,
    ExemplarStatus,
    FosteringStatus,
    RecognitionLevel,
    SupportType,
)
from portal.exemplars.queries import ExemplarFilters
from portal.fields import VersionedForm, VnDateField, WholeNumberField, choices, optional_int
from portal.formatting import today_vn
from portal.forms_base import PortalForm
from portal.listing import FilterForm
from portal.submissions import OnceForm

NOBODY = 0


def _people(first_label, people) -> list[SelectChoice]:
    return [SelectChoice(NOBODY, first_label)] + [SelectChoice(u.id, label) for u, label in people]


def _this_year() -> int:
    return today_vn().year


class ExemplarFilterForm(FilterForm):
    """The list's filters (the template draws its own inputs from `filters()`)."""

    year = IntegerField()
    status = SelectField(choices=["", *(s.value for s in ExemplarStatus)])
    kind = SelectField(choices=["", *(k.value for k in ExemplarKind)])
    field = StringField(validators=[Length(max=255)])
    unit_id = IntegerField()
    q = StringField(validators=[Length(max=200)])

    def filters(self) -> ExemplarFilters:
        status, kind = self.value("status"), self.value("kind")
        return ExemplarFilters(
            year=self.value("year"),
            status=ExemplarStatus(status) if status else None,
            kind=ExemplarKind(kind) if kind else None,
            field=(self.value("field") or "").strip()[:255],
            unit_id=self.value("unit_id"),
            q=(self.value("q") or "").strip()[:200],
        )


class ExemplarForm(VersionedForm):
    kind = SelectField(_l("Loại điển hình"), choices=choices(ExemplarKind.choices()), coerce=str)
    name = StringField(
        _l("Tên tập thể hoặc họ tên cá nhân"), validators=[DataRequired(), Length(max=255)]
    )
    person_user_id = SelectField(
        _l("Cán bộ của đơn vị (đối với cá nhân)"), coerce=int, default=NOBODY, validate_choice=True
    )
    position = StringField(_l("Chức vụ"), validators=[Optional(), Length(max=255)])
    field_of_work = StringField(_l("Lĩnh vực công tác"), validators=[Optional(), Length(max=255)])
    movement_id = SelectField(
        _l("Phong trào thi đua"),
        coerce=optional_int,
        invalid_choice_message=_l("Phong trào được chọn không dành cho đơn vị này."),
    )
    # The free text of records made before movements were kept: shown while it is there.
    movement = StringField(
        _l("Phong trào thi đua (ghi chép cũ)"), validators=[Optional(), Length(max=255)]
    )
    achievements = TextAreaField(
        _l("Thành tích nổi bật"), validators=[Optional(), Length(max=10000)]
    )
    initiatives = TextAreaField(
        _l("Sáng kiến, mô hình, cách làm hay"), validators=[Optional(), Length(max=10000)]
    )
    year_identified = IntegerField(
        _l("Năm phát hiện"),
        default=_this_year,
        validators=[InputRequired(), NumberRange(min=2000, max=2100)],
    )
    level = SelectField(
        _l("Cấp công nhận"), choices=choices(RecognitionLevel.choices()), coerce=str
    )

    def set_people(self, people) -> None:
        self.person_user_id.choices = _people(_l("— Không liên kết tài khoản —"), people)

    def set_movements(self, movements: list[tuple[int, str]]) -> None:
        self.movement_id.choices = choices(movements, _l("— Không gắn phong trào —"))

    def values(self) -> dict:
        return {
            "kind": self.kind.data,
            "name": self.name.data,
            "person_user_id": self.person_user_id.data or None,
            "position": self.position.data,
            "field_of_work": self.field_of_work.data,
            "movement": self.movement.data or "",
            "movement_id": self.movement_id.data,
            "achievements": self.achievements.data,
            "initiatives": self.initiatives.data,
            "year_identified": self.year_identified.data,
            "level": self.level.data,
        }


class NewExemplarForm(OnceForm, ExemplarForm):
    unit_id = SelectField(_l("Phòng, đơn vị"), coerce=int, validate_choice=True)
    initial_status = SelectField(
        _l("Ghi nhận là"),
        choices=[
            SelectChoice(ExemplarStatus.CANDIDATE.value, ExemplarStatus.CANDIDATE.label),
            SelectChoice(ExemplarStatus.RECOGNISED.value, _l("Điển hình đã được công nhận")),
        ],
        coerce=str,
    )
    identified_on = VnDateField(_l("Ngày phát hiện (nếu biết)"), validators=[Optional()])
    year_recognised = IntegerField(
        _l("Năm công nhận (nếu đã công nhận)"),
        validators=[Optional(), NumberRange(min=2000, max=2100)],
    )
    note = TextAreaField(_l("Ghi chú"), validators=[Optional(), Length(max=5000)])


class TransitionForm(PortalForm):
    occurred_on = VnDateField(_l("Ngày"), default=today_vn, validators=[InputRequired()])
    note = TextAreaField(_l("Ghi chú"), validators=[Optional(), Length(max=5000)])


class FosteringActionForm(OnceForm, VersionedForm):
    support_type = SelectField(
        _l("Hình thức hỗ trợ"), choices=choices(SupportType.choices()), coerce=str
    )
    description = TextAreaField(
        _l("Nội dung hỗ trợ"), validators=[DataRequired(), Length(max=5000)]
    )
    owner_user_id = SelectField(
        _l("Người phụ trách (cán bộ của đơn vị)"), coerce=int, default=NOBODY, validate_choice=True
    )
    owner_name = StringField(
        _l("hoặc tên người phụ trách khác"), validators=[Optional(), Length(max=255)]
    )
    due_date = VnDateField(_l("Hạn hoàn thành"), validators=[Optional()])
    status = SelectField(_l("Tình trạng"), choices=choices(FosteringStatus.choices()), coerce=str)
    outcome = TextAreaField(_l("Kết quả"), validators=[Optional(), Length(max=5000)])
    cost_vnd = WholeNumberField(
        _l("Kinh phí (đồng, ngân sách nhà nước)"),
        validators=[Optional(), NumberRange(min=0, max=10**13)],
    )

    def set_people(self, people) -> None:
        self.owner_user_id.choices = _people(_l("— Chọn —"), people)

    def values(self) -> dict:
        return {
            "support_type": self.support_type.data,
            "description": self.description.data,
            "owner_user_id": self.owner_user_id.data or None,
            "owner_name": self.owner_name.data or "",
            "due_date": self.due_date.data,
            "status": self.status.data,
            "outcome": self.outcome.data or "",
            "cost_vnd": self.cost_vnd.data,
        }


ASPECT_CHOICES = [SelectChoice(n, str(n)) for n in range(1, 6)]


class EvaluationFormBase(OnceForm, VersionedForm):
    evaluated_on = VnDateField(_l("Ngày đánh giá"), default=today_vn, validators=[InputRequired()])
    effect = SelectField(
        EvaluationAspect.EFFECT.label, choices=ASPECT_CHOICES, coerce=int, default=3
    )
    effectiveness = SelectField(
        EvaluationAspect.EFFECTIVENESS.label, choices=ASPECT_CHOICES, coerce=int, default=3
    )
    development_potential = SelectField(
        EvaluationAspect.DEVELOPMENT_POTENTIAL.label, choices=ASPECT_CHOICES, coerce=int, default=3
    )
    influence = SelectField(
        EvaluationAspect.INFLUENCE.label, choices=ASPECT_CHOICES, coerce=int, default=3
    )
    difficulties = TextAreaField(
        _l("Khó khăn, hạn chế phát hiện"), validators=[Optional(), Length(max=5000)]
    )
    help_given = TextAreaField(
        _l("Biện pháp giúp đỡ đã thực hiện"), validators=[Optional(), Length(max=5000)]
    )

    item_field_names: list[tuple[object, str]] = []

    def item_fields(self):
        """(criteria item, form field) pairs, in the set's order."""
        return [(item, self[name]) for item, name in self.item_field_names]

    def item_scores(self) -> dict[int, int | None]:
        return {item.id: self[name].data for item, name in self.item_field_names}

    def aspects(self) -> dict[str, int]:
        return {aspect.value: self[aspect.value].data for aspect in EvaluationAspect}


def evaluation_form(items, **kwargs) -> EvaluationFormBase:
    """An evaluation form with one score field per criteria item."""

    class EvaluationForm(EvaluationFormBase):
        pass

    names = []
    for item in items:
        name = f"item_{item.id}"
        validators = [
            InputRequired() if item.required else Optional(),
            NumberRange(min=0, max=item.max_score),
        ]
        setattr(
            EvaluationForm,
            name,
            IntegerField(item.title, validators=validators, description=item.guidance),
        )
        names.append((item, name))
    EvaluationForm.item_field_names = names
    return EvaluationForm(**kwargs)
