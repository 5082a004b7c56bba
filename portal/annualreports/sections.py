"""The sections of an annual report, in the order of the plan (III.5)."""

from __future__ import annotations

from dataclasses import dataclass

from flask_babel import lazy_gettext as _l


@dataclass(frozen=True)
class Section:
    key: str  # also the key of its template block
    title: object

    @property
    def commentary_field(self) -> str:
        """The AnnualReport column with the coordinator's words on the section."""
        return f"{self.key}_commentary"


SECTIONS = (
    Section("detection", _l("Kết quả phát hiện, bồi dưỡng điển hình tiên tiến")),
    Section("exemplars", _l("Điển hình tiên tiến xây dựng trong năm")),
    Section("propagation", _l("Công tác tuyên truyền, nhân rộng điển hình")),
    Section("training", _l("Tập huấn nghiệp vụ cho cán bộ làm công tác thi đua, tuyên truyền")),
    Section("inspections", _l("Kiểm tra, giám sát đơn vị nhận được")),
    Section("difficulties", _l("Khó khăn, vướng mắc và đề xuất, kiến nghị")),
    Section("commendation", _l("Điển hình đề nghị khen thưởng")),
)
PROPOSALS_LABEL = _l("Đề xuất, kiến nghị")
COMMENTARY_FIELDS = tuple(section.commentary_field for section in SECTIONS) + ("proposals",)
