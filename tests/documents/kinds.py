"""Every kind of Word document the portal writes, built from one world's records, for
the layout tests (python-docx and LibreOffice). `rows` lengthens the tables so that
they run over several pages."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

from portal.congress import services
from portal.congress.records import cycle_record, issuer_of, load_submission, submission_record
from portal.documents.achievement_report import build_achievement_report
from portal.documents.conference_record import build_conference_record
from portal.documents.congress_records import CouncilDecision, CouncilMeeting, PassedNominee
from portal.documents.minutes import MinutesRecord, Person, VoteRow, build_minutes
from portal.documents.proposal import build_department_proposal, build_unit_proposal
from portal.documents.yearly_report import UnitYear, build_yearly_report
from portal.exemplars.models import ExemplarKind
from tests.factories import make_congress_exemplar, make_submission, make_title

ON = date(2025, 6, 5)
# kind -> (the signers' names the document must carry)
SIGNERS = {
    "to-trinh-don-vi": ["Hoàng Minh Tâm"],
    "to-trinh-cua-so": ["Nguyễn Huệ"],
    "bao-cao-ca-nhan": ["Hoàng Minh Tâm", "Nguyễn Thị Hoa"],
    "bao-cao-tap-the": ["Hoàng Minh Tâm"],
    "bien-ban-hoi-dong": ["Phạm Thư Ký", "Trần Chủ Tịch"],
    "bien-ban-hoi-nghi": ["Lê Thư Ký", "Trưởng phòng Hoàng Văn Dũng"],
    "bao-cao-nam": [],
}
NUMBERS = {
    "to-trinh-don-vi": "Số: .../TTr-PMT",
    "to-trinh-cua-so": "Số: .../TTr-STNMT",
    "bien-ban-hoi-dong": "Số: 02/BB-HĐTĐKT",
    "bien-ban-hoi-nghi": "Số: .../BB-PMT",
    "bao-cao-nam": "Số: .../BC-STNMT",
}


def records(world):
    title = make_title(world.org)
    person = make_congress_exemplar(world.unit_a, "Nguyễn Thị Hoa", position="Phó Trưởng phòng")
    team = make_congress_exemplar(
        world.unit_a, "Tổ Quan trắc môi trường", kind=ExemplarKind.COLLECTIVE
    )
    submission = make_submission(world.unit_a, world.period, title, [person, team])
    submission.secretary = "Lê Thư Ký"
    services.save_cycle(
        world.period,
        {
            "term_label": "2020-2025",
            "next_term_label": "2025-2030",
            "sector_congress": "Đại hội Thi đua yêu nước ngành TN&MT lần thứ V",
            "provincial_congress": "Đại hội Thi đua yêu nước tỉnh Quảng Bình lần thứ VI",
            "signer_name": "Nguyễn Huệ",
        },
    )
    record = submission_record(load_submission(submission.id))
    return record, issuer_of(world.org), cycle_record(services.cycle_for(world.period))


def _minutes(rows: int) -> MinutesRecord:
    votes = [
        VoteRow(f"Người đề nghị số {i}", "Bằng khen của Chủ tịch UBND tỉnh", 9, 8, 1, 0, True)
        for i in range(1, rows + 1)
    ]
    return MinutesRecord(
        "Phiên bình xét khen thưởng năm 2024",
        ON,
        "Phòng họp tầng 3",
        votes,
        minutes_number="02/BB-HĐTĐKT",
        chair=Person("Trần Chủ Tịch", "Giám đốc Sở"),
        secretary=Person("Phạm Thư Ký", "Chánh Văn phòng"),
        members_total=9,
        present=[Person(f"Thành viên {n}") for n in range(9)],
    )


def _units(rows: int) -> list[UnitYear]:
    return [
        UnitYear(f"Đơn vị số {i:02d}", "accepted", "submitted", "90", "88") for i in range(rows)
    ]


def build_all(world, folder: Path, rows: int = 2) -> dict[str, Path]:
    """Each kind's .docx, dated 05/06/2025."""
    record, issuer, cycle = records(world)
    many = (record.nominees * rows)[: max(rows, len(record.nominees))]
    long_record = replace(record, nominees=many, conference_date=ON)
    person, team = sorted(record.nominees, key=lambda n: n.collective)
    meeting = CouncilMeeting("Xét đề nghị Đại hội", date(2025, 6, 2), "7/BB-HĐTĐKT")
    decision = CouncilDecision(
        1, [meeting], [PassedNominee(n, "80,0%", meeting) for n in many], 0, 0, []
    )
    unit = record.signers
    return {
        "to-trinh-don-vi": build_unit_proposal(long_record, issuer, cycle, ON, folder / "a.docx"),
        "to-trinh-cua-so": build_department_proposal(
            decision, issuer, cycle, ON, folder / "b.docx"
        ),
        "bao-cao-ca-nhan": build_achievement_report(
            person, issuer, cycle, ON, folder / "c.docx", unit
        ),
        "bao-cao-tap-the": build_achievement_report(
            team, issuer, cycle, ON, folder / "d.docx", unit
        ),
        "bien-ban-hoi-dong": build_minutes(_minutes(rows), issuer, folder / "e.docx"),
        "bien-ban-hoi-nghi": build_conference_record(long_record, issuer, cycle, folder / "f.docx"),
        "bao-cao-nam": build_yearly_report(_units(rows), issuer, 2024, ON, folder / "g.docx"),
    }
