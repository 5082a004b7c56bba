"""The Office's page that puts the accepted congress submissions before the council
(portal.congress.council_round), and the council's result shown with each nominee."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from wtforms import IntegerField, SelectField, StringField, SubmitField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import Length, NumberRange, Optional

from portal.actions import attempt
from portal.congress import council_round
from portal.fields import VnDateField
from portal.formatting import format_date
from portal.forms_base import PortalForm
from portal.periods.models import PlanPeriod
from portal.tenancy import get_org_owned_or_404, office_required

bp = Blueprint(
    "congress_council", __name__, url_prefix="/congress/council", template_folder="templates"
)

SEND = _l("Đưa các đề nghị đã chấp nhận ra Hội đồng xét")


class CouncilRoundForm(PortalForm):
    round_id = SelectField(_l("Phiên bình xét"), coerce=int, default=0)
    title = StringField(_l("Tên phiên bình xét mới"), validators=[Optional(), Length(max=500)])
    year = IntegerField(
        _l("Năm xét thành tích"), validators=[Optional(), NumberRange(min=2000, max=2100)]
    )
    meeting_date = VnDateField(_l("Ngày họp Hội đồng"), validators=[Optional()])
    location = StringField(_l("Địa điểm họp"), validators=[Optional(), Length(max=255)])
    submit = SubmitField(SEND)


@bp.app_context_processor
def _helpers() -> dict:
    return {"council_outcome": council_round.outcome_of}


@bp.route("/periods/<int:period_id>", methods=["GET", "POST"])
@office_required
def send(period_id: int):
    period = get_org_owned_or_404(PlanPeriod, period_id)
    form = CouncilRoundForm()
    rounds = council_round.open_rounds(period)
    form.round_id.choices = [SelectChoice(0, _("Mở phiên bình xét mới"))] + [
        SelectChoice(r.id, f"{r.title} ({format_date(r.meeting_date)})") for r in rounds
    ]
    if request.method == "GET":
        form.title.data = council_round.default_title(period)
        form.year.data = period.end_year
    elif form.validate_on_submit():
        wanted = council_round.RoundRequest(
            round_id=form.round_id.data or None,
            title=(form.title.data or "").strip(),
            year=form.year.data,
            meeting_date=form.meeting_date.data,
            location=(form.location.data or "").strip(),
        )
        actor = current_user._get_current_object()
        done = attempt(council_round.send_to_council, period, wanted, actor, form=form)
        if done.ok:
            sent = done.value
            flash(
                _(
                    "Đã đưa %(count)s đề nghị ra Hội đồng xét tại phiên %(title)s.",
                    count=len(sent.added),
                    title=sent.round.title,
                ),
                "success",
            )
            if sent.refused:
                flash(
                    _(
                        "Không đưa ra Hội đồng: %(why)s",
                        why=council_round.describe_refusals(sent),
                    ),
                    "warning",
                )
            return redirect(url_for("consideration.round_detail", round_id=sent.round.id))
    nominees = council_round.accepted_nominees(period)
    return render_template(
        "congress/council_round.html",
        period=period,
        form=form,
        nominees=nominees,
        pending=[n for n in nominees if not council_round.is_linked(n)],
    )
