"""Enums whose members carry their own Vietnamese label and badge tone.

A member is declared with its stored value, its label as a message id marked by
`N_` (or `NC_` with a context when the same Vietnamese word means two things), and
optionally its Bootstrap tone::

    class ReviewState(LabelledEnum):
        DRAFT = "draft", N_("Bản nháp"), "secondary"

The label is translated when `.label` is read, so the module that declares the
enum (often a model) never imports the translation machinery; `make messages`
extracts the `N_`/`NC_` marks (portal.msgids). Templates read `member.label` and
`member.tone`; forms take `Enum.choices()`.
"""

from __future__ import annotations

import enum

from flask_babel import LazyString, lazy_gettext, lazy_pgettext

from portal.msgids import Msgid

DEFAULT_TONE = "secondary"


def translate(msgid: Msgid) -> LazyString:
    if isinstance(msgid, tuple):
        return lazy_pgettext(*msgid)
    return lazy_gettext(msgid)


class LabelledEnum(enum.StrEnum):
    """A string enum whose members know how they are shown.

    `verb` is the label of the button that moves a record to the member, for
    the few enums whose members are reached by a named action.
    """

    _msgid: Msgid
    _tone: str
    _verb: Msgid | None

    def __new__(
        cls, value: str, label: Msgid, tone: str = DEFAULT_TONE, verb: Msgid | None = None
    ) -> LabelledEnum:
        member = str.__new__(cls, value)
        member._value_ = value
        member._msgid = label
        member._tone = tone
        member._verb = verb
        return member

    @property
    def label(self) -> LazyString:
        return translate(self._msgid)

    @property
    def tone(self) -> str:
        return self._tone

    @property
    def verb(self) -> LazyString:
        return translate(self._verb or self._msgid)

    @classmethod
    def labels_text(cls, values: list[str] | None, separator: str = "; ") -> str:
        """The labels of stored values joined, a value no longer in the enum as is."""
        return separator.join(
            str(cls(value).label) if value in cls._value2member_map_ else value
            for value in values or []
        )

    @classmethod
    def choices(cls) -> list[tuple[str, LazyString]]:
        """(value, label) of every member, in declaration order, for select fields."""
        return [(member.value, member.label) for member in cls]
