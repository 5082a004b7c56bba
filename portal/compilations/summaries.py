"""What a compilation compiled, in sentences for its page: the year or period, the
units and their records, how many nominees. Read from the inputs kept when the build
started (so the page says what was used, even if records changed since)."""

from __future__ import annotations

from collections.abc import Iterable

from flask_babel import gettext as _
from sqlalchemy import select

from portal.compilations.models import Compilation
from portal.extensions import db
from portal.organizations.models import Unit
from portal.reviews.states import ReviewState


def _unit_names(compilation: Compilation, unit_ids: Iterable[int]) -> dict[int, str]:
    """The names of the compilation's organization's units among `unit_ids`."""
    wanted = set(unit_ids)
    if not wanted:
        return {}
    rows = db.session.execute(
        select(Unit.id, Unit.name).where(
            Unit.id.in_(wanted), Unit.organization_id == compilation.organization_id
        )
    )
    return dict(rows.all())


def _state_label(value: str | None) -> str:
    try:
        return str(ReviewState(value).label)
    except ValueError:
        return value or ""


def _listing(names: Iterable[str]) -> str:
    return ", ".join(names) or "—"


def congress_summary(compilation: Compilation) -> list[str]:
    submissions = (compilation.inputs or {}).get("submissions", [])
    names = _unit_names(compilation, (s["unit_id"] for s in submissions))
    used = [s for s in submissions if s.get("used")]
    left_out = [s for s in submissions if not s.get("used")]
    lines = [_("Kỳ kế hoạch: %(period)s", period=compilation.period.name)]
    lines.append(
        _(
            "Đơn vị có hồ sơ Đại hội đã được chấp nhận (%(count)s): %(names)s",
            count=len(used),
            names=_listing(names.get(s["unit_id"], "") for s in used),
        )
    )
    if all("nominees" in s for s in used):
        nominees = sum(s["nominees"] for s in used)
        lines.append(_("Số tập thể, cá nhân được đề nghị: %(count)s", count=nominees))
    if left_out:
        lines.append(
            _(
                "Hồ sơ chưa được chấp nhận, không đưa vào (%(count)s): %(names)s",
                count=len(left_out),
                names=_listing(
                    f"{names.get(s['unit_id'], '')} ({_state_label(s.get('state'))})"
                    for s in left_out
                ),
            )
        )
    return lines


def yearly_summary(compilation: Compilation) -> list[str]:
    inputs = compilation.inputs or {}
    records = inputs.get("records", [])
    unit_ids = inputs.get("unit_ids") or sorted({r["unit_id"] for r in records})
    names = _unit_names(compilation, unit_ids)
    lines = [
        _(
            "Năm %(year)s, kỳ kế hoạch %(period)s",
            year=inputs.get("year") or compilation.year,
            period=compilation.period.name,
        ),
        _("Số đơn vị được tổng hợp: %(count)s", count=len(unit_ids)),
    ]
    for kind, label in (
        ("annual_report", _("Báo cáo năm")),
        ("self_assessment", _("Tự đánh giá")),
    ):
        of_kind = [r for r in records if r["kind"] == kind]
        lines.append(
            _(
                "%(kind)s của %(count)s đơn vị: %(names)s",
                kind=label,
                count=len(of_kind),
                names=_listing(
                    f"{names.get(r['unit_id'], '')} ({_state_label(r.get('state'))})"
                    for r in of_kind
                ),
            )
        )
    return lines
