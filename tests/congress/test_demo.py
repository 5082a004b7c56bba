"""The congress demo (Q2-2025, history): accepted units, nominees from their exemplars,
idempotent;
the Office can compile the Department's submission from it at once."""

from __future__ import annotations

import zipfile

from portal import demo
from portal.accounts.models import User
from portal.compilations.models import CompilationStatus
from portal.compilations.services import start_compilation
from portal.compilations.storage import archive_path
from portal.congress.models import CongressNominee, CongressSubmission
from portal.demo.department import OFFICE_EMAIL
from portal.extensions import db
from portal.reviews.models import ReviewEvent


def test_demo_and_compile(app, run_jobs):
    parts = (
        demo.criteria,
        demo.exemplars,
        demo.council,
        demo.consideration,
        demo.deadlines,
        demo.profiles,
        demo.congress,
    )
    demo.seed("demo-password-1", parts=parts)
    submissions = db.session.scalars(db.select(CongressSubmission)).all()
    # History: every unit that held its conference was accepted, some after a return.
    assert {str(s.state) for s in submissions} == {"accepted"}
    returns = db.session.scalar(
        db.select(db.func.count(ReviewEvent.id)).where(ReviewEvent.action == "return")
    )
    assert returns >= 1
    nominees = db.session.scalars(db.select(CongressNominee)).all()
    assert nominees and all(n.exemplar.unit_id == n.unit_id for n in nominees)
    assert any(n.award_title_id for n in nominees)
    count = len(submissions), len(nominees)
    demo.seed("demo-password-1", parts=parts)
    assert (
        db.session.query(CongressSubmission).count(),
        db.session.query(CongressNominee).count(),
    ) == count

    app.config["DOSSIER_PDF"] = False
    office = db.session.scalar(db.select(User).where(User.email == OFFICE_EMAIL))
    compilation = start_compilation("congress_submission", submissions[0].period, office)
    db.session.commit()
    run_jobs("long")
    db.session.refresh(compilation)
    assert compilation.status == CompilationStatus.DONE, compilation.error
    with zipfile.ZipFile(archive_path(compilation)) as archive:
        names = archive.namelist()
    accepted = [s for s in submissions if str(s.state) == "accepted"]
    assert len([n for n in names if n.endswith("/to-trinh.docx")]) == len(accepted)
