"""PDF copies of Word files, made by LibreOffice in headless mode when it is installed.

Many files are converted by ONE LibreOffice process (`convert_many`): starting
LibreOffice costs a second or two, converting one more document a fraction of that,
so a dossier of 1,000 files must not start it 1,000 times. Files are handed to it in
batches of `BATCH` so that its memory stays bounded however large the dossier.

Every PDF written here is made reproducible (`portal.documents.reproducible.
normalise_pdf`): LibreOffice stamps the conversion time and a random /ID into each
file, which would change a dossier's bytes and manifest at every compilation."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from portal.documents.reproducible import normalise_pdf

CONVERTERS = ("soffice", "libreoffice")
BATCH = 200
START_SECONDS = 120  # LibreOffice's first start with a fresh profile, on a busy machine
SECONDS_PER_FILE = 20
POLL_SECONDS = 0.2

Progress = Callable[[int, int], None]


def find_converter() -> str | None:
    for name in CONVERTERS:
        path = shutil.which(name)
        if path:
            return path
    return None


def convert_many(
    documents: Sequence[Path],
    targets: Sequence[Path] | None = None,
    progress: Progress | None = None,
    timeout: int | None = None,
) -> list[Path]:
    """Convert every document to PDF with one LibreOffice process per `BATCH` files;
    each PDF is written next to its document (or to the matching path of `targets`).
    Returns the PDFs in the order of `documents`; [] when no converter is installed.
    `progress(done, total)` is called as the PDFs appear. Raises when LibreOffice fails
    or leaves a document unconverted."""
    converter = find_converter()
    if converter is None or not documents:
        return []
    targets = list(targets) if targets is not None else [d.with_suffix(".pdf") for d in documents]
    written: list[Path] = []
    for start in range(0, len(documents), BATCH):
        batch = list(
            zip(documents[start : start + BATCH], targets[start : start + BATCH], strict=True)
        )

        def report(done: int, offset: int = start) -> None:
            if progress is not None:
                progress(offset + done, len(documents))

        written += _convert_batch(converter, batch, report, timeout)
    return written


def _convert_batch(
    converter: str, batch: list[tuple[Path, Path]], report: Callable[[int], None], timeout
) -> list[Path]:
    """One LibreOffice process for the batch. Documents are linked under numbered names
    in a private folder, so that files of the same name in different folders (every
    unit has its "to-trinh.docx") do not overwrite each other's PDF."""
    with tempfile.TemporaryDirectory(prefix="lo-batch-") as tmp:
        work = Path(tmp)
        inputs, outdir = work / "in", work / "out"
        inputs.mkdir()
        outdir.mkdir()
        links = []
        for number, (document, _target) in enumerate(batch):
            link = inputs / f"{number:05d}{document.suffix}"
            link.symlink_to(document.resolve())
            links.append(link)
        command = [
            converter,
            # A private profile: concurrent conversions must not share LibreOffice's lock.
            f"-env:UserInstallation=file://{work / 'profile'}",
            "--headless",
            "--norestore",
            "--convert-to",
            "pdf",
            "--outdir",
            str(outdir),
            *map(str, links),
        ]
        limit = timeout or START_SECONDS + SECONDS_PER_FILE * len(batch)
        _run(command, outdir, len(batch), report, limit)
        written = []
        for link, (_document, target) in zip(links, batch, strict=True):
            produced = outdir / (link.stem + ".pdf")
            if not produced.is_file():
                raise RuntimeError(f"LibreOffice did not produce {target.name}")
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.move(produced, target)
            normalise_pdf(target)
            written.append(target)
        return written


def _run(command: list[str], outdir: Path, total: int, report, limit: float) -> None:
    """Run LibreOffice, reporting how many PDFs it has written so far."""
    # UTC: the stamps LibreOffice writes then have one length on every machine, and
    # normalise_pdf replaces them in place.
    env = {**os.environ, "TZ": "UTC"}
    deadline = time.monotonic() + limit
    reported = -1
    with (
        tempfile.TemporaryFile() as errors,
        subprocess.Popen(
            command, stdout=subprocess.DEVNULL, stderr=errors, stdin=subprocess.DEVNULL, env=env
        ) as process,
    ):
        while process.poll() is None:
            if time.monotonic() > deadline:
                process.kill()
                process.wait()
                raise subprocess.TimeoutExpired(command[:1], limit)
            made = sum(1 for _ in outdir.glob("*.pdf"))
            if made != reported:  # the job's progress is written only when it moves
                report(made)
                reported = made
            time.sleep(POLL_SECONDS)
        report(total)
        if process.returncode != 0:
            errors.seek(0)
            raise subprocess.CalledProcessError(
                process.returncode, command[:1], stderr=errors.read()[-2000:]
            )
