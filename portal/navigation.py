"""The navigation bar: each entry shows when the user may use its page."""

from __future__ import annotations

from dataclasses import dataclass

from flask import Flask, current_app, request, url_for
from flask_babel import lazy_gettext as _l
from flask_babel import lazy_pgettext
from flask_login import current_user

from portal.accounts.models import Role
from portal.notifications.services import unread_count

ANY = Role.in_organization()
UNIT_PEOPLE = (Role.COORDINATOR, Role.STAFF)
READERS = (Role.OFFICE_ADMIN, Role.VIEWER, Role.COUNCIL_MEMBER, Role.COORDINATOR, Role.STAFF)


@dataclass(frozen=True)
class NavItem:
    endpoint: str
    label: object
    roles: tuple[Role, ...]
    group: str = "main"


NAV_ITEMS = (
    NavItem("dashboards.index", _l("Tổng quan"), ANY),
    NavItem("platform.index", _l("Các Sở trên Cổng"), (Role.PLATFORM_ADMIN,)),
    NavItem("movements.index", _l("Phong trào"), READERS),
    NavItem("exemplars.index", _l("Điển hình"), READERS),
    NavItem("propagation.index", _l("Tuyên truyền"), READERS),
    NavItem("training.index", _l("Tập huấn"), READERS),
    NavItem(
        "difficulties.index",
        _l("Khó khăn, vướng mắc"),
        (Role.OFFICE_ADMIN, Role.VIEWER, *UNIT_PEOPLE),
    ),
    NavItem("assessments.index", _l("Tự đánh giá"), READERS),
    NavItem("annualreports.index", _l("Báo cáo năm"), READERS),
    NavItem("registrations.index", _l("Đăng ký thi đua"), READERS),
    NavItem("inspections.index", _l("Kiểm tra, giám sát"), READERS),
    NavItem(
        "consideration.index", _l("Bình xét"), (Role.OFFICE_ADMIN, Role.VIEWER, Role.COUNCIL_MEMBER)
    ),
    NavItem("awards.index", _l("Khen thưởng"), (Role.OFFICE_ADMIN, Role.VIEWER, *UNIT_PEOPLE)),
    NavItem(
        "congress.index", _l("Hồ sơ Đại hội"), (Role.OFFICE_ADMIN, Role.VIEWER, Role.COORDINATOR)
    ),
    NavItem("deadlines.index", _l("Thời hạn"), READERS),
    NavItem(
        "award_history.search", _l("Tra cứu khen thưởng"), (Role.OFFICE_ADMIN, Role.COORDINATOR)
    ),
    # The Office's administration menu.
    NavItem("admin.units", lazy_pgettext("menu", "Đơn vị"), (Role.OFFICE_ADMIN,), "admin"),
    NavItem("admin.users", _l("Người dùng"), (Role.OFFICE_ADMIN,), "admin"),
    NavItem("criteria.index", _l("Kỳ kế hoạch và tiêu chuẩn"), (Role.OFFICE_ADMIN,), "admin"),
    NavItem("council.index", _l("Hội đồng và phân công"), (Role.OFFICE_ADMIN,), "admin"),
    NavItem("budget.index", _l("Kinh phí chương trình"), (Role.OFFICE_ADMIN,), "admin"),
    NavItem("compilations.index", _l("Tổng hợp hồ sơ"), (Role.OFFICE_ADMIN,), "admin"),
    NavItem("publiccolumn.manage", _l("Chuyên mục điển hình"), (Role.OFFICE_ADMIN,), "admin"),
    NavItem("mail.outbox", _l("Hộp thư đi"), (Role.OFFICE_ADMIN,), "admin"),
    NavItem("admin.audit", _l("Nhật ký thay đổi"), (Role.OFFICE_ADMIN,), "admin"),
)


def nav_items(group: str = "main") -> list[tuple[str, object, str]]:
    """(url, label, endpoint) of the entries the current user may see."""
    if not current_user.is_authenticated:
        return []
    roles = current_user.roles
    return [
        (menu_url(item.endpoint), item.label, item.endpoint)
        for item in NAV_ITEMS
        if item.group == group and roles.intersection(item.roles)
    ]


def menu_url(endpoint: str) -> str:
    """The entry's URL, built once per process (and mount point) rather than by a
    url_for per entry on every page: the menu has no arguments."""
    urls = current_app.extensions.setdefault("portal_menu_urls", {})
    key = (endpoint, request.script_root)
    if key not in urls:
        urls[key] = url_for(endpoint)
    return urls[key]


def register(app: Flask) -> None:
    app.jinja_env.globals.update(nav_items=nav_items, Role=Role)

    @app.context_processor
    def inject_notifications() -> dict:
        # current_user is None outside a request (mail rendered by a job).
        if not current_user or not current_user.is_authenticated:
            return {"unread_notifications": 0}

        return {"unread_notifications": unread_count(current_user)}
