"""Compilation: one run of a dossier build, kept with who started it and its files."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, DateTime, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.db_types import enum_column
from portal.enums import LabelledEnum
from portal.extensions import db
from portal.models_base import utcnow
from portal.msgids import N_


class CompilationStatus(LabelledEnum):
    """The one source of a compilation's badge: its label and tone, on the page and in
    the status the progress bar polls."""

    QUEUED = "queued", N_("Đang chờ"), "secondary"
    RUNNING = "running", N_("Đang chạy"), "info"
    DONE = "done", N_("Hoàn thành"), "success"
    FAILED = "failed", N_("Lỗi"), "danger"
    CANCELLED = "cancelled", N_("Đã hủy"), "warning"


FINISHED = (CompilationStatus.DONE, CompilationStatus.FAILED, CompilationStatus.CANCELLED)


class Compilation(db.Model):
    __tablename__ = "compilations"
    # Progress ticks and the job's id are bookkeeping, not changes anyone made.
    __audit_exclude__ = {"progress", "step", "job_id"}

    id: Mapped[int] = mapped_column(primary_key=True)
    organization_id: Mapped[int] = mapped_column(ForeignKey("organizations.id"), index=True)
    period_id: Mapped[int] = mapped_column(ForeignKey("plan_periods.id"), index=True)
    kind: Mapped[str] = mapped_column(String(40))  # a key of builders.BUILDERS
    year: Mapped[int | None]
    status: Mapped[CompilationStatus] = mapped_column(
        enum_column(CompilationStatus), default=CompilationStatus.QUEUED, index=True
    )
    job_id: Mapped[str] = mapped_column(String(64), default="")
    progress: Mapped[int] = mapped_column(default=0)
    step: Mapped[str] = mapped_column(String(500), default="")
    error: Mapped[str] = mapped_column(Text, default="")
    # What the inputs were when the build started (records and their states).
    inputs: Mapped[dict] = mapped_column(JSON, default=dict)
    # Each file of the ZIP: {"path": ..., "size": ..., "sha256": ...}.
    manifest: Mapped[list] = mapped_column(JSON, default=list)
    file_name: Mapped[str] = mapped_column(String(255), default="")
    file_size: Mapped[int | None]
    file_sha256: Mapped[str] = mapped_column(String(64), default="")
    started_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    started_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    finished_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    started_by = relationship("User")
    period = relationship("PlanPeriod")

    @property
    def is_finished(self) -> bool:
        return self.status in FINISHED
