"""The portal is composed in one place: importing a module registers nothing, and
the factory fills every extension point (once, however many apps are made)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from sqlalchemy import select

from portal import create_app, registry
from portal.audit import AuditLog
from portal.extensions import db
from portal.organizations.models import Unit, UnitKind

ROOT = Path(__file__).resolve().parent.parent

# Run in a fresh interpreter: in this one, the apps of other tests have already
# registered everything.
PROBE = """
import json
import sys

from sqlalchemy import event

from portal.audit_labels import registered_labels
from portal.compilations.builders import BUILDERS
from portal.reviews.adapters import ADAPTERS
from portal.deadlines.completion import COMPLETION_MODELS
from portal.deadlines.providers import PROVIDERS
from portal.evidence.services import _LOCK_CHECKS, _READ_CHECKS
from portal.jobs.periodic import PERIODIC_JOBS
from portal.jobs.recovery import PROVIDERS as OUTSTANDING
from portal.consideration.lookups import _PLUGGED as LOOKUPS


def contents():
    from portal import registry

    return {
        "lock_checks": sorted(_LOCK_CHECKS),
        "read_checks": sorted(_READ_CHECKS),
        "builders": sorted(BUILDERS),
        "review_adapters": sorted(ADAPTERS),
        "providers": sorted(PROVIDERS),
        "completion_rules": sorted(str(kind) for kind in COMPLETION_MODELS),
        "periodic_jobs": sorted(job.func.__name__ for job in PERIODIC_JOBS.values()),
        "listeners": sum(event.contains(*listener) for listener in registry.LISTENERS),
        "outstanding_work": sorted(OUTSTANDING),
        "audit_labels": sorted(registered_labels()),
        "lookups": sorted(name for name, fn in LOOKUPS.items() if fn is not None),
    }


# Every module that used to register something when imported, and the registry.
import portal.annualreports.services
import portal.assessments.models
import portal.assessments.services
import portal.audit
import portal.compilations.congress_dossier
import portal.compilations.yearly_report_dossier
import portal.congress.services
import portal.deadlines.item_providers
import portal.exemplars.due_items
import portal.inspections.due_items
import portal.inspections.locking
import portal.inspections.routes
import portal.inspections.services
import portal.jobs.queues
import portal.mail.periodic
import portal.notifications.periodic
import portal.registry

imported = contents()
from portal import create_app

create_app("testing")
json.dump({"imported": imported, "created": contents()}, sys.stdout)
"""


def test_importing_registers_nothing_and_the_factory_registers_everything():
    result = subprocess.run(
        [sys.executable, "-c", PROBE], cwd=ROOT, capture_output=True, text=True, check=True
    )
    found = json.loads(result.stdout)
    assert found["imported"] == {
        "lock_checks": [],
        "read_checks": [],
        "builders": [],
        "review_adapters": [],
        "providers": [],
        "completion_rules": [],
        "periodic_jobs": [],
        "listeners": 0,
        "outstanding_work": [],
        "audit_labels": [],
        "lookups": [],
    }
    assert found["created"] == {
        "lock_checks": [
            "assessment_item",
            "congress_nominee",
            "congress_signed_proposal",
            "congress_signed_report",
            "finding_response",
            "inspection",
        ],
        "read_checks": ["congress_signed_proposal", "congress_signed_report"],
        "builders": ["congress_submission", "yearly_report"],
        "review_adapters": [
            "annual_report",
            "congress_submission",
            "registration",
            "self_assessment",
        ],
        "providers": ["deadline", "finding_action", "fostering_action"],
        "completion_rules": [
            "annual_report",
            "congress_submission",
            "registration",
            "self_assessment",
        ],
        "periodic_jobs": [
            "fail_dead_compilations",
            "forget_old_tokens",
            "refresh_statistics",
            "send_daily_digests",
            "sweep_outstanding_work",
            "sweep_reminders",
        ],
        "listeners": len(registry.LISTENERS),
        "outstanding_work": ["announcements", "compilations", "mail"],
        "audit_labels": sorted({name for labels in registry.AUDIT_LABELS for name in labels}),
        "lookups": ["history", "registration"],
    }


def test_every_model_module_is_listed():
    listed = {module.__name__ for module in registry.MODELS}
    on_disk = {
        "portal." + ".".join(path.relative_to(ROOT / "portal").with_suffix("").parts)
        for path in (ROOT / "portal").glob("*/models.py")
    }
    assert on_disk <= listed


def test_every_audit_labels_module_is_listed():
    """A capability's audit_labels.py counts only once portal/registry.py lists it."""
    on_disk = {path.parent.name for path in (ROOT / "portal").glob("*/audit_labels.py")}
    listed = {
        name.removesuffix("_audit_labels")
        for name, value in vars(registry).items()
        if name.endswith("_audit_labels") and value.LABELS in registry.AUDIT_LABELS
    }
    assert on_disk == listed


def test_a_second_app_does_not_record_changes_twice(app, world):
    create_app("testing")
    db.session.add(Unit(organization_id=world.org.id, name="Tổ mới", kind=UnitKind.DIVISION))
    db.session.commit()
    entries = db.session.scalars(
        select(AuditLog).where(AuditLog.object_type == "Unit", AuditLog.action == "create")
    ).all()
    assert [e.changes["name"][1] for e in entries].count("Tổ mới") == 1


# Mappers configured before the factory installs the audit's listener (a module that
# builds loader options at import configures them early) still record "before" values.
EARLY_CONFIGURED = """
from sqlalchemy import event
from sqlalchemy.orm import configure_mappers

import portal.registry
from portal.audit import _keep_value
from portal.extensions import db

configure_mappers()
from portal import create_app

create_app("testing")
missing = [
    f"{mapper.class_.__name__}.{attr.key}"
    for mapper in db.Model.registry.mappers
    if getattr(mapper.class_, "__audited__", True)
    for attr in mapper.column_attrs
    if not event.contains(getattr(mapper.class_, attr.key), "set", _keep_value)
]
print(len(missing), missing[:5])
"""


def test_mappers_configured_before_the_factory_keep_their_before_values():
    result = subprocess.run(
        [sys.executable, "-c", EARLY_CONFIGURED],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    assert result.stdout.strip() == "0 []"
