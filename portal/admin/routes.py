"""The Office's administration screens: the organization, units, users, staff import and
the audit log."""

from portal.admin import (  # noqa: F401
    audit_routes,
    import_routes,
    organization_routes,
    unit_routes,
    user_routes,
)
from portal.admin.blueprint import bp

__all__ = ["bp"]
