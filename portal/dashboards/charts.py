"""The numbers behind the dashboard charts: each one grouped query (or two), the same
data drawn by Chart.js, shown as a table and written to the Excel export."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta

from flask_babel import gettext as _
from sqlalchemy import func, literal_column, or_, select

from portal.deadlines.models import ReminderDelivery
from portal.exemplars.models import Exemplar, ExemplarStatus
from portal.extensions import db
from portal.formatting import VN_TZ, format_date
from portal.inspections.models import FindingSeverity, FindingStatus, Inspection, InspectionFinding
from portal.mail.models import MailMessage, MailStatus
from portal.models_base import in_ids
from portal.organizations.models import Unit
from portal.periods.models import PlanPeriod
from portal.propagation.models import Channel, PropagationActivity

REMINDER_WEEKS = 12


@dataclass
class Series:
    key: str
    label: str
    data: list[int]


@dataclass
class Chart:
    """One chart: categories (`labels`) and one or more series of counts."""

    key: str
    title: str
    kind: str  # "bar" or "line"
    stacked: bool
    x_title: str
    y_title: str
    labels: list[str]
    series: list[Series] = field(default_factory=list)
    horizontal: bool = False  # bars along the x axis: long category names stay readable
    # The categories as the Excel export writes them, when they are not text (weeks are
    # dates there, shown dd/mm/yyyy); `labels` otherwise.
    categories: list[object] | None = None

    @property
    def total(self) -> int:
        return sum(sum(s.data) for s in self.series)

    def rows(self) -> list[list[object]]:
        """One row per category: its label, each series, and their sum."""
        return [
            [label, *(s.data[i] for s in self.series), sum(s.data[i] for s in self.series)]
            for i, label in enumerate(self.categories or self.labels)
        ]

    def headers(self) -> list[str]:
        return [self.x_title, *(s.label for s in self.series), _("Tổng")]

    def as_json(self) -> dict:
        """What portal/static/js/dashboard-charts.js draws."""
        return {
            "type": self.kind,
            "stacked": self.stacked,
            "horizontal": self.horizontal,
            "title": self.title,
            "xTitle": self.x_title,
            "yTitle": self.y_title,
            "labels": self.labels,
            "datasets": [{"key": s.key, "label": s.label, "data": s.data} for s in self.series],
        }


def exemplars_by_status(units: list[Unit], period: PlanPeriod) -> Chart:
    """Stacked bars: per unit, its exemplars identified or recognised in the period,
    by their status today."""
    ids = [u.id for u in units]
    years = period.years
    rows = db.session.execute(
        select(Exemplar.unit_id, Exemplar.status, func.count(Exemplar.id))
        .where(
            in_ids(Exemplar.unit_id, ids),
            or_(Exemplar.year_identified.in_(years), Exemplar.year_recognised.in_(years)),
        )
        .group_by(Exemplar.unit_id, Exemplar.status)
    )
    counts = {(unit_id, ExemplarStatus(status)): n for unit_id, status, n in rows}
    chart = Chart(
        "exemplars_by_status",
        _("Điển hình theo trạng thái của từng đơn vị (kỳ %(period)s)", period=period.name),
        "bar",
        True,
        _("Đơn vị"),
        _("Số điển hình"),
        [u.name for u in units],
        horizontal=True,
    )
    for status in ExemplarStatus:
        data = [counts.get((u.id, status), 0) for u in units]
        chart.series.append(Series(status.value, str(status.label), data))
    return chart


def exemplars_per_year(unit_ids: list[int], period: PlanPeriod) -> Chart:
    """Per year of the period: exemplars identified that year, and recognised that year."""
    years = period.years
    found = _count_by(Exemplar.year_identified, unit_ids, Exemplar.year_identified.in_(years))
    recognised = _count_by(Exemplar.year_recognised, unit_ids, Exemplar.year_recognised.in_(years))
    chart = Chart(
        "exemplars_per_year",
        _("Điển hình được phát hiện và được công nhận theo năm"),
        "bar",
        False,
        _("Năm"),
        _("Số điển hình"),
        [str(y) for y in years],
    )
    chart.series = [
        Series("identified", _("Phát hiện"), [found.get(y, 0) for y in years]),
        Series("recognised", _("Công nhận"), [recognised.get(y, 0) for y in years]),
    ]
    return chart


def _count_by(column, unit_ids: list[int], condition) -> dict[int, int]:
    rows = db.session.execute(
        select(column, func.count(Exemplar.id))
        .where(in_ids(Exemplar.unit_id, unit_ids), condition)
        .group_by(column)
    )
    return dict(rows.all())


def propagation_by_month(unit_ids: list[int], year: int) -> Chart:
    """Per month of the year: propagation activities in each channel."""
    month = func.extract("month", PropagationActivity.activity_date)
    rows = db.session.execute(
        select(month, PropagationActivity.channel, func.count(PropagationActivity.id))
        .where(
            in_ids(PropagationActivity.unit_id, unit_ids),
            PropagationActivity.activity_date >= date(year, 1, 1),
            PropagationActivity.activity_date <= date(year, 12, 31),
        )
        .group_by(month, PropagationActivity.channel)
    )
    counts = {(int(m), Channel(channel)): n for m, channel, n in rows}
    chart = Chart(
        "propagation_by_month",
        _("Hoạt động tuyên truyền theo tháng và hình thức, năm %(year)s", year=year),
        "bar",
        True,
        _("Tháng"),
        _("Số hoạt động"),
        [_("Tháng %(m)s", m=m) for m in range(1, 13)],
    )
    for channel in Channel:
        data = [counts.get((m, channel), 0) for m in range(1, 13)]
        chart.series.append(Series(channel.value, str(channel.label), data))
    return chart


def findings_by_severity(unit_ids: list[int], year: int) -> Chart:
    """Findings of the year's inspections: per severity, how many in each state."""
    rows = db.session.execute(
        select(
            InspectionFinding.severity, InspectionFinding.status, func.count(InspectionFinding.id)
        )
        .join(Inspection, Inspection.id == InspectionFinding.inspection_id)
        .where(in_ids(InspectionFinding.unit_id, unit_ids), Inspection.year == year)
        .group_by(InspectionFinding.severity, InspectionFinding.status)
    )
    counts = {(FindingSeverity(s), FindingStatus(st)): n for s, st, n in rows}
    chart = Chart(
        "findings_by_severity",
        _("Kết luận kiểm tra năm %(year)s theo mức độ và trạng thái", year=year),
        "bar",
        True,
        _("Mức độ"),
        _("Số kết luận"),
        [str(s.label) for s in FindingSeverity],
    )
    for status in FindingStatus:
        data = [counts.get((s, status), 0) for s in FindingSeverity]
        chart.series.append(Series(status.value, str(status.label), data))
    return chart


