"""The workspace lists the findings of inspections the unit received and has to act on."""

from datetime import date

from portal.formatting import today_vn
from portal.workspace.services import unit_summary
from tests.factories import make_finding, make_inspection


def test_open_findings_of_the_unit_only(world, login_as):
    inspection = make_inspection(world, unit=world.unit_a)
    make_finding(inspection, finding="Chưa lập sổ theo dõi điển hình", due_date=date(2025, 4, 1))
    other = make_inspection(world, unit=world.unit_b)
    make_finding(other, finding="Thiếu báo cáo quý của Thanh tra")

    summary = unit_summary(world.unit_a, today_vn())
    assert [f.finding for f in summary.open_findings] == ["Chưa lập sổ theo dõi điển hình"]

    page = login_as(world.coordinator_a).get(f"/units/{world.unit_a.id}").get_data(as_text=True)
    assert "Chưa lập sổ theo dõi điển hình" in page
    assert "Thiếu báo cáo quý của Thanh tra" not in page


def test_recent_propagation_activities_of_the_unit_only(world, login_as):
    from portal.extensions import db
    from portal.propagation.models import ActivityType, Channel, PropagationActivity

    for unit, title in ((world.unit_a, "Bài viết trên Báo Quảng Bình"), (world.unit_b, "Tin QBTV")):
        db.session.add(
            PropagationActivity(
                unit_id=unit.id,
                activity_date=date(2025, 5, 2),
                title=title,
                activity_type=ActivityType.ARTICLE,
                channel=Channel.TRADITIONAL,
                cost_vnd=1500000,
            )
        )
    db.session.commit()
    summary = unit_summary(world.unit_a, today_vn())
    assert [a.title for a in summary.recent_activities] == ["Bài viết trên Báo Quảng Bình"]
    page = login_as(world.coordinator_a).get(f"/units/{world.unit_a.id}").get_data(as_text=True)
    assert "Bài viết trên Báo Quảng Bình" in page and "1.500.000 ₫" in page
    assert "Tin QBTV" not in page
