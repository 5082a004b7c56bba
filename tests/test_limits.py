"""Limits that fit the data: every text field of every form has a maximum length, and
the column it is saved to holds at least that much (PostgreSQL refuses a longer
value with an error page; SQLite would silently keep it)."""

from __future__ import annotations

import pytest
from sqlalchemy import String, Text
from wtforms import Field, FieldList, FormField, HiddenField, StringField
from wtforms.validators import Length

from portal.accounts.models import User
from portal.annualreports.models import AnnualReport
from portal.assessments.forms import ScoreField
from portal.assessments.models import SelfAssessment, SelfAssessmentItem
from portal.awards.models import AwardAmendment, AwardDecision, AwardRecipient
from portal.budget.models import ProgrammeBudget
from portal.congress.models import CongressCycle, CongressNominee, CongressSubmission
from portal.consideration.models import AwardTitle, ConsiderationRound, Nomination, VotingRule
from portal.council.models import CouncilMember
from portal.criteria.models import CriteriaItem, CriteriaSet
from portal.deadlines.models import Deadline, DeadlineCompletion
from portal.difficulties.models import Difficulty
from portal.documents.models import DocumentSigner
from portal.exemplars.models import Exemplar, ExemplarEvaluation, ExemplarEvent, FosteringAction
from portal.inspections.models import (
    FindingResponse,
    Inspection,
    InspectionCorrection,
    InspectionFinding,
    SupervisionPlanItem,
)
from portal.listing import FilterForm
from portal.movements.models import Movement
from portal.notifications.models import Announcement
from portal.organizations.models import Organization, Unit
from portal.periods.models import PlanPeriod
from portal.profiles.models import PersonProfile, UnitProfile
from portal.propagation.models import PropagationActivity
from portal.publiccolumn.models import ExemplarStory
from portal.registrations.models import Registration
from portal.reviews.models import ReviewEvent
from portal.training.models import TrainingRecord
from tests.test_form_messages import ALL_FORMS

# Long texts (reports, achievements, answers) are Text columns: the form's limit is
# theirs, and it stays within a few tens of thousands of characters.
LONG_TEXT_MAX = 50_000

# The table each form saves to; its text fields are saved to the columns of the same name.
FORM_MODELS = {
    "accounts.ForgotPasswordForm": User,
    "accounts.LoginForm": User,
    "admin.NewUserForm": User,
    "admin.UserForm": User,
    "admin.UnitForm": Unit,
    "admin.OrganizationForm": Organization,
    "annualreports.ReportForm": AnnualReport,
    "assessments.SelfScoresForm": SelfAssessment,
    "assessments.OfficeScoresForm": SelfAssessment,
    "congress.CouncilRoundForm": ConsiderationRound,
    "congress.ConferenceForm": CongressSubmission,
    "congress.CycleForm": CongressCycle,
    "congress.NomineeForm": CongressNominee,
    "consideration.AwardTitleForm": AwardTitle,
    "consideration.NominationForm": Nomination,
    "consideration.RoundForm": ConsiderationRound,
    "consideration.VotingRuleForm": VotingRule,
    "council.PlanItemForm": SupervisionPlanItem,
    "council.SeatEditForm": CouncilMember,
    "council.SeatForm": CouncilMember,
    "criteria.CriteriaItemForm": CriteriaItem,
    "criteria.CriteriaSetForm": CriteriaSet,
    "criteria.PeriodForm": PlanPeriod,
    "deadlines.DeadlineForm": Deadline,
    "deadlines.MarkDoneForm": DeadlineCompletion,
    "difficulties.DifficultyForm": Difficulty,
    "exemplars.EvaluationFormBase": ExemplarEvaluation,
    "exemplars.ExemplarForm": Exemplar,
    "exemplars.FosteringActionForm": FosteringAction,
    "exemplars.NewExemplarForm": Exemplar,
    "inspections.FindingForm": InspectionFinding,
    "inspections.InspectionForm": Inspection,
    "mail.SendTestForm": User,
    "notifications.AnnouncementForm": Announcement,
    "propagation.ActivityForm": PropagationActivity,
    "publiccolumn.StoryForm": ExemplarStory,
    "training.TrainingForm": TrainingRecord,
    "awards.DecisionForm": AwardDecision,
    "awards.IssueForm": AwardDecision,
    "awards.RecipientForm": AwardRecipient,
    "awards.RecipientRow": AwardRecipient,
    "budget.BudgetForm": ProgrammeBudget,
    "documents.UnitSignersForm": Unit,
    "movements.MovementForm": Movement,
    "movements.ReviewForm": Movement,
    "profiles.PersonProfileForm": PersonProfile,
    "profiles.UnitProfileForm": UnitProfile,
}

