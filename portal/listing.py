"""List pages: the filter form read from the query string, the page of results, the
filters carried into its links, text search."""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from typing import Any

from flask import current_app, request
from flask_sqlalchemy.pagination import Pagination
from sqlalchemy import ColumnElement, Select, or_

from portal.extensions import db
from portal.forms_base import PortalForm


class FilterForm(PortalForm):
    """A list page's filters, bound to the query string (a GET, so no CSRF token).

    Build it, give its selects their choices, then read each filter with `value(name)`:
    the form is validated on the first read, and a value that does not validate counts
    as absent, so a hand-edited URL shows the unfiltered list instead of an error."""

    class Meta:
        csrf = False

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(formdata=request.args, **kwargs)
        self._validated = False

    def value(self, name: str) -> Any:
        if not self._validated:
            self.validate()
            self._validated = True
        field = self[name]
        return None if field.errors else field.data


def page_of(query: Select, per_page: int | None = None) -> Pagination:
    """The page of `query` the query string asks for; past the end is an empty page."""
    return db.paginate(
        query,
        page=request.args.get("page", 1, type=int),
        per_page=per_page or current_app.config["ITEMS_PER_PAGE"],
        error_out=False,
    )


class RowsPage:
    """A page of an in-memory list, with the interface of a query's page (the
    pagination macro reads either); past the end is the last page."""

    def __init__(self, rows: list, page: int, per_page: int) -> None:
        self.total = len(rows)
        self.per_page = per_page
        self.pages = max(1, math.ceil(self.total / per_page))
        self.page = min(max(1, page), self.pages)
        start = (self.page - 1) * per_page
        self.items = rows[start : start + per_page]
        self.has_prev, self.has_next = self.page > 1, self.page < self.pages
        self.prev_num = self.page - 1 if self.has_prev else None
        self.next_num = self.page + 1 if self.has_next else None

    def iter_pages(self):
        return iter(range(1, self.pages + 1))


def page_of_rows(rows: list, per_page: int | None = None) -> RowsPage:
    """The page of `rows` (already filtered and sorted) the query string asks for."""
    return RowsPage(
        rows,
        request.args.get("page", 1, type=int),
        per_page or current_app.config["ITEMS_PER_PAGE"],
    )


def filter_args(
    args: Mapping[str, str] | None = None, keep_empty: Iterable[str] = ()
) -> dict[str, str]:
    """The current filters, to carry into pagination and export links: without the
    page, and without empty ones unless named in `keep_empty` (an explicit "all")."""
    args = request.args if args is None else args
    keep = set(keep_empty)
    return {k: v for k, v in args.items() if k != "page" and (v or k in keep)}


def escape_like(text: str) -> str:
    """`text` with LIKE's wildcards escaped (by a backslash), so it matches literally."""
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def text_search(text: str, *columns: ColumnElement) -> ColumnElement:
    """Rows where any of `columns` contains `text` (case-insensitive, taken literally)."""
    pattern = f"%{escape_like(text)}%"
    return or_(*(column.ilike(pattern, escape="\\") for column in columns))
