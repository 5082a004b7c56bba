"""The unit signs its own documents (issue 14, point 5): once the unit submits its
congress submission, the portal builds the unit's tờ trình and its nominees'
achievement reports dated the unit's submission date; the unit downloads them (Word,
PDF where LibreOffice is installed), signs and stamps them, and uploads the scans
(PDF). A scan counts for the latest submission only: one uploaded before a
resubmission was of documents that have changed since."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from flask_babel import gettext as _
from werkzeug.datastructures import FileStorage

from portal.accounts.models import User
from portal.congress.models import CongressNominee, CongressSubmission
from portal.congress.records import cycle_record, issuer_of, load_submission, submission_record
from portal.congress.services import cycle_for
from portal.documents.achievement_report import build_achievement_report
from portal.documents.congress_records import slug
from portal.documents.proposal import build_unit_proposal
from portal.evidence.models import Attachment
from portal.evidence.services import MAX_NAME_LENGTH, attachments_for, save_upload
from portal.exemplars.models import ExemplarKind
from portal.extensions import db
from portal.formatting import VN_TZ
from portal.models_base import as_utc
from portal.profiles.services import Export, record_export
from portal.reviews.services import is_preparer, is_reviewer
from portal.reviews.states import ReviewState
from portal.rules import NotAllowedError, RuleError

SIGNED_PROPOSAL = "congress_signed_proposal"  # evidence owner: the submission
SIGNED_REPORT = "congress_signed_report"  # evidence owner: the nominee
SIGNED_SUFFIX = "-ban-ky.pdf"  # the name of a signed scan in the dossier
PROPOSAL_KEY = "to-trinh"
# The states in which the unit's documents exist: submitted, and not sent back.
SIGNED_STATES = frozenset({ReviewState.SUBMITTED, ReviewState.RESUBMITTED, ReviewState.ACCEPTED})


@dataclass
class UnitDocument:
    """One document the unit signs: its tờ trình or one nominee's achievement report."""

    key: str  # "to-trinh" or "bao-cao-<nominee id>"
    title: str
    owner_type: str
    owner_id: int
    file_stem: str  # the generated file's name, without extension
    nominee_id: int | None = None
    scan: Attachment | None = None  # the signed copy of the latest submission


def unit_date(submission: CongressSubmission) -> date | None:
    """The unit's date: the day (in Vietnam) of its latest submission."""
    moment = submission.last_submitted_at or submission.submitted_at
    return as_utc(moment).astimezone(VN_TZ).date() if moment else None


def documents_ready(submission: CongressSubmission) -> bool:
    return submission.state in SIGNED_STATES and unit_date(submission) is not None


def _report_key(nominee_id: int) -> str:
    return f"bao-cao-{nominee_id}"


def unit_documents(submission: CongressSubmission) -> list[UnitDocument]:
    """The unit's documents with their current signed scans (two queries in all)."""
    nominees = sorted(submission.nominees, key=lambda n: (n.exemplar.name, n.id))
    documents = [
        UnitDocument(
            PROPOSAL_KEY,
            _("Tờ trình đề nghị khen thưởng của đơn vị"),
            SIGNED_PROPOSAL,
            submission.id,
            "to-trinh",
        )
    ]
    for index, nominee in enumerate(nominees, 1):
        documents.append(
            UnitDocument(
                _report_key(nominee.id),
                _("Báo cáo thành tích của %(name)s", name=nominee.exemplar.name),
                SIGNED_REPORT,
                nominee.id,
                f"bao-cao-thanh-tich-{index:02d}-{slug(nominee.exemplar.name)}",
                nominee_id=nominee.id,
            )
        )
    scans = current_scans(submission)
    for document in documents:
        document.scan = scans.get((document.owner_type, document.owner_id))
    return documents


def current_scans(submission: CongressSubmission) -> dict[tuple[str, int], Attachment]:
    """The latest scan of each document, uploaded since the latest submission."""
    since = submission.last_submitted_at
    found: dict[tuple[str, int], Attachment] = {}
    candidates = attachments_for(SIGNED_PROPOSAL, submission.id) + attachments_for(
        SIGNED_REPORT, [n.id for n in submission.nominees]
    )
    for attachment in candidates:
        if since is not None and as_utc(attachment.created_at) < as_utc(since):
            continue
        found[(attachment.owner_type, attachment.owner_id)] = attachment  # latest wins
    return found


