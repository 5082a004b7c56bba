"""An organization's slug: the short, lowercase ASCII name of its public column's address
(`/<slug>/chuyen-muc-dien-hinh/`), made from its name without diacritics."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Collection

SLUG_MAX = 40
SLUG_PATTERN = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
_NOT_ALNUM = re.compile(r"[^a-z0-9]+")


def slugify(text: str, max_length: int = SLUG_MAX) -> str:
    """'Sở Tư pháp Quảng Bình' -> 'so-tu-phap-quang-binh' (cut at a hyphen to fit)."""
    text = (text or "").replace("đ", "d").replace("Đ", "D")
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    slug = _NOT_ALNUM.sub("-", ascii_text.lower()).strip("-")
    if len(slug) > max_length:
        slug = slug[: max_length + 1].rsplit("-", 1)[0] if "-" in slug[:max_length] else slug
        slug = slug[:max_length].strip("-")
    return slug or "so"


def unique_slug(text: str, taken: Callable[[str], bool] | Collection[str]) -> str:
    """`slugify(text)`, with '-2', '-3'... added while `taken` says it is in use."""
    is_taken = taken if callable(taken) else taken.__contains__
    base = slugify(text)
    slug, number = base, 1
    while is_taken(slug):
        number += 1
        suffix = f"-{number}"
        slug = base[: SLUG_MAX - len(suffix)].strip("-") + suffix
    return slug
