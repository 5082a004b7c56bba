"""What the achievement report forms need of the unit's and the nominees' profiles
before the unit may submit its congress submission: a checklist with links, and the
same list as the reasons a submit is refused."""

from __future__ import annotations

from dataclasses import dataclass, field

from flask_babel import gettext as _

from portal.congress.models import CongressSubmission
from portal.exemplars.models import ExemplarKind
from portal.msgids import N_
from portal.profiles import services as profiles


@dataclass(frozen=True)
class ProfileGap:
    """One profile a form needs and what it lacks; `endpoint` and `args` lead to the
    page where it is filled in."""

    subject: str  # "Hồ sơ đơn vị Phòng Môi trường", "Hồ sơ cá nhân của ..."
    missing: list[str] = field(default_factory=list)  # msgids of field labels
    endpoint: str = ""
    args: dict = field(default_factory=dict)

    @property
    def message(self) -> str:
        fields = ", ".join(_(label) for label in self.missing)
        return _("%(subject)s còn thiếu: %(fields)s.", subject=self.subject, fields=fields)


def profile_gaps(submission: CongressSubmission) -> list[ProfileGap]:
    """Every profile the submission's achievement reports print that lacks a field
    the form requires, in the order of the nominees."""
    gaps: list[ProfileGap] = []
    nominees = sorted(submission.nominees, key=lambda n: (n.exemplar.name, n.id))
    if any(n.exemplar.kind == ExemplarKind.COLLECTIVE for n in nominees):
        missing = profiles.missing_unit_fields(profiles.unit_profile(submission.unit_id))
        if missing:
            subject = _("Hồ sơ đơn vị %(unit)s", unit=submission.unit.name)
            gaps.append(
                ProfileGap(subject, missing, "profiles.unit", {"unit_id": submission.unit_id})
            )
    for nominee in nominees:
        exemplar = nominee.exemplar
        if exemplar.kind == ExemplarKind.COLLECTIVE:
            continue
        if not exemplar.person_user_id:
            subject = _(
                "Điển hình cá nhân “%(name)s” chưa liên kết với tài khoản của người đó, nên "
                "chưa có hồ sơ cá nhân",
                name=exemplar.name,
            )
            gaps.append(
                ProfileGap(
                    subject,
                    [N_("Tài khoản người được đề nghị")],
                    "exemplars.edit",
                    {"exemplar_id": exemplar.id},
                )
            )
            continue
        missing = profiles.missing_person_fields(profiles.person_profile(exemplar.person_user_id))
        if missing:
            subject = _("Hồ sơ cá nhân của %(name)s", name=exemplar.name)
            gaps.append(
                ProfileGap(
                    subject, missing, "profiles.person", {"user_id": exemplar.person_user_id}
                )
            )
    return gaps
