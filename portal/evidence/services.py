"""Save, list and delete evidence files. Files live under UPLOAD_DIR/<unit id>/
with random names; the original name is kept only as data."""

from __future__ import annotations

import errno
import hashlib
import os
import secrets
import unicodedata
from collections.abc import Callable
from pathlib import Path

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy.orm import Session
from werkzeug.datastructures import FileStorage

from portal.accounts.models import User
from portal.evidence.filetypes import CONTENT_TYPES, EXTENSIONS, detect_kind
from portal.evidence.models import Attachment
from portal.extensions import db
from portal.rules import RuleError

# owner_type -> check(attachment, actor) -> True when the record it belongs to is
# locked for `actor` (e.g. an accepted self-assessment): its files can then no longer
# be deleted. Filled at start-up by portal/registry.py.
LockCheck = Callable[[Attachment, User], bool]
_LOCK_CHECKS: dict[str, LockCheck] = {}
_READ_CHECKS: dict[str, LockCheck] = {}
# session.info keys: files written, and files of deleted rows, in the open transaction.
WRITTEN = "evidence_files_written"
DELETED = "evidence_files_deleted"


def register_lock_check(owner_type: str, check: LockCheck) -> None:
    _LOCK_CHECKS[owner_type] = check


def register_read_check(owner_type: str, check: LockCheck) -> None:
    """Files of `owner_type` are read only by those `check(attachment, reader)` allows,
    beyond seeing the unit (personal data)."""
    _READ_CHECKS[owner_type] = check


def may_read(attachment: Attachment, reader: User) -> bool:
    check = _READ_CHECKS.get(attachment.owner_type)
    return check is None or bool(check(attachment, reader))


def is_locked(attachment: Attachment, actor: User) -> bool:
    check = _LOCK_CHECKS.get(attachment.owner_type)
    return bool(check and check(attachment, actor))


# Long enough for a document's full title, short enough to read in a list or an email.
MAX_NAME_LENGTH = 150
KIND_LABELS = {
    "pdf": "PDF", "docx": "Word", "doc": "Word", "xlsx": "Excel", "xls": "Excel",
    "jpeg": "JPEG", "png": "PNG",
}  # fmt: skip


def clean_original_name(name: str) -> str:
    """Keep a readable name (Vietnamese letters included) without any path part.
    Composed (NFC) letters: macOS sends "ệ" as "e" plus two marks, which would count
    thrice and could be cut between a letter and its marks."""
    name = unicodedata.normalize("NFC", name)
    name = name.replace("\\", "/").split("/")[-1].strip().replace("\x00", "")
    name = "".join(ch for ch in name if ch.isprintable() and ch not in '<>:"|?*')
    return shorten_name(name.lstrip(".").strip()) or "tep-dinh-kem"


def shorten_name(name: str, limit: int = MAX_NAME_LENGTH) -> str:
    """`name` cut to `limit` characters at a word when one is near, with "…" where the
    cut is, and its extension kept: the extension says which kind the file must be."""
    if len(name) <= limit:
        return name
    stem, dot, extension = name.rpartition(".")
    if not dot or not 0 < len(extension) <= 5 or not extension.isalnum():
        stem, extension = name, ""
    room = limit - 1 - (len(extension) + 1 if extension else 0)
    cut = stem[:room]
    space = cut.rfind(" ")
    if space > room - 30:
        cut = cut[:space]
    cut = cut.rstrip(" .,-_") + "…"
    return f"{cut}.{extension}" if extension else cut


def storage_path(attachment: Attachment) -> Path:
    return Path(current_app.config["UPLOAD_DIR"]) / str(attachment.unit_id) / attachment.stored_name


def save_upload(
    file: FileStorage, unit_id: int, owner_type: str, owner_id: int, actor: User | None
) -> Attachment:
    """Check `file` (size, type by content, matching extension) and store it as uploaded
    by `actor`. Raises RuleError with a message for the user. The caller commits."""
    original, kind, data = checked_upload(file)
    stored_name = store_file(Path(str(int(unit_id))), data, original)
    attachment = Attachment(
        unit_id=unit_id,
        owner_type=owner_type,
        owner_id=owner_id,
        original_name=original,
        stored_name=stored_name,
        kind=kind,
        content_type=CONTENT_TYPES[kind],
        size=len(data),
        sha256=hashlib.sha256(data).hexdigest(),
        uploaded_by_id=actor.id if actor else None,
    )
    db.session.add(attachment)
    return attachment


def store_file(folder: Path, data: bytes, original: str) -> str:
    """Write checked `data` under UPLOAD_DIR/`folder` with a random name (returned); the
    file goes again if the transaction that records it is rolled back."""
    stored_name = secrets.token_hex(16)
    _write_file(Path(current_app.config["UPLOAD_DIR"]) / folder / stored_name, data, original)
    return stored_name


