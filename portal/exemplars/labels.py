"""Vietnamese labels (and badge tones) of the exemplar enums and quota flags."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from portal.exemplars.models import (
    ExemplarKind,
    ExemplarStatus,
    FosteringStatus,
    RecognitionLevel,
    SupportType,
)

KIND_LABELS = {
    ExemplarKind.COLLECTIVE: _l("Tập thể"),
    ExemplarKind.INDIVIDUAL: _l("Cá nhân"),
}
STATUS_LABELS = {
    ExemplarStatus.CANDIDATE: _l("Nhân tố mới"),
    ExemplarStatus.FOSTERING: _l("Đang bồi dưỡng"),
    ExemplarStatus.RECOGNISED: _l("Đã công nhận"),
    ExemplarStatus.REPLICATED: _l("Đã nhân rộng"),
    ExemplarStatus.DROPPED: _l("Dừng theo dõi"),
}
# Badge colours; the label is always shown too, colour is never the only signal.
STATUS_TONES = {
    ExemplarStatus.CANDIDATE: "info",
    ExemplarStatus.FOSTERING: "primary",
    ExemplarStatus.RECOGNISED: "success",
    ExemplarStatus.REPLICATED: "dark",
    ExemplarStatus.DROPPED: "secondary",
}
# The verb shown on the button that moves an exemplar to a status.
TRANSITION_LABELS = {
    ExemplarStatus.CANDIDATE: _l("Ghi nhận nhân tố mới"),
    ExemplarStatus.FOSTERING: _l("Bắt đầu bồi dưỡng"),
    ExemplarStatus.RECOGNISED: _l("Công nhận điển hình"),
    ExemplarStatus.REPLICATED: _l("Đã nhân rộng"),
    ExemplarStatus.DROPPED: _l("Dừng theo dõi"),
}
LEVEL_LABELS = {
    RecognitionLevel.UNIT: _l("Cơ sở (đơn vị)"),
    RecognitionLevel.DEPARTMENT: _l("Cấp Sở"),
    RecognitionLevel.MINISTRY_PROVINCE: _l("Cấp Bộ, tỉnh"),
    RecognitionLevel.NATIONAL: _l("Toàn quốc"),
}
SUPPORT_LABELS = {
    SupportType.MATERIAL: _l("Vật chất"),
    SupportType.SPIRITUAL: _l("Tinh thần"),
    SupportType.TECHNICAL: _l("Kỹ thuật, chuyên môn"),
    SupportType.AWARD: _l("Khen thưởng, giải thưởng"),
    SupportType.TRAINING: _l("Đào tạo, bồi dưỡng"),
    SupportType.OTHER: _l("Khác"),
}
FOSTERING_STATUS_LABELS = {
    FosteringStatus.PLANNED: _l("Kế hoạch"),
    FosteringStatus.IN_PROGRESS: _l("Đang thực hiện"),
    FosteringStatus.DONE: _l("Hoàn thành"),
    FosteringStatus.CANCELLED: _l("Đã huỷ"),
}
FOSTERING_STATUS_TONES = {
    FosteringStatus.PLANNED: "secondary",
    FosteringStatus.IN_PROGRESS: "primary",
    FosteringStatus.DONE: "success",
    FosteringStatus.CANCELLED: "light",
}
QUOTA_FLAG_LABELS = {
    "below": _l("Chưa đạt (dưới 1)"),
    "ok": _l("Đạt (1-2)"),
    "above": _l("Vượt (trên 2)"),
}
QUOTA_FLAG_TONES = {"below": "danger", "ok": "success", "above": "warning"}
ASPECT_LABELS = {
    "effect": _l("Tác dụng"),
    "effectiveness": _l("Tính hiệu quả"),
    "development_potential": _l("Khả năng phát triển"),
    "influence": _l("Mức độ ảnh hưởng"),
}


def template_helpers() -> dict:
    """Label lookups for templates (registered app-wide by the blueprint)."""
    return {
        "exemplar_kind_label": lambda v: KIND_LABELS.get(v, v),
        "exemplar_status_label": lambda v: STATUS_LABELS.get(v, v),
        "exemplar_status_tone": lambda v: STATUS_TONES.get(v, "secondary"),
        "exemplar_level_label": lambda v: LEVEL_LABELS.get(v, v),
        "transition_label": lambda v: TRANSITION_LABELS.get(v, v),
        "support_label": lambda v: SUPPORT_LABELS.get(v, v),
        "fostering_status_label": lambda v: FOSTERING_STATUS_LABELS.get(v, v),
        "fostering_status_tone": lambda v: FOSTERING_STATUS_TONES.get(v, "secondary"),
        "quota_flag_label": lambda v: QUOTA_FLAG_LABELS.get(v, v),
        "quota_flag_tone": lambda v: QUOTA_FLAG_TONES.get(v, "secondary"),
        "aspect_labels": ASPECT_LABELS,
    }
