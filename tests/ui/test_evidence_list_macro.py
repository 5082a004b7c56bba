"""The shared evidence list shows each file's size in KB, rounded up."""

from datetime import UTC, datetime
from types import SimpleNamespace

import pytest
from flask import render_template_string


def _render(size: int) -> str:
    attachment = SimpleNamespace(
        id=7, original_name="bang-khen.pdf", size=size, created_at=datetime(2025, 3, 1, tzinfo=UTC)
    )
    return render_template_string(
        '{% from "macros/ui.html" import evidence_list %}{{ evidence_list(files) }}',
        files=[attachment],
    )


@pytest.mark.parametrize(("size", "shown"), [(300, "(1 KB,"), (1024, "(1 KB,"), (1500, "(2 KB,")])
def test_sizes_are_rounded_up_so_a_small_file_is_never_0_kb(app, size, shown):
    with app.test_request_context("/"):
        html = _render(size)
    assert shown in html and "bang-khen.pdf" in html
    assert "(0 KB" not in html
