"""Ballots: a member's own votes, and the written opinion of an absent member."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy.exc import IntegrityError

from portal.actions import attempt
from portal.consideration import voting
from portal.consideration.access import get_round_or_404, voters_required
from portal.consideration.forms import (
    BallotForm,
    ballot_field,
    parse_ballot,
)
from portal.consideration.models import ConsiderationRound, RoundMember, VoteChoice
from portal.consideration.routes.blueprint import bp
from portal.extensions import db
from portal.fields import ConfirmForm
from portal.tenancy import get_child_or_404


def _submit(round_: ConsiderationRound, store) -> tuple[bool, str | None]:
    """Parse the ballot and store it; (saved, error message)."""
    try:
        choices = parse_ballot(request.form, [n.id for n in round_.nominations])
    except ValueError:
        return False, _("Lựa chọn không hợp lệ.")
    if not choices:
        return False, _("Chưa chọn ý kiến cho đề nghị nào.")
    try:
        stored = attempt(store, choices, flash_as=None)  # the page shows the refusal
    except IntegrityError:
        # The same ballot sent twice at once: the other request stored it first. Stored
        # again over it (an update now), it answers as the first did.
        db.session.rollback()
        stored = attempt(store, choices, flash_as=None)
    return stored.ok, None if stored.ok else stored.error.message


def _render_ballot(template: str, round_: ConsiderationRound, status: int = 200, **context):
    return (
        render_template(
            template,
            round=round_,
            form=BallotForm(),
            ballot_field=ballot_field,
            choice_labels=VoteChoice.choices(),
            submitted=request.form if request.method == "POST" else {},
            **context,
        ),
        status,
    )


@bp.route("/<int:round_id>/vote", methods=["GET", "POST"])
@voters_required
def vote(round_id: int):
    round_ = get_round_or_404(round_id, full=True)
    seat = voting.member_for(round_, current_user)
    if seat is None:
        abort(403)
    if not round_.is_open:
        flash(_("Phiên bình xét đã kết thúc: không thể bỏ phiếu hoặc đổi phiếu."), "error")
        return redirect(url_for(".round_detail", round_id=round_.id))
    error = None
    if request.method == "POST" and BallotForm().validate_on_submit():
        saved, error = _submit(round_, lambda choices: voting.cast_votes(round_, seat, choices))
        if saved:
            flash(
                _("Đã ghi nhận phiếu của bạn. Bạn có thể đổi phiếu đến khi kết thúc phiên."),
                "success",
            )
            return redirect(url_for(".vote", round_id=round_.id))
        if not round_.is_open:  # closed while this ballot waited for the round
            flash(
                _(
                    "Phiên bình xét đã kết thúc trước khi phiếu được ghi nhận: "
                    "phiếu không được tính."
                ),
                "error",
            )
            return redirect(url_for(".round_detail", round_id=round_.id))
    own = voting.own_votes(round_, seat)
    return _render_ballot(
        "consideration/vote.html", round_, 400 if error else 200, seat=seat, own=own, error=error
    )


def _recorder_member(round_id: int, member_id: int) -> tuple[ConsiderationRound, RoundMember]:
    round_ = get_round_or_404(round_id, full=True)
    member = get_child_or_404(RoundMember, member_id, parent=round_)
    if not voting.may_record_written_opinions(round_, current_user):
        abort(403)
    return round_, member


@bp.route("/<int:round_id>/members/<int:member_id>/written-opinion", methods=["GET", "POST"])
@voters_required
def written_opinion(round_id: int, member_id: int):
    round_, member = _recorder_member(round_id, member_id)
    if not round_.is_open:
        flash(_("Phiên bình xét đã kết thúc, không thể thay đổi."), "error")
        return redirect(url_for(".round_detail", round_id=round_.id))
    error = None
    if request.method == "POST" and BallotForm().validate_on_submit():
        saved, error = _submit(
            round_,
            lambda choices: voting.record_written_opinion(round_, member, choices, current_user),
        )
        if saved:
            flash(
                _("Đã ghi nhận ý kiến bằng văn bản của %(name)s.", name=member.user.full_name),
                "success",
            )
            return redirect(url_for(".round_detail", round_id=round_.id))
    recorded = voting.recorded_nominations(round_, member)
    return _render_ballot(
        "consideration/written_opinion.html",
        round_,
        400 if error else 200,
        member=member,
        recorded=recorded,
        error=error,
    )


@bp.post("/<int:round_id>/members/<int:member_id>/present")
@voters_required
def mark_present(round_id: int, member_id: int):
    round_, member = _recorder_member(round_id, member_id)
    if (
        ConfirmForm().validate_on_submit()
        and attempt(voting.mark_present, round_, member, current_user).ok
    ):
        flash(_("Đã ghi nhận %(name)s có mặt.", name=member.user.full_name), "success")
    return redirect(url_for(".round_detail", round_id=round_.id))
