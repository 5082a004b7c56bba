"""PDF copies of Word files, made by LibreOffice in headless mode when it is installed."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

CONVERTERS = ("soffice", "libreoffice")


def find_converter() -> str | None:
    for name in CONVERTERS:
        path = shutil.which(name)
        if path:
            return path
    return None


def convert_to_pdf(docx: Path, out_dir: Path, timeout: int = 180) -> Path | None:
    """Write `<out_dir>/<docx stem>.pdf`; None when no converter is installed.
    Raises when a converter exists but fails (so the job reports it)."""
    converter = find_converter()
    if converter is None:
        return None
    out_dir.mkdir(parents=True, exist_ok=True)
    # A private profile: concurrent conversions must not share LibreOffice's lock.
    with tempfile.TemporaryDirectory(prefix="lo-profile-") as profile:
        subprocess.run(
            [
                converter,
                f"-env:UserInstallation=file://{profile}",
                "--headless",
                "--convert-to",
                "pdf",
                "--outdir",
                str(out_dir),
                str(docx),
            ],
            check=True,
            capture_output=True,
            timeout=timeout,
        )
    result = out_dir / (docx.stem + ".pdf")
    if not result.is_file():
        raise RuntimeError(f"LibreOffice did not produce {result.name}")
    return result