def reminder_weeks(today: date) -> list[date]:
    """The Mondays of the last REMINDER_WEEKS weeks, the current one last."""
    monday = today - timedelta(days=today.weekday())
    return [monday - timedelta(weeks=n) for n in range(REMINDER_WEEKS - 1, -1, -1)]


def reminders_per_week(today: date, organization_id: int, unit_id: int | None = None) -> Chart:
    """Reminders delivered per week (the deadlines' claim rows), by what became of
    their email: sent, failed, still queued; a reminder without an email (the person
    chose the bell only) counts as sent."""

    weeks = reminder_weeks(today)
    # Stored in UTC (SQLite compares the text): the week starts at midnight in Vietnam.
    start = datetime.combine(weeks[0], time(0), tzinfo=VN_TZ).astimezone(UTC)
    day = _local_day(ReminderDelivery.created_at)
    query = (
        select(day, MailMessage.status, func.count(ReminderDelivery.id))
        .outerjoin(MailMessage, MailMessage.id == ReminderDelivery.mail_message_id)
        .where(ReminderDelivery.organization_id == organization_id)
        .where(ReminderDelivery.created_at >= start)
        .group_by(day, MailMessage.status)
    )
    if unit_id is not None:
        query = query.where(ReminderDelivery.unit_id == unit_id)
    buckets = {status: [0] * len(weeks) for status in MailStatus}
    for value, status, n in db.session.execute(query):
        local = value if isinstance(value, date) else date.fromisoformat(str(value)[:10])
        index = (local - weeks[0]).days // 7
        if 0 <= index < len(weeks):
            buckets[MailStatus(status) if status else MailStatus.SENT][index] += n
    chart = Chart(
        "reminders_per_week",
        _("Nhắc hạn đã gửi và gửi lỗi theo tuần (%(n)s tuần gần nhất)", n=REMINDER_WEEKS),
        "line",
        False,
        _("Tuần bắt đầu ngày"),
        _("Số nhắc hạn"),
        [format_date(w) for w in weeks],
        categories=list(weeks),
    )
    chart.series = [
        Series("sent", _("Đã gửi"), buckets[MailStatus.SENT]),
        Series("failed", _("Gửi lỗi"), buckets[MailStatus.FAILED]),
        Series("queued", _("Đang chờ gửi"), buckets[MailStatus.QUEUED]),
    ]
    return chart


def _local_day(column):
    """The Vietnam-time day of a stored UTC moment, in SQL (grouped by the database)."""
    # Literals, not bound parameters: PostgreSQL matches the GROUP BY expression to
    # the selected one only when they are written the same.
    if db.session.get_bind().dialect.name == "postgresql":
        return func.date(func.timezone(literal_column("'Asia/Ho_Chi_Minh'"), column))
    return func.date(column, literal_column("'+7 hours'"))  # SQLite: UTC text; no DST in Vietnam


def all_charts(
    units: list[Unit],
    period: PlanPeriod,
    year: int,
    today: date,
    organization_id: int,
    reminder_unit_id: int | None = None,
) -> list[Chart]:
    ids = [u.id for u in units]
    return [
        exemplars_by_status(units, period),
        exemplars_per_year(ids, period),
        propagation_by_month(ids, year),
        findings_by_severity(ids, year),
        reminders_per_week(today, organization_id, reminder_unit_id),
    ]