def document_by_key(submission: CongressSubmission, key: str) -> UnitDocument | None:
    return next((d for d in unit_documents(submission) if d.key == key), None)


def build_unit_document(
    submission: CongressSubmission, document: UnitDocument, folder: Path, actor: User | None
) -> Path:
    """Write the document's Word file, dated the unit's submission date; an individual's
    report prints personal particulars, so its export is written in the audit log."""
    on = unit_date(submission)
    loaded = load_submission(submission.id)
    record = submission_record(loaded, with_profiles=document.nominee_id is not None)
    issuer = issuer_of(submission.unit.organization)
    cycle = cycle_record(cycle_for(submission.period))
    path = folder / f"{document.file_stem}.docx"
    if document.nominee_id is None:
        return build_unit_proposal(record, issuer, cycle, on, path)
    ordered = sorted(loaded.nominees, key=lambda n: (n.exemplar.name, n.id))
    position = [n.id for n in ordered].index(document.nominee_id)
    nominee = ordered[position]
    row = record.nominees[position]
    record_particulars_export(nominee, actor, _("Báo cáo thành tích (bản đơn vị tải về để ký)"))
    return build_achievement_report(row, issuer, cycle, on, path)


def record_particulars_export(nominee: CongressNominee, actor: User | None, purpose: str) -> None:
    """An individual nominee's report carries their profile: say so in the audit log."""
    exemplar = nominee.exemplar
    if exemplar.kind == ExemplarKind.COLLECTIVE or not exemplar.person_user_id:
        return
    person = db.session.get(User, exemplar.person_user_id)
    if person is None:
        return
    document = _("%(purpose)s của %(name)s", purpose=purpose, name=exemplar.name)
    record_export(Export(person, document, nominee.unit_id), actor)


def save_signed_scan(
    submission: CongressSubmission, document: UnitDocument, file: FileStorage | None, actor: User
) -> Attachment:
    """Keep the unit's signed and stamped scan of `document`: a PDF, within the upload
    cap, with a name of at most MAX_NAME_LENGTH characters. The caller commits."""
    if not documents_ready(submission):
        raise NotAllowedError("documents not ready")
    if file is None or not file.filename:
        raise RuleError(_("Chưa chọn tệp bản ký."), "scan")
    if len(file.filename) > MAX_NAME_LENGTH:
        raise RuleError(
            _(
                "Tên tệp dài %(length)s ký tự, quá %(limit)s ký tự cho phép; hãy đổi tên "
                "tệp cho ngắn hơn rồi tải lên lại.",
                length=len(file.filename),
                limit=MAX_NAME_LENGTH,
            ),
            "scan",
        )
    if not file.filename.lower().endswith(".pdf") or file.stream.read(5) != b"%PDF-":
        raise RuleError(
            _(
                "Bản ký phải là tệp PDF (bản quét văn bản đã ký, đóng dấu); tệp %(name)s "
                "không phải PDF.",
                name=file.filename,
            ),
            "scan",
        )
    file.stream.seek(0)
    try:
        return save_upload(file, submission.unit_id, document.owner_type, document.owner_id, actor)
    except RuleError as error:
        raise RuleError(error.message, "scan") from error


def scan_locked(attachment: Attachment, _actor: User) -> bool:
    """A signed scan stays once the Office has accepted the submission."""
    if attachment.owner_type == SIGNED_PROPOSAL:
        submission = db.session.get(CongressSubmission, attachment.owner_id)
    else:
        nominee = db.session.get(CongressNominee, attachment.owner_id)
        submission = nominee.submission if nominee else None
    return bool(submission and submission.state == ReviewState.ACCEPTED)


def scan_readable(attachment: Attachment, reader: User) -> bool:
    """A signed scan carries the nominees' personal particulars: only the unit's
    coordinator and the Office read it, as on the unit's documents page (the evidence
    download would otherwise serve it to everyone who sees the unit)."""
    return is_preparer(reader, attachment.unit_id) or is_reviewer(reader, attachment.unit_id)
