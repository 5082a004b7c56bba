"""Marks for messages stored or declared untranslated and translated where shown.

`pybabel extract` collects `N_("...")` (a default keyword) and `NC_("context",
"...")` (`-k NC_:1c,2` in the Makefile). Models and enums import these, never
the translation machinery.
"""

from __future__ import annotations

# A msgid marked by N_, or a (context, msgid) pair marked by NC_.
Msgid = str | tuple[str, str]


def N_(msgid: str) -> str:  # noqa: N802 (the gettext convention pybabel extracts)
    """Mark a message for the catalogue without translating it now: it is stored
    as it is (the Vietnamese msgid) and translated where it is shown."""
    return msgid


def NC_(context: str, msgid: str) -> tuple[str, str]:  # noqa: N802
    """N_ within a context, when one Vietnamese word means two things (a state and
    a button): the pair is translated by `pgettext(context, msgid)`."""
    return context, msgid


def NP_(singular: str, plural: str) -> tuple[str, str]:  # noqa: N802
    """N_ for a message with a plural (`-k NP_:1,2` in the Makefile): the pair is
    translated by `ngettext(singular, plural, n)` where the number is known."""
    return singular, plural
