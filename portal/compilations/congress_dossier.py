"""The compile job "congress_submission": every accepted unit submission's documents,
the Department's consolidated proposal (only the nominees the council passed) and
lists, the minutes of the rounds that voted on those nominees, the nominees'
evidence files, and PDF copies where a converter exists. One step per unit."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

from flask import current_app
from sqlalchemy import select

from portal.compilations import summaries
from portal.compilations.builders import Builder, Step, report_step_progress
from portal.compilations.models import Compilation
from portal.congress import services, signed
from portal.congress.council_round import council_decision, council_round_ids
from portal.congress.models import NOMINEE_OWNER, CongressSubmission
from portal.congress.records import (
    cycle_record,
    issuer_of,
    load_submission,
    submission_record,
)
from portal.consideration.minutes import write_minutes
from portal.consideration.models import ConsiderationRound
from portal.documents.achievement_report import build_achievement_report
from portal.documents.conference_record import build_conference_record
from portal.documents.congress_lists import build_lists
from portal.documents.congress_records import slug
from portal.documents.pdf import convert_many, find_converter
from portal.documents.proposal import build_department_proposal, build_unit_proposal
from portal.evidence.services import attachments_for, storage_path
from portal.extensions import db
from portal.formatting import VN_TZ
from portal.models_base import as_utc
from portal.organizations.models import Organization, Unit
from portal.periods.models import PlanPeriod
from portal.reviews.states import ReviewState

KIND = "congress_submission"
SIGNED = signed.SIGNED_SUFFIX
PDF_NOTE = "GHI-CHU-PDF.txt"
# With every file in one LibreOffice process, a Word file converted to PDF costs about
# as much as one unit's Word files written (bench/compile_submission.py --pdf: 0.2 s
# against 0.25 s); one process per file cost ten times that.
PDF_WEIGHT_PER_FILE = 1


class MissingEvidenceError(FileNotFoundError):
    pass


def accepted_submissions(compilation: Compilation) -> list[CongressSubmission]:
    return list(
        db.session.scalars(
            select(CongressSubmission)
            .join(Unit, Unit.id == CongressSubmission.unit_id)
            .where(
                CongressSubmission.period_id == compilation.period_id,
                CongressSubmission.state == ReviewState.ACCEPTED,
                Unit.organization_id == compilation.organization_id,
            )
            .order_by(Unit.name, CongressSubmission.id)
        )
    )


def _inputs(compilation: Compilation) -> dict:
    rows = db.session.scalars(
        select(CongressSubmission)
        .join(Unit, Unit.id == CongressSubmission.unit_id)
        .where(
            CongressSubmission.period_id == compilation.period_id,
            Unit.organization_id == compilation.organization_id,
        )
        .order_by(Unit.name, CongressSubmission.id)
    )
    return {
        "submissions": [
            {
                "id": s.id,
                "unit_id": s.unit_id,
                "state": str(s.state),
                "updated_at": as_utc(s.updated_at).isoformat() if s.updated_at else None,
                "used": s.state == ReviewState.ACCEPTED,
                "nominees": len(s.nominees),
            }
            for s in rows
        ]
    }


def _vn_date(moment) -> date | None:
    return as_utc(moment).astimezone(VN_TZ).date() if moment else None


def document_date(compilation: Compilation, submissions: list[CongressSubmission]) -> date:
    """The Department's date: the cycle's proposal date, else the latest acceptance."""
    period = db.session.get(PlanPeriod, compilation.period_id)
    cycle = services.cycle_for(period)
    if cycle.proposal_date:
        return cycle.proposal_date
    dates = [_vn_date(s.accepted_at) for s in submissions if s.accepted_at]
    return max(dates) if dates else date(period.end_year, 6, 30)


def _copy_evidence(nominee_ids: list[int], folder: Path, root: Path) -> list[str]:
    written = []
    for attachment in sorted(attachments_for(NOMINEE_OWNER, nominee_ids), key=lambda a: a.id):
        source = storage_path(attachment)
        if not source.is_file():
            raise MissingEvidenceError(
                f"Thiếu tệp minh chứng trên đĩa: {attachment.original_name} "
                f"(tệp số {attachment.id})"
            )
        target = folder / f"{attachment.id}-{slug(Path(attachment.original_name).stem)}"
        target = target.with_suffix(Path(attachment.original_name).suffix.lower())
        target.parent.mkdir(parents=True, exist_ok=True)
        with source.open("rb") as src, target.open("wb") as dst:
            shutil.copyfileobj(src, dst, 1024 * 1024)
        written.append(str(target.relative_to(root)))
    return written


def unit_step(submission_id: int, position: int, on: date, issuer, cycle) -> Step:
    """The unit's documents, dated the unit's submission date (the unit signs them): its
    signed scan where the unit uploaded one, else the Word file the portal generates
    (and its PDF copy, by the PDF step); then the conference record and the evidence."""
    submission = db.session.get(CongressSubmission, submission_id)

    def run(workdir: Path) -> list[str]:
        loaded = load_submission(submission_id)
        record = submission_record(loaded, with_profiles=True)
        folder = workdir / "don-vi" / f"{position:03d}-{slug(record.unit_name)}"
        unit_on = signed.unit_date(loaded) or on
        by_name = sorted(loaded.nominees, key=lambda n: (n.exemplar.name, n.id))
        documents = signed.unit_documents(loaded)
        files = [_signed_or(documents[0], folder, unit_on, record, issuer, cycle)]
        files.append(
            build_conference_record(record, issuer, cycle, folder / "bien-ban-hoi-nghi.docx")
        )
        for document, row, nominee in zip(documents[1:], record.nominees, by_name, strict=True):
            if document.scan is None:
                signed.record_particulars_export(
                    nominee, None, "Báo cáo thành tích (hồ sơ Đại hội)"
                )
            files.append(_signed_or(document, folder, unit_on, row, issuer, cycle, record.signers))
        paths = [str(p.relative_to(workdir)) for p in files]
        ids = [n.id for n in by_name]
        return paths + _copy_evidence(ids, folder / "minh-chung", workdir)

    return Step(f"Hồ sơ của {submission.unit.name}", run)


def _signed_or(
    document: signed.UnitDocument, folder: Path, on: date, record, issuer, cycle, signers=None
):
    """The unit's signed scan of `document` when there is one, else the generated file."""
    if document.scan is not None:
        return _copy_file(storage_path(document.scan), folder / f"{document.file_stem}{SIGNED}")
    path = folder / f"{document.file_stem}.docx"
    if document.nominee_id is None:
        return build_unit_proposal(record, issuer, cycle, on, path)
    return build_achievement_report(record, issuer, cycle, on, path, unit=signers)


