"""List pages: the page of results, the filters carried into its links, text search."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from flask import current_app, request
from flask_sqlalchemy.pagination import Pagination
from sqlalchemy import ColumnElement, Select, or_

from portal.extensions import db


def page_of(query: Select, per_page: int | None = None) -> Pagination:
    """The page of `query` the query string asks for; past the end is an empty page."""
    return db.paginate(
        query,
        page=request.args.get("page", 1, type=int),
        per_page=per_page or current_app.config["ITEMS_PER_PAGE"],
        error_out=False,
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
