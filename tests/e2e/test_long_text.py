"""Long text in a real browser: a 5,000-character word does not widen the exemplar page,
and a long field shows the characters left, in the reader's language.

Chromium renders the pages the test client answers (every request of the page is
routed to it), so no server has to be started."""

from __future__ import annotations

import os
from urllib.parse import urlsplit

import pytest

from portal.extensions import db
from tests.e2e.browser import CHROMIUM, SKIP_MESSAGE
from tests.factories import record_exemplar

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not os.path.exists(CHROMIUM), reason=SKIP_MESSAGE),
]

ORIGIN = "http://portal.test"
WIDTH = 1280


@pytest.fixture
def open_page(client, browser):
    """open_page(path) -> a Chromium page showing what the portal answers at `path`
    (the browser journeys' Chromium: one Playwright per process)."""

    def answer(route):
        parts = urlsplit(route.request.url)
        target = parts.path + (f"?{parts.query}" if parts.query else "")
        response = client.get(target)
        headers = {k: v for k, v in response.headers.items() if k.lower() != "content-length"}
        route.fulfill(status=response.status_code, headers=headers, body=response.get_data())

    page = browser.new_page(viewport={"width": WIDTH, "height": 900})
    page.route(f"{ORIGIN}/**", answer)

    def _open(path: str):
        page.goto(ORIGIN + path)
        return page

    yield _open
    page.close()


def test_a_very_long_word_wraps_instead_of_widening_the_exemplar_page(world, login_as, open_page):
    exemplar = record_exemplar(
        world.unit_a, name="Tổ" + "A" * 250, achievements="B" * 5_000, initiatives="C" * 5_000
    )
    db.session.commit()
    login_as(world.coordinator_a)
    page = open_page(f"/exemplars/{exemplar.id}")
    assert "A" * 250 in page.content()  # the page does show the long word
    assert page.evaluate("document.documentElement.scrollWidth") <= WIDTH


def test_a_long_field_counts_the_characters_left(world, login_as, open_page, client):
    login_as(world.coordinator_a)
    page = open_page("/exemplars/new")
    counter = page.locator("#achievements-counter")
    assert counter.inner_text() == "còn 10.000 ký tự"
    page.fill("#achievements", "x" * 25)
    assert counter.inner_text() == "còn 9.975 ký tự"

    client.post("/lang/en")
    page = open_page("/exemplars/new")
    assert page.locator("#achievements-counter").inner_text() == "10.000 characters left"