def _copy_file(source: Path, target: Path) -> Path:
    if not source.is_file():
        raise MissingEvidenceError(f"Thiếu tệp bản ký trên đĩa: {target.name}")
    target.parent.mkdir(parents=True, exist_ok=True)
    with source.open("rb") as src, target.open("wb") as dst:
        shutil.copyfileobj(src, dst, 1024 * 1024)
    return target


def manifest_source(path: str) -> str | None:
    """What the manifest says of a unit's document: the signed scan, or the copy the
    portal generated because the unit has not uploaded one."""
    name = Path(path).name
    if not path.startswith("don-vi/"):
        return None
    if name.endswith(SIGNED):
        return "Bản ký, đóng dấu do đơn vị tải lên"
    if name.startswith(("to-trinh.", "bao-cao-thanh-tich-")):
        return "Bản do Cổng tạo (đơn vị chưa tải bản ký)"
    return None


def department_step(compilation_id: int, on: date, issuer, cycle) -> Step:
    def run(workdir: Path) -> list[str]:
        compilation = db.session.get(Compilation, compilation_id)
        submissions = [load_submission(s.id) for s in accepted_submissions(compilation)]
        records = [submission_record(s) for s in submissions]
        decision = council_decision(submissions)
        folder = workdir / "so"
        written = [
            build_department_proposal(decision, issuer, cycle, on, folder / "to-trinh-cua-so.docx"),
            build_lists(records, cycle, folder / "danh-sach-de-nghi-va-dai-bieu.xlsx"),
        ]
        written += _minutes(council_round_ids(submissions), folder)
        return [str(p.relative_to(workdir)) for p in written]

    return Step("Tờ trình, danh sách và biên bản của Sở", run)


def _minutes(round_ids: list[int], folder: Path) -> list[Path]:
    """The minutes of the rounds that voted on these nominees, and of no other round:
    the minutes a council signs (portal.consideration.minutes)."""
    rounds = [db.session.get(ConsiderationRound, round_id) for round_id in round_ids]
    return [write_minutes(round_, folder / f"bien-ban-{round_.id}.docx") for round_ in rounds]


def pdf_wanted() -> bool:
    return bool(current_app.config.get("DOSSIER_PDF", True)) and find_converter() is not None


def pdf_step(expected_files: int = 1) -> Step:
    """Converts every Word file, all in one LibreOffice process (portal.documents.pdf);
    its share of the bar is that of the files it expects (none when there is nothing to
    convert with), and it moves as the PDFs appear."""

    def run(workdir: Path) -> list[str]:
        wanted = current_app.config.get("DOSSIER_PDF", True)
        if not wanted or find_converter() is None:
            reason = (
                "chức năng tạo PDF đã được tắt cho lần tổng hợp này (DOSSIER_PDF=False)"
                if not wanted
                else "máy chủ không cài LibreOffice (soffice) để chuyển Word sang PDF"
            )
            note = workdir / PDF_NOTE
            note.write_text(f"Không tạo bản PDF: {reason}.\n", encoding="utf-8")
            return [PDF_NOTE]
        documents = sorted(workdir.rglob("*.docx"))
        report_step_progress(0, len(documents))
        written = convert_many(documents, progress=report_step_progress)
        return [str(pdf.relative_to(workdir)) for pdf in written]

    weight = PDF_WEIGHT_PER_FILE * expected_files if pdf_wanted() else 0.1
    return Step("Tạo bản PDF", run, weight=weight)


def _steps(compilation: Compilation) -> list[Step]:
    submissions = accepted_submissions(compilation)
    period = db.session.get(PlanPeriod, compilation.period_id)
    issuer = issuer_of(db.session.get(Organization, compilation.organization_id))
    cycle = cycle_record(services.cycle_for(period))
    on = document_date(compilation, submissions)
    steps = [
        unit_step(s.id, position, on, issuer, cycle) for position, s in enumerate(submissions, 1)
    ]
    steps.append(department_step(compilation.id, on, issuer, cycle))
    steps.append(pdf_step(_expected_documents(submissions)))
    return steps


def _expected_documents(submissions: list[CongressSubmission]) -> int:
    """Word files the dossier will hold: per unit its proposal, conference record and
    one achievement report per nominee; the Department's proposal and minutes."""
    return sum(2 + len(s.nominees) for s in submissions) + 2


BUILDER = Builder(
    label="Hồ sơ Đại hội Thi đua yêu nước của Sở",
    inputs=_inputs,
    steps=_steps,
    describe=summaries.congress_summary,
    source=manifest_source,
)
