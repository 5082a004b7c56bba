"""Vietnamese labels of the enums shared across capabilities, for templates."""

from __future__ import annotations

from flask import Flask
from flask_babel import lazy_gettext as _l

from portal.accounts.models import Role
from portal.organizations.models import UnitKind

UNIT_KIND_LABELS = {
    UnitKind.DIVISION: _l("Phòng chuyên môn"),
    UnitKind.AFFILIATED: _l("Đơn vị trực thuộc"),
    UnitKind.MASS_ORGANISATION: _l("Tổ chức đảng, đoàn thể"),
}

ROLE_LABELS = {
    Role.OFFICE_ADMIN: _l("Văn phòng Sở"),
    Role.COUNCIL_MEMBER: _l("Thành viên Hội đồng TĐKT"),
    Role.COORDINATOR: _l("Cán bộ thi đua"),
    Role.STAFF: _l("Cán bộ, nhân viên"),
    Role.VIEWER: _l("Lãnh đạo (chỉ xem)"),
}


def register(app: Flask) -> None:
    app.jinja_env.globals.update(
        unit_kind_label=lambda kind: UNIT_KIND_LABELS.get(kind, kind),
        role_label=lambda role: ROLE_LABELS.get(role, role),
    )
