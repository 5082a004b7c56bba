"""Vietnamese labels of the criteria enums."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from portal.criteria.models import CriteriaAudience

AUDIENCE_LABELS = {
    CriteriaAudience.COLLECTIVE: _l("Tập thể"),
    CriteriaAudience.INDIVIDUAL: _l("Cá nhân"),
}
