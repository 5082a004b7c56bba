"""The shared pagination macro keeps the list's filters on every page link."""

from flask import render_template_string

from portal.extensions import db
from portal.organizations.models import Unit
from tests.factories import make_unit


def _page(world):
    for n in range(30):
        make_unit(world.org, f"Đơn vị {n}")
    return db.paginate(db.select(Unit).order_by(Unit.id), page=1, per_page=5, error_out=False)


def _render(template, page):
    return render_template_string(
        '{% from "macros/ui.html" import pagination %}' + template, page=page
    )


def test_keyword_filters_reach_the_links(app, world):
    with app.test_request_context("/"):
        html = _render("{{ pagination(page, 'home.index', year=2024, status=None) }}", _page(world))
    assert "year=2024" in html and "page=2" in html and "status" not in html


def test_args_dict_reaches_the_links(app, world):
    with app.test_request_context("/"):
        html = _render("{{ pagination(page, 'home.index', args={'q': 'thi đua'}) }}", _page(world))
    assert "q=thi+%C4%91ua" in html or "q=thi%20%C4%91ua" in html
