"""Labels of the values inside an annual report's figures: the figures are a JSON
snapshot, so they hold the enums' stored values, which are shown through the enums."""

from __future__ import annotations

from portal.difficulties.models import DifficultyStatus
from portal.enums import LabelledEnum
from portal.exemplars.models import ExemplarKind, ExemplarStatus, RecognitionLevel, SupportType
from portal.exemplars.quota import QuotaFlag
from portal.inspections.models import (
    FindingSeverity,
    FindingStatus,
    InspectionMethod,
    InspectionScope,
)
from portal.propagation.models import ActivityType, Channel

# group of a figure -> the enum of its values
GROUPS: dict[str, type[LabelledEnum]] = {
    "exemplar_status": ExemplarStatus,
    "exemplar_kind": ExemplarKind,
    "exemplar_level": RecognitionLevel,
    "support_type": SupportType,
    "quota_flag": QuotaFlag,
    "channel": Channel,
    "activity_type": ActivityType,
    "inspection_method": InspectionMethod,
    "inspection_scope": InspectionScope,
    "finding_severity": FindingSeverity,
    "finding_status": FindingStatus,
    "difficulty_status": DifficultyStatus,
}


def figure_label(group: str, value: object) -> str:
    """The label of `value` (an enum's stored value) in `group`; the value itself
    when it is not (or no longer) one of the enum's."""
    if value is None:
        return ""
    enum_cls = GROUPS.get(group)
    try:
        return str(enum_cls(str(value)).label) if enum_cls else str(value)
    except ValueError:
        return str(value)
