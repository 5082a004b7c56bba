"""Search keys that ignore Vietnamese diacritics and case: "Nguyễn Văn A" and
"nguyen van a" fold to the same key. Stored beside a name (a `*_key` column) so that
SQLite, which has no `unaccent`, searches by a plain LIKE on an index."""

from __future__ import annotations

import unicodedata

# Letters that are not a base letter plus combining marks in Unicode.
_SPECIAL = str.maketrans({"đ": "d", "Đ": "d"})


def fold(text: str | None) -> str:
    """Lower case, without diacritics, with runs of white space made single."""
    if not text:
        return ""
    decomposed = unicodedata.normalize("NFD", text.translate(_SPECIAL))
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(bare.casefold().split())


def like_pattern(query: str) -> str:
    """A LIKE pattern matching folded keys that contain the folded query."""
    escaped = fold(query).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"
