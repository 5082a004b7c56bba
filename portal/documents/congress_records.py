"""Plain records the congress documents are built from (no database access here),
so that the documents are reproducible and testable on their own."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from portal.documents.past_awards import PastAward


@dataclass(frozen=True)
class SignerRecord:
    """Who signs: "KT. GIÁM ĐỐC" / "PHÓ GIÁM ĐỐC" / "Nguyễn Văn A" (Decree 30, II.7)."""

    authority: str = ""
    position: str = ""
    name: str = ""


# What signs an organization's documents when the Office has named nobody.
DEFAULT_SIGNER = SignerRecord("", "GIÁM ĐỐC", "")


@dataclass(frozen=True)
class Issuer:
    parent_body: str  # "UBND TỈNH QUẢNG BÌNH"
    name: str  # "Sở Tài nguyên và Môi trường"
    code: str  # "STNMT"
    place: str  # "Quảng Bình"
    # (kind, signer) pairs set by the Office (portal.documents.signers.SignerKind)
    signers: tuple[tuple[str, SignerRecord], ...] = ()

    def signer(self, kind: str) -> SignerRecord:
        return dict(self.signers).get(kind, DEFAULT_SIGNER)

    @property
    def upward_addressee(self) -> str:
        """Where the Department sends its tờ trình and its yearly report."""
        return f"Ban Thi đua - Khen thưởng tỉnh {self.place}".strip()


@dataclass(frozen=True)
class UnitSigners:
    """A unit's abbreviation in document numbers ("PMT") and its head, who signs."""

    code: str = ""
    head: SignerRecord | None = None


@dataclass(frozen=True)
class Cycle:
    term: str  # "2020-2025"
    next_term: str  # "2025-2030"
    sector_congress: str
    provincial_congress: str
    signer_authority: str
    signer_position: str
    signer_name: str


@dataclass(frozen=True)
class DelegateRecord:
    """A congress delegate: a person (for a collective, the representative it sends)."""

    name: str
    birth_year: int | None
    gender: str  # "Nam" / "Nữ" / ""
    ethnicity: str
    position: str
    unit_name: str
    party_member: bool
    qualifications: str
    represents: str = ""  # the collective's name, "" for an individual


@dataclass(frozen=True)
class PersonParticulars:
    """An individual's particulars from their profile (personal data: every document
    that prints them is recorded in the audit log where it is built)."""

    birth_date: date | None = None
    gender: str = ""  # "Nam" / "Nữ"
    ethnicity: str = ""
    home_town: str = ""
    residence: str = ""
    party_position: str = ""
    government_position: str = ""
    mass_position: str = ""
    professional_qualification: str = ""
    political_qualification: str = ""
    academic_title: str = ""
    duties: str = ""


@dataclass(frozen=True)
class UnitParticulars:
    """Section I of a collective's report, from its unit's profile."""

    address: str = ""
    telephone: str = ""
    email: str = ""
    website: str = ""
    founded_on: date | None = None
    history: str = ""
    functions: str = ""
    organisation: str = ""
    staff_total: int | None = None
    staff_female: int | None = None
    staff_party_members: int | None = None
    # (name of the organisation, its description): Đảng bộ/Chi bộ, Công đoàn, ...
    organisations: tuple[tuple[str, str], ...] = ()
    organisations_work: str = ""


@dataclass(frozen=True)
class NomineeRecord:
    unit_name: str
    name: str
    collective: bool
    position: str
    field_of_work: str
    movement: str
    achievements: str
    initiatives: str
    reason: str
    award_title: str  # "" when none proposed
    sector_delegate: bool
    provincial_delegate: bool
    past_awards: list[PastAward] = field(default_factory=list)  # section III
    delegate: DelegateRecord | None = None
    conference_agree: int | None = None  # the unit's conference's own vote, if any
    person: PersonParticulars | None = None  # an individual's, when loaded
    unit_profile: UnitParticulars | None = None  # a collective's, when loaded

    @property
    def proposals(self) -> list[str]:
        return [p for p in (self.award_title,) if p]


@dataclass(frozen=True)
class UnitSubmissionRecord:
    unit_name: str
    conference_date: date
    attendance: int | None
    chaired_by: str
    period_summary: str
    honoured: list[str]
    nominees: list[NomineeRecord]
    conference_place: str = ""
    invited: int | None = None
    secretary: str = ""
    period_reviewed: str = ""
    signers: UnitSigners = UnitSigners()


def slug(text: str) -> str:
    """A file-name-safe ASCII form of a Vietnamese name."""
    import unicodedata

    text = text.replace("đ", "d").replace("Đ", "D")
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    cleaned = "".join(c if c.isalnum() else "-" for c in ascii_text.lower())
    return "-".join(part for part in cleaned.split("-") if part)[:60] or "x"


@dataclass(frozen=True)
class CouncilMeeting:
    """The council meeting (consideration round) that decided some nominees."""

    title: str
    meeting_date: date
    minutes_number: str
    location: str = ""


@dataclass(frozen=True)
class PassedNominee:
    nominee: NomineeRecord
    agree_percent: str  # "66,7%", of the base the rule used
    meeting: CouncilMeeting


@dataclass(frozen=True)
class CouncilDecision:
    """What the Department proposes after the council's vote: only the passed nominees."""

    unit_count: int
    meetings: list[CouncilMeeting]
    passed: list[PassedNominee]
    failed: int  # titles the council did not pass
    undecided: int  # titles not yet decided by a closed round
    delegates: list[NomineeRecord]
