"""Where dossiers are written: the jobs' work directories and the finished archives;
what a failure to write there is called, in words the Office can act on."""

from __future__ import annotations

import errno
import shutil
from pathlib import Path

from flask import current_app

from portal.compilations.models import Compilation
from portal.msgids import N_

FULL_DISK = N_(
    "Không ghi được hồ sơ: ổ đĩa lưu hồ sơ đã đầy. Hãy báo quản trị hệ thống giải phóng "
    "dung lượng rồi bấm Chạy lại."
)
NOT_WRITABLE = N_(
    "Không ghi được hồ sơ: thư mục lưu hồ sơ chỉ cho đọc hoặc không có quyền ghi. Hãy báo "
    "quản trị hệ thống kiểm tra thư mục DOSSIER_DIR rồi bấm Chạy lại."
)
UNUSABLE = N_(
    "Không ghi được hồ sơ: đường dẫn thư mục lưu hồ sơ không dùng được (một phần của nó là "
    "tệp chứ không phải thư mục). Hãy báo quản trị hệ thống kiểm tra thư mục DOSSIER_DIR "
    "rồi bấm Chạy lại."
)
# Below this much free space a failed build is put down to the full disk (LibreOffice,
# for one, only says that it produced no file).
LOW_SPACE_BYTES = 20 * 1024 * 1024


def dossier_root() -> Path:
    return Path(current_app.config["DOSSIER_DIR"])


def work_dir(compilation: Compilation) -> Path:
    return dossier_root() / "work" / str(compilation.id)


def archive_path(compilation: Compilation) -> Path:
    return dossier_root() / str(compilation.organization_id) / compilation.file_name


def storage_error(exc: BaseException) -> str:
    """FULL_DISK, NOT_WRITABLE or UNUSABLE when `exc` (or its cause) is a refusal of
    the disk."""
    seen: BaseException | None = exc
    while seen is not None:
        if isinstance(seen, OSError):
            if seen.errno in (errno.ENOSPC, errno.EDQUOT):
                return FULL_DISK
            if seen.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
                return NOT_WRITABLE
            if seen.errno == errno.ENOTDIR:
                return UNUSABLE
        seen = seen.__cause__ or seen.__context__
    return FULL_DISK if _low_space() else ""


def failure_reason(exc: BaseException) -> str:
    """What the compilation page says about a failed build."""
    return storage_error(exc) or f"{type(exc).__name__}: {exc}"


def _low_space() -> bool:
    root = dossier_root()
    while not root.exists() and root != root.parent:
        root = root.parent
    try:
        return shutil.disk_usage(root).free < LOW_SPACE_BYTES
    except OSError:
        return False
