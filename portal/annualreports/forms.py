"""Forms of the annual report: commentary per section and the proposed exemplars."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import IntegerField, SelectMultipleField, TextAreaField
from wtforms.validators import DataRequired, Length
from wtforms.widgets import CheckboxInput, ListWidget

from portal.annualreports.sections import PROPOSALS_LABEL, SECTIONS
from portal.fields import VersionedForm
from portal.submissions import OnceForm

TEXT_LIMIT = [Length(max=20000)]


class ReportForm(VersionedForm):
    detection_commentary = TextAreaField(SECTIONS[0].title, validators=TEXT_LIMIT)
    exemplars_commentary = TextAreaField(SECTIONS[1].title, validators=TEXT_LIMIT)
    propagation_commentary = TextAreaField(SECTIONS[2].title, validators=TEXT_LIMIT)
    training_commentary = TextAreaField(SECTIONS[3].title, validators=TEXT_LIMIT)
    inspections_commentary = TextAreaField(SECTIONS[4].title, validators=TEXT_LIMIT)
    difficulties_commentary = TextAreaField(SECTIONS[5].title, validators=TEXT_LIMIT)
    proposals = TextAreaField(PROPOSALS_LABEL, validators=TEXT_LIMIT)
    commendation_commentary = TextAreaField(SECTIONS[6].title, validators=TEXT_LIMIT)
    exemplar_ids = SelectMultipleField(
        _l("Điển hình đề nghị khen thưởng"),
        coerce=int,
        choices=[],
        widget=ListWidget(prefix_label=False),
        option_widget=CheckboxInput(),
        validate_choice=False,  # the service refuses exemplars of other units, with a message
    )


class NewReportForm(OnceForm):
    unit_id = IntegerField(validators=[DataRequired()])
    year = IntegerField(validators=[DataRequired()])
