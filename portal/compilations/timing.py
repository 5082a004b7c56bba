"""How long a compilation has taken and about how long it still needs, in words."""

from __future__ import annotations

from datetime import datetime, timedelta

from flask_babel import gettext as _

from portal.compilations.models import Compilation, CompilationStatus
from portal.models_base import as_utc, utcnow

# Below this share done, an estimate would be a guess: say so instead.
MIN_PROGRESS_FOR_ESTIMATE = 5


def format_duration(seconds: float) -> str:
    """45 giây; 2 phút 05 giây; 1 giờ 03 phút."""
    total = max(0, int(round(seconds)))
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return _("%(hours)s giờ %(minutes)02d phút", hours=hours, minutes=minutes)
    if minutes:
        return _("%(minutes)s phút %(seconds)02d giây", minutes=minutes, seconds=secs)
    return _("%(seconds)s giây", seconds=secs)


def _elapsed(compilation: Compilation, now: datetime) -> timedelta | None:
    if compilation.started_at is None:
        return None
    end = compilation.finished_at if compilation.finished_at else now
    return as_utc(end) - as_utc(compilation.started_at)


def timing(compilation: Compilation, status: CompilationStatus, progress: int) -> dict:
    """{"elapsed": text, "remaining": text} for the page; either may be ""."""
    now = utcnow()
    if status == CompilationStatus.QUEUED:
        waited = now - as_utc(compilation.created_at) if compilation.created_at else None
        text = _("Đang chờ máy xử lý: %(time)s", time=format_duration(waited.total_seconds()))
        return {"elapsed": text if waited else "", "remaining": ""}
    elapsed = _elapsed(compilation, now)
    if elapsed is None:
        return {"elapsed": "", "remaining": ""}
    seconds = elapsed.total_seconds()
    result = {"elapsed": _("Đã chạy: %(time)s", time=format_duration(seconds)), "remaining": ""}
    if status == CompilationStatus.RUNNING:
        if progress >= MIN_PROGRESS_FOR_ESTIMATE:
            left = seconds * (100 - progress) / progress
            result["remaining"] = _("Còn khoảng %(time)s", time=format_duration(left))
        else:
            result["remaining"] = _("Đang ước tính thời gian còn lại…")
    return result
