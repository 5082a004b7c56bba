"""A graceful stop of the work horse: the worker asks, the job stops between two
steps (e.g. between two messages of a mail batch), never in the middle of one.

The worker (`portal/jobs/workers.py`) sends STOP_SIGNAL to its work horse when it
is asked to stop; the horse's handler only sets a flag that jobs read.
"""

from __future__ import annotations

import signal

STOP_SIGNAL = signal.SIGUSR1
_requested = False


def requested() -> bool:
    """True once the worker asked the current work horse to stop."""
    return _requested


def request(*_args: object) -> None:
    global _requested
    _requested = True


def reset() -> None:
    global _requested
    _requested = False


def install() -> None:
    """In the work horse: STOP_SIGNAL sets the flag."""
    reset()
    signal.signal(STOP_SIGNAL, request)
