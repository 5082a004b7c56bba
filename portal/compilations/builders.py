"""What a compilation builds. A builder turns a compilation into ordered steps; each
step writes its files into the work directory and returns their relative paths.

Each kind's builder is registered at start-up by portal/registry.py; the job runs
them all the same way.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from portal.compilations.models import Compilation


@dataclass(frozen=True)
class Step:
    label: str  # shown on the progress bar, in Vietnamese
    run: Callable[[Path], list[str]]  # writes files under the work dir


@dataclass(frozen=True)
class Builder:
    label: object  # the kind's name in the UI
    inputs: Callable[[Compilation], dict]  # a summary of the records used
    steps: Callable[[Compilation], list[Step]]
    needs_year: bool = False


BUILDERS: dict[str, Builder] = {}


def register_builder(kind: str, builder: Builder) -> None:
    BUILDERS[kind] = builder


def builder_for(kind: str) -> Builder:
    try:
        return BUILDERS[kind]
    except KeyError:
        raise ValueError(f"unknown compilation kind {kind!r}") from None


def available_builders() -> dict[str, Builder]:
    return dict(BUILDERS)