# A field saved to a column of another name or table.
FIELD_COLUMNS = {
    "assessments.ItemScoreForm.comment": SelfAssessmentItem.__table__.c.self_comment,
    "assessments.OfficeItemForm.comment": SelfAssessmentItem.__table__.c.office_comment,
    "consideration.CancelRoundForm.reason": ConsiderationRound.__table__.c.cancel_reason,
    "difficulties.AnswerForm.answer": Difficulty.__table__.c.answer,
    "exemplars.NewExemplarForm.note": ExemplarEvent.__table__.c.note,
    "exemplars.TransitionForm.note": ExemplarEvent.__table__.c.note,
    "inspections.AnswerForm.body": FindingResponse.__table__.c.body,
    "inspections.CorrectionForm.text": InspectionCorrection.__table__.c.text,
    "inspections.VerifyForm.comment": FindingResponse.__table__.c.body,
    "platform.NewOrganizationForm.name": Organization.__table__.c.name,
    "platform.NewOrganizationForm.slug": Organization.__table__.c.slug,
    "platform.NewOrganizationForm.office_name": User.__table__.c.full_name,
    "platform.NewOrganizationForm.office_email": User.__table__.c.email,
    "publiccolumn.ReasonForm.reason": ExemplarStory.__table__.c.review_note,
    "reviews.ReasonForm.reason": ReviewEvent.__table__.c.reason,
    "reviews.ReopenForm.reason": ReviewEvent.__table__.c.reason,
    "awards.AmendmentForm.new_value": AwardAmendment.__table__.c.changes,
    "awards.AmendmentForm.reason": AwardAmendment.__table__.c.reason,
    "registrations.AcceptForm.reason": Registration.__table__.c.late_acceptance_reason,
    "registrations.OpenRegistrationForm.note": Deadline.__table__.c.description,
    "documents.DocumentSettingsForm.document_code": Organization.__table__.c.document_code,
    "documents.DocumentSettingsForm.proposal_authority": DocumentSigner.__table__.c.authority,
    "documents.DocumentSettingsForm.proposal_position": DocumentSigner.__table__.c.position,
    "documents.DocumentSettingsForm.proposal_name": DocumentSigner.__table__.c.name,
    "documents.DocumentSettingsForm.yearly_report_authority": DocumentSigner.__table__.c.authority,
    "documents.DocumentSettingsForm.yearly_report_position": DocumentSigner.__table__.c.position,
    "documents.DocumentSettingsForm.yearly_report_name": DocumentSigner.__table__.c.name,
    "documents.DocumentSettingsForm.certification_authority": DocumentSigner.__table__.c.authority,
    "documents.DocumentSettingsForm.certification_position": DocumentSigner.__table__.c.position,
    "documents.DocumentSettingsForm.certification_name": DocumentSigner.__table__.c.name,
}

# Typed but never stored as typed: passwords are hashed, a confirmation is compared.
NOT_STORED = {
    "accounts.LoginForm.password",
    "accounts.ChangePasswordForm.current_password",
    "accounts.ChangePasswordForm.new_password",
    "accounts.ChangePasswordForm.confirm",
    "accounts.ResetPasswordForm.new_password",
    "accounts.ResetPasswordForm.confirm",
}


def _is_text(field: Field) -> bool:
    """A field a person types free text into: not hidden, not a score typed as text."""
    return isinstance(field, StringField) and not isinstance(field, HiddenField | ScoreField)


