"""The Office's administration screens: units, users, staff import and the audit log."""

from portal.admin import audit_routes, import_routes, unit_routes, user_routes  # noqa: F401
from portal.admin.blueprint import bp

__all__ = ["bp"]
