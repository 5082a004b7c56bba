"""The demo's reminder history: the reminders chart has weeks to show, once only."""

from __future__ import annotations

from sqlalchemy import func, select

from portal.dashboards import charts
from portal.deadlines.models import ReminderDelivery
from portal.demo import dashboards as demo
from portal.extensions import db
from portal.formatting import today_vn


def test_demo_reminder_history_fills_the_chart_once(world):
    demo.seed(world.org, "demo@2025")
    db.session.commit()
    count = db.session.scalar(select(func.count(ReminderDelivery.id)))
    assert count == sum(sent + failed for sent, failed in demo.WEEKS)
    chart = charts.reminders_per_week(today_vn(), world.org.id)
    data = {s.key: s.data for s in chart.series}
    # The past weeks, oldest first; the current week is left to the worker.
    assert data["sent"][:-1] == [sent for sent, _failed in demo.WEEKS]
    assert data["failed"][:-1] == [failed for _sent, failed in demo.WEEKS]
    assert data["sent"][-1] == 0
    demo.seed(world.org, "demo@2025")
    db.session.commit()
    assert db.session.scalar(select(func.count(ReminderDelivery.id))) == count


def test_demo_without_coordinators_seeds_nothing(world):
    from portal.organizations.models import Organization

    empty = Organization(name="Sở chưa có người dùng")
    db.session.add(empty)
    db.session.flush()
    demo.seed(empty, "demo@2025")
    assert db.session.scalar(select(func.count(ReminderDelivery.id))) == 0