def _text_fields(form, prefix: str = ""):
    for field in form:
        if isinstance(field, FormField):
            yield from _text_fields(field.form, f"{prefix}{field.short_name}.")
        elif isinstance(field, FieldList):
            for entry in field.entries[:1]:
                if isinstance(entry, FormField):
                    yield from _text_fields(entry.form, f"{prefix}{field.short_name}.")
        elif _is_text(field):
            yield f"{prefix}{field.short_name}", field


def _max_length(field: Field) -> int | None:
    limits = [v.max for v in field.validators if isinstance(v, Length) and v.max != -1]
    return min(limits) if limits else None


def _key(form_class: type) -> str:
    return f"{form_class.__module__.split('.')[1]}.{form_class.__qualname__}"


@pytest.fixture
def bound_forms(app):
    with app.test_request_context("/", method="POST"):
        yield {_key(cls): cls() for cls in ALL_FORMS}


def test_every_text_field_has_a_maximum_length(bound_forms):
    missing = [
        f"{key}.{name}"
        for key, form in bound_forms.items()
        for name, field in _text_fields(form)
        if _max_length(field) is None
    ]
    assert missing == []


def test_every_stored_text_field_fits_its_column(bound_forms):
    unmapped, too_long = [], []
    for key, form in bound_forms.items():
        if isinstance(form, FilterForm):
            continue  # a query string, never stored
        for name, field in _text_fields(form):
            path = f"{key}.{name}"
            if path in NOT_STORED:
                continue
            column = FIELD_COLUMNS.get(path)
            model = FORM_MODELS.get(key)
            if column is None and model is not None:
                column = model.__table__.c.get(name)
            if column is None:
                unmapped.append(path)
                continue
            limit = column.type.length if isinstance(column.type, String) else None
            if isinstance(column.type, Text) or limit is None:
                limit = LONG_TEXT_MAX
            if _max_length(field) > limit:
                too_long.append(f"{path}: form {_max_length(field)} > column {limit}")
    assert unmapped == [], "map each text field to its column in FORM_MODELS or FIELD_COLUMNS"
    assert too_long == []


def test_names_and_titles_have_the_agreed_limits(bound_forms):
    exemplar = bound_forms["exemplars.ExemplarForm"]
    assert _max_length(exemplar.name) == 255
    assert _max_length(bound_forms["propagation.ActivityForm"].title) == 500
    assert 10_000 <= _max_length(bound_forms["publiccolumn.StoryForm"].body) <= LONG_TEXT_MAX


def test_every_title_holds_500_characters(bound_forms):
    """A council seat's "title" is a position (Phó Giám đốc Sở): a name, 255."""
    titles = {
        key: _max_length(form.title)
        for key, form in bound_forms.items()
        if "title" in form
        and not isinstance(form, FilterForm)
        and not key.startswith("council.Seat")
    }
    assert len(titles) >= 8
    assert {key: limit for key, limit in titles.items() if limit != 500} == {}


def test_a_too_long_name_is_refused_in_words(bound_forms, app):
    """The limit is enforced, with a message that says how long the text is."""
    from portal.exemplars.forms import ExemplarForm

    with app.test_request_context("/", method="POST", data={"name": "x" * 5_000}):
        form = ExemplarForm()
        form.name.validate(form)
        assert "Không được dài quá 255 ký tự (hiện có 5000)." in form.name.errors


def test_a_text_area_counts_a_line_break_as_one_character(app):
    """Browsers send CRLF but count one character per line break against maxlength."""
    from portal.exemplars.forms import TransitionForm

    text = "\r\n".join(["x" * 99] * 50)  # 5,000 characters as the browser counts them
    with app.test_request_context("/", method="POST", data={"note": text}):
        form = TransitionForm()
        form.validate()
        assert form.note.errors == []
        assert form.note.data == text.replace("\r\n", "\n")


def test_a_limit_reaches_the_page_as_maxlength(app, client, world, login_as):
    login_as(world.coordinator_a)
    page = client.get("/exemplars/new").get_data(as_text=True)
    assert 'maxlength="255"' in page
    assert 'maxlength="10000"' in page
