"""What a compilation builds. A builder turns a compilation into ordered steps; each
step writes its files into the work directory and returns their relative paths.

Each kind's builder is registered at start-up by portal/registry.py; the job runs
them all the same way. A step's `weight` is its share of the progress bar (a PDF
conversion is slower than writing a Word file); a long step moves the bar within its
share by calling `report_step_progress` (the PDF step: once per file).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from pathlib import Path

from portal.compilations.models import Compilation


@dataclass(frozen=True)
class Step:
    label: str  # shown on the progress bar, in Vietnamese
    run: Callable[[Path], list[str]]  # writes files under the work dir
    weight: float = 1.0  # its share of the progress bar, against the other steps


@dataclass(frozen=True)
class Builder:
    label: object  # the kind's name in the UI
    inputs: Callable[[Compilation], dict]  # a summary of the records used
    steps: Callable[[Compilation], list[Step]]
    needs_year: bool = False
    # What was compiled, in sentences for the page (from the inputs kept at the start).
    describe: Callable[[Compilation], list[str]] | None = None
    # What the manifest says of a file (e.g. a signed scan or a generated copy), by path.
    source: Callable[[str], str | None] | None = None


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


# (done, total) -> None, set by the job around each step's run.
_STEP_TICK: ContextVar[Callable[[int, int], None] | None] = ContextVar("step_tick", default=None)


@contextmanager
def step_ticks(tick: Callable[[int, int], None]) -> Iterator[None]:
    """Within it, `report_step_progress` calls `tick` (the job moving the bar)."""
    token = _STEP_TICK.set(tick)
    try:
        yield
    finally:
        _STEP_TICK.reset(token)


def report_step_progress(done: int, total: int) -> None:
    """A long step says how far it is (`done` of `total` parts); nothing outside a job."""
    tick = _STEP_TICK.get()
    if tick is not None and total > 0:
        tick(done, total)
