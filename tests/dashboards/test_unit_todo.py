"""The unit's to-do list ("Việc sắp đến hạn") lists every obligation its dashboard counts
and has not met, overdue first, each linked to the page where it is done."""

from __future__ import annotations

import re
from datetime import timedelta

from portal.deadlines.models import CompletionMode, DeadlineKind
from portal.deadlines.services import due_at_from_local
from portal.formatting import today_vn
from tests.factories import make_deadline, vn

ROW = re.compile(
    r'<tr data-testid="todo-row" data-overdue="(\d)" data-obligation="(\d)">(.*?)</tr>', re.S
)


def todo_rows(html: str) -> list[tuple[bool, bool, str, str]]:
    """(overdue, obligation, link, text) of each row of the list, in order."""
    section = re.search(r'id="upcoming".*?</table>', html, re.S).group(0)
    rows = []
    for overdue, obligation, body in ROW.findall(section):
        link = re.search(r'<a href="([^"]+)"', body).group(1)
        rows.append((overdue == "1", obligation == "1", link, re.sub(r"<[^>]+>", " ", body)))
    return rows


def test_overdue_self_assessment_and_report_come_first_and_match_the_dashboard(world, login_as):
    # The self-assessment's Office deadline sends no reminders (no due item of its own);
    # the annual report is due by the period's default date (15/12/2024), and an Office
    # deadline of the same kind and year, with reminders, must not be listed twice.
    make_deadline(
        world,
        kind=DeadlineKind.SELF_ASSESSMENT,
        year=2024,
        title="Nộp tự đánh giá 2024",
        due_at=vn(2024, 12, 1, 17),
        completion_mode=CompletionMode.RECORD,
        reminders_enabled=False,
    )
    make_deadline(
        world,
        kind=DeadlineKind.ANNUAL_REPORT,
        year=2024,
        title="Nộp báo cáo năm 2024",
        due_at=vn(2024, 12, 10, 17),
        completion_mode=CompletionMode.RECORD,
    )
    soon = today_vn() + timedelta(days=10)
    make_deadline(world, title="Cập nhật minh chứng", due_at=due_at_from_local(soon, None))
    client = login_as(world.coordinator_a)
    html = client.get(f"/dashboards/units/{world.unit_a.id}?year=2024").get_data(as_text=True)

    rows = todo_rows(html)
    texts = [text for _overdue, _obligation, _link, text in rows]
    assert "Tự đánh giá, năm 2024" in texts[0] and "01/12/2024" in texts[0]
    assert "Báo cáo năm, năm 2024" in texts[1] and "10/12/2024" in texts[1]
    assert "Quá hạn, chưa nộp" in texts[0] and "Quá hạn, chưa nộp" in texts[1]
    assert [overdue for overdue, *_rest in rows] == [True, True] + [False] * (len(rows) - 2)
    assert "Cập nhật minh chứng" in texts[2]  # dated before undated
    assert not any("Nộp báo cáo năm 2024" in text for text in texts)  # not twice

    met, counted = map(int, re.search(r'data-testid="row-total-\d+">(\d+)/(\d+)', html).groups())
    obligations = [row for row in rows if row[1]]
    assert len(obligations) == counted - met == 5
    for _overdue, _obligation, link, _text in rows:
        assert client.get(link).status_code == 200, link


def test_a_submitted_self_assessment_leaves_the_list(world, login_as):
    from portal.reviews.states import ReviewAction
    from tests.factories import at, make_assessment, make_criteria, move

    make_criteria(world.period)
    assessment = make_assessment(world, world.unit_a, 2024, scores=[8, 7, 4])
    move(assessment, ReviewAction.SUBMIT, world.coordinator_a, when=at(2024, 12, 20))
    html = (
        login_as(world.coordinator_a)
        .get(f"/dashboards/units/{world.unit_a.id}?year=2024")
        .get_data(as_text=True)
    )
    texts = [text for *_rest, text in todo_rows(html)]
    assert not any("Tự đánh giá, năm 2024" in text for text in texts)
    assert "Báo cáo năm, năm 2024" in texts[0]
