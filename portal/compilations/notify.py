"""Tell the person who started a compilation that it has finished."""

from __future__ import annotations

from flask import url_for

from portal.accounts.models import User
from portal.compilations.models import Compilation, CompilationStatus
from portal.extensions import db
from portal.i18n import LocalText
from portal.msgids import N_
from portal.notifications.services import notify

# Written in the starter's language by notify().
TITLES = {
    CompilationStatus.DONE: N_("Đã tổng hợp xong hồ sơ #%(id)s"),
    CompilationStatus.FAILED: N_("Tổng hợp hồ sơ #%(id)s bị lỗi"),
    CompilationStatus.CANCELLED: N_("Đã hủy tổng hợp hồ sơ #%(id)s"),
}


def tell_starter(compilation: Compilation) -> None:
    user = db.session.get(User, compilation.started_by_id) if compilation.started_by_id else None
    if user is None:
        return
    step = LocalText(compilation.step) if compilation.step else ""  # a stored msgid
    body = compilation.error or step
    notify(
        user,
        LocalText(TITLES[compilation.status], id=compilation.id),
        body,
        url_for("compilations.detail", compilation_id=compilation.id, _external=False),
        category="compilation_done",
    )
