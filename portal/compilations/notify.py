"""Tell the person who started a compilation that it has finished."""

from __future__ import annotations

from portal.accounts.models import User
from portal.compilations.models import Compilation, CompilationStatus
from portal.extensions import db
from portal.notifications.services import notify
from portal.urls import path_for

TITLES = {
    CompilationStatus.DONE: "Đã tổng hợp xong hồ sơ #{id}",
    CompilationStatus.FAILED: "Tổng hợp hồ sơ #{id} bị lỗi",
    CompilationStatus.CANCELLED: "Đã huỷ tổng hợp hồ sơ #{id}",
}


def tell_starter(compilation: Compilation) -> None:
    user = db.session.get(User, compilation.started_by_id) if compilation.started_by_id else None
    if user is None:
        return
    body = compilation.error or compilation.step
    notify(
        user,
        TITLES[compilation.status].format(id=compilation.id),
        body,
        path_for("compilations.detail", compilation_id=compilation.id),
        category="compilation_done",
    )
