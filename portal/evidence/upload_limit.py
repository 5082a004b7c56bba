"""Files over the upload limit come back as a message on their form, not a 413 page.

Werkzeug refuses a whole request larger than MAX_CONTENT_LENGTH before reading any
field, so the person would lose everything they typed. The portal's requests
instead keep at most MAX_UPLOAD_MB + 1 byte of each file and drop the rest while it
is read: the other fields arrive whole, and `save_upload` finds the file too large
and refuses it on the form. MAX_CONTENT_LENGTH stays as a ceiling for a whole
request (several files at the limit)."""

from __future__ import annotations

from tempfile import SpooledTemporaryFile
from typing import IO, Any

from flask import Request, current_app


class CappedUpload:
    """A file being received that keeps its first `keep` bytes and counts the rest."""

    def __init__(self, keep: int) -> None:
        # Closed with the request's other files, when werkzeug closes them.
        self._file = SpooledTemporaryFile(max_size=512 * 1024, mode="rb+")  # noqa: SIM115
        self.keep = keep
        self.received = 0

    @property
    def too_large(self) -> bool:
        return self.received > self.keep

    def write(self, data: bytes) -> int:
        room = self.keep - min(self.received, self.keep)
        if room > 0:
            self._file.write(data[:room])
        self.received += len(data)
        return len(data)

    def __getattr__(self, name: str) -> Any:  # read, seek, tell, close...
        return getattr(self._file, name)

    def __iter__(self):
        return iter(self._file)


class PortalRequest(Request):
    """The portal's request: uploaded files are capped as they are read (see above)."""

    def _get_file_stream(
        self,
        total_content_length: int | None,
        content_type: str | None,
        filename: str | None = None,
        content_length: int | None = None,
    ) -> IO[bytes]:
        keep = current_app.config["MAX_UPLOAD_MB"] * 1024 * 1024 + 1
        return CappedUpload(keep)  # type: ignore[return-value]


def was_cut(file: Any) -> bool:
    """True when an uploaded file (a FileStorage) was larger than the limit and cut."""
    return bool(getattr(getattr(file, "stream", None), "too_large", False))