def checked_upload(file: FileStorage) -> tuple[str, str, bytes]:
    """(clean original name, detected kind, content) of an upload that passes the
    portal's checks (size cap, type by content, matching extension); RuleError if not."""
    if file is None or not file.filename:
        raise RuleError(_("Chưa chọn tệp."))
    original = clean_original_name(file.filename)
    extension = original.rsplit(".", 1)[-1].lower() if "." in original else ""
    limit = current_app.config["MAX_UPLOAD_MB"] * 1024 * 1024
    data = file.stream.read(limit + 1)
    if len(data) > limit:
        raise RuleError(
            _(
                "Tệp %(name)s vượt quá dung lượng cho phép (%(mb)s MB).",
                name=original,
                mb=current_app.config["MAX_UPLOAD_MB"],
            )
        )
    if not data:
        raise RuleError(_("Tệp %(name)s rỗng.", name=original))
    import io

    kind = detect_kind(data[:16], io.BytesIO(data))
    if kind == "ole" and extension in ("doc", "xls"):
        kind = extension
    if kind is None or kind == "ole":
        raise RuleError(
            _(
                "Tệp %(name)s không đúng định dạng cho phép (PDF, Word, Excel, JPEG, PNG).",
                name=original,
            )
        )
    if extension not in EXTENSIONS[kind]:
        raise RuleError(
            _(
                "Tệp %(name)s là tệp %(kind)s nhưng tên tệp không có đuôi .%(expected)s; "
                "hãy đổi tên tệp rồi tải lên lại.",
                name=original,
                kind=KIND_LABELS[kind],
                expected=sorted(EXTENSIONS[kind])[0],
            )
        )
    return original, kind, data


def _write_file(target: Path, data: bytes, original: str) -> None:
    """Write under a temporary name, then rename: never a partial file under the
    stored name. A refusal of the disk becomes a message for the person; the file is
    removed again if the transaction that records it is rolled back."""
    partial = target.with_name(target.name + ".part")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        with open(partial, "wb") as handle:
            handle.write(data)
        os.chmod(partial, 0o640)
        os.replace(partial, target)
    except OSError as error:
        partial.unlink(missing_ok=True)
        raise RuleError(_disk_refusal(error, original)) from error
    db.session.info.setdefault(WRITTEN, []).append(target)


def _disk_refusal(error: OSError, original: str) -> str:
    if error.errno in (errno.ENOSPC, errno.EDQUOT):
        return _(
            "Không lưu được tệp %(name)s: ổ đĩa của máy chủ đã đầy. Các thông tin khác "
            "bạn nhập vẫn được giữ; vui lòng báo quản trị hệ thống rồi chọn lại tệp.",
            name=original,
        )
    return _(
        "Không lưu được tệp %(name)s: thư mục lưu tệp của máy chủ không ghi được (chỉ "
        "đọc hoặc không có quyền). Các thông tin khác bạn nhập vẫn được giữ; vui lòng "
        "báo quản trị hệ thống rồi chọn lại tệp.",
        name=original,
    )


def _files_committed(session: Session) -> None:
    session.info.pop(WRITTEN, None)
    for path in session.info.pop(DELETED, []):
        path.unlink(missing_ok=True)


def _files_rolled_back(session: Session, previous_transaction) -> None:
    """A rolled back upload leaves no orphan file; a rolled back delete keeps its file."""
    if previous_transaction.nested:
        return
    for path in session.info.pop(WRITTEN, []):
        path.unlink(missing_ok=True)
    session.info.pop(DELETED, None)


# Installed by portal/registry.py at start-up.
LISTENERS = (
    (Session, "after_commit", _files_committed),
    (Session, "after_soft_rollback", _files_rolled_back),
)


def save_uploads(
    files: list[FileStorage], unit_id: int, owner_type: str, owner_id: int, actor: User | None
) -> list[Attachment]:
    """Save several files; all are checked before any is stored."""
    files = [f for f in files if f and f.filename]
    saved = []
    try:
        for file in files:
            saved.append(save_upload(file, unit_id, owner_type, owner_id, actor))
    except RuleError:
        for attachment in saved:
            storage_path(attachment).unlink(missing_ok=True)
            db.session.expunge(attachment)
        raise
    return saved


def attachments_for(owner_type: str, owner_ids: list[int] | int) -> list[Attachment]:
    """The attachments of one owner, or of many owners in one query."""
    ids = [owner_ids] if isinstance(owner_ids, int) else list(owner_ids)
    if not ids:
        return []
    return list(
        db.session.scalars(
            db.select(Attachment)
            .where(Attachment.owner_type == owner_type, Attachment.owner_id.in_(ids))
            .order_by(Attachment.created_at)
        )
    )


def attachments_by_owner(owner_type: str, owner_ids: list[int]) -> dict[int, list[Attachment]]:
    """The attachments of many owners in one query, by owner id (owners without any
    are absent)."""
    grouped: dict[int, list[Attachment]] = {}
    for attachment in attachments_for(owner_type, owner_ids):
        grouped.setdefault(attachment.owner_id, []).append(attachment)
    return grouped


def delete_attachment(attachment: Attachment) -> None:
    """Delete the row now and its file when the deletion is committed."""
    db.session.info.setdefault(DELETED, []).append(storage_path(attachment))
    db.session.delete(attachment)


def delete_attachments_of(owner_type: str, owner_ids: list[int] | int) -> None:
    """Delete the files of records being deleted: every service that deletes a record
    carrying evidence calls this, so no file outlives its record."""
    for attachment in attachments_for(owner_type, owner_ids):
        delete_attachment(attachment)
