"""Two published demo stories about recognised exemplars, with a generated photo each.

Stories are written for exemplars that exist (the exemplars demo runs first); when
there is none yet, one recognised exemplar is created here so the column is not empty."""

from __future__ import annotations

import io
import struct
import zlib
from datetime import datetime, timedelta

from sqlalchemy import select
from werkzeug.datastructures import FileStorage

from portal.accounts.models import User
from portal.audit import act_as
from portal.demo.department import OFFICE_EMAIL, coordinator_email
from portal.demo.timeline import days_before
from portal.evidence.services import save_upload
from portal.exemplars.models import Exemplar, ExemplarKind, ExemplarStatus, RecognitionLevel
from portal.extensions import db
from portal.organizations.models import Organization, Unit
from portal.publiccolumn.models import ExemplarStory, StoryStatus
from portal.publiccolumn.services import OWNER_TYPE

FALLBACK_UNIT = "Phòng Môi trường"
FALLBACK_EXEMPLAR = {
    "kind": ExemplarKind.COLLECTIVE,
    "name": "Tổ kiểm soát ô nhiễm, Phòng Môi trường",
    "field_of_work": "Kiểm soát ô nhiễm, quản lý chất thải rắn",
    "movement": "Phong trào chung tay bảo vệ môi trường, chống rác thải nhựa",
    "achievements": "Tham mưu triển khai phân loại rác thải tại nguồn ở 12 xã, phường; "
    "giảm 35% lượng rác chôn lấp tại các địa bàn thí điểm.",
    "year_identified": 2023,
    "year_recognised": 2023,
    "status": ExemplarStatus.RECOGNISED,
    "level": RecognitionLevel.DEPARTMENT,
}

STORIES = [
    (
        "{name}: bền bỉ một chặng đường, lan tỏa một cách làm",
        "Từ những việc nhỏ, đều đặn mỗi ngày, {name} đã trở thành tấm gương tiêu biểu của "
        "{unit} trong giai đoạn 2023-2025.",
        [
            "Nhắc đến {name}, cán bộ, công chức {unit} đều nghĩ ngay đến tinh thần trách nhiệm "
            "và sự kiên trì. {achievements}",
            "Không dừng lại ở kết quả của mình, {name} chủ động chia sẻ quy trình, biểu mẫu và "
            "kinh nghiệm cho các phòng, đơn vị bạn qua các buổi giao lưu, trao đổi do Sở tổ chức.",
            "Thực hiện Kế hoạch tuyên truyền, bồi dưỡng và nhân rộng điển hình tiên tiến giai "
            "đoạn 2023-2025, {unit} tiếp tục tạo điều kiện về thời gian, kinh phí và tập huấn để "
            "cách làm hay này được nhân rộng trong toàn ngành.",
        ],
    ),
    (
        "Học tập cách làm hay của {name}",
        "Cách làm sáng tạo, hiệu quả của {name} ({unit}) được nhiều đơn vị trong ngành "
        "tài nguyên và môi trường tìm hiểu, học tập.",
        [
            "Trong phong trào thi đua yêu nước của Sở Tài nguyên và Môi trường tỉnh Quảng Bình, "
            "{name} là một trong những điển hình được phát hiện, bồi dưỡng từ cơ sở.",
            "{achievements}",
            "Những kết quả ấy là minh chứng cho hiệu quả của việc phát hiện sớm, bồi dưỡng kịp "
            "thời nhân tố mới, đúng như tinh thần của Kế hoạch: mỗi phòng, đơn vị mỗi năm xây "
            "dựng từ 01-02 điển hình tiên tiến để nêu gương và nhân rộng.",
        ],
    ),
]
PHOTO_COLOURS = [((0x1B, 0x5E, 0x20), (0xA5, 0xD6, 0xA7)), ((0x0D, 0x47, 0xA1), (0x90, 0xCA, 0xF9))]


def seed(org: Organization, password: str, now: datetime | None = None) -> None:
    exemplars = _story_exemplars(org)
    office = db.session.scalar(select(User).where(User.email == OFFICE_EMAIL))
    for index, (title, summary, paragraphs) in enumerate(STORIES):
        exemplar = exemplars[index % len(exemplars)]
        values = {
            "name": exemplar.name,
            "unit": exemplar.unit.name,
            "achievements": exemplar.achievements or "",
        }
        title = title.format(**values)
        exists = db.session.scalar(
            select(ExemplarStory.id).where(
                ExemplarStory.unit_id == exemplar.unit_id, ExemplarStory.title == title
            )
        )
        if exists is not None:
            continue
        body = "\n\n".join(p.format(**values) for p in paragraphs if p.format(**values).strip())
        published = days_before(now, 12 + 23 * index)
        story = ExemplarStory(
            unit_id=exemplar.unit_id,
            exemplar_id=exemplar.id,
            title=title,
            summary=summary.format(**values),
            body=body,
            status=StoryStatus.PUBLISHED,
            submitted_at=published - timedelta(days=2),
            published_at=published,
            reviewed_by_id=office.id if office else None,
            reviewed_at=published,
        )
        db.session.add(story)
        db.session.flush()
        photo = FileStorage(io.BytesIO(demo_photo(*PHOTO_COLOURS[index % 2])), filename="anh.png")
        story.photo = save_upload(photo, story.unit_id, OWNER_TYPE, story.id, None)
    db.session.flush()


def _story_exemplars(org: Organization) -> list[Exemplar]:
    """Up to two recognised (or replicated) exemplars of the organization, in different
    units when possible; one is created when there is none."""
    candidates = db.session.scalars(
        select(Exemplar)
        .join(Unit, Unit.id == Exemplar.unit_id)
        .where(
            Unit.organization_id == org.id,
            Exemplar.status.in_((ExemplarStatus.RECOGNISED, ExemplarStatus.REPLICATED)),
        )
        .order_by(Exemplar.year_identified, Exemplar.id)
    ).all()
    chosen: list[Exemplar] = []
    for exemplar in candidates:
        if all(e.unit_id != exemplar.unit_id for e in chosen):
            chosen.append(exemplar)
        if len(chosen) == 2:
            return chosen
    return chosen or [_fallback_exemplar(org)]


def _fallback_exemplar(org: Organization) -> Exemplar:
    unit = (
        db.session.scalar(
            select(Unit).where(Unit.organization_id == org.id, Unit.name == FALLBACK_UNIT)
        )
        or db.session.scalars(select(Unit).where(Unit.organization_id == org.id)).first()
    )
    coordinator = db.session.scalar(
        select(User).where(User.email == coordinator_email("moitruong"))
    )
    previous_actor = db.session.info.get("audit_actor_id")
    act_as(coordinator)
    exemplar = Exemplar(unit_id=unit.id, **FALLBACK_EXEMPLAR)
    db.session.add(exemplar)
    db.session.flush()
    act_as(db.session.get(User, previous_actor) if previous_actor else None)
    return exemplar


def demo_photo(
    top: tuple[int, int, int], bottom: tuple[int, int, int], width: int = 480, height: int = 300
) -> bytes:
    """A small PNG with a vertical colour gradient and a light band (no image library)."""
    rows = []
    for y in range(height):
        t = y / (height - 1)
        colour = bytes(round(a + (b - a) * t) for a, b in zip(top, bottom, strict=True))
        if height * 0.62 < y < height * 0.70:
            colour = b"\xf5\xf5\xf0"
        rows.append(b"\x00" + colour * width)
    raw = zlib.compress(b"".join(rows), 9)

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", raw) + chunk(b"IEND", b"")
