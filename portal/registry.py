"""What the portal is made of, listed in one place: every model module, every
blueprint, and what fills each extension point (SQLAlchemy listeners, evidence lock
checks, review adapters, accounts' mail queue, due-item providers, deadline completion rules,
compilation builders, periodic jobs, providers of outstanding work).

Nothing registers itself when its module is imported: the factory calls
`register(app)`, so the web app, the worker and the scheduler (both build their app
with `create_app`) are composed alike. The extension points are process-wide;
registering again (each app the tests create) replaces an entry, never adds a
second one.
"""

from __future__ import annotations

from flask import Flask
from sqlalchemy import event

import portal.audit as audit
import portal.audit_labels as audit_labels
import portal.db_upkeep as db_upkeep
import portal.i18n as i18n
import portal.submissions as submissions
from portal.accounts import audit_labels as accounts_audit_labels
from portal.accounts import models as accounts_models
from portal.accounts import routes as accounts_routes
from portal.accounts import services as accounts_services
from portal.accounts import sessions as accounts_sessions
from portal.admin import routes as admin_routes
from portal.annualreports import audit_labels as annualreports_audit_labels
from portal.annualreports import models as annualreports_models
from portal.annualreports import routes as annualreports_routes
from portal.annualreports import services as annualreports_services
from portal.assessments import audit_labels as assessments_audit_labels
from portal.assessments import models as assessments_models
from portal.assessments import routes as assessments_routes
from portal.assessments import services as assessments_services
from portal.awards import audit_labels as awards_audit_labels
from portal.awards import eligibility_history as awards_eligibility_history
from portal.awards import history_routes as awards_history_routes
from portal.awards import import_routes as awards_import_routes
from portal.awards import models as awards_models
from portal.awards import routes as awards_routes
from portal.awards import services as awards_services
from portal.budget import audit_labels as budget_audit_labels
from portal.budget import models as budget_models
from portal.budget import routes as budget_routes
from portal.compilations import audit_labels as compilations_audit_labels
from portal.compilations import congress_dossier, yearly_report_dossier
from portal.compilations import models as compilations_models
from portal.compilations import outstanding as compilations_outstanding
from portal.compilations import periodic as compilations_periodic
from portal.compilations import routes as compilations_routes
from portal.compilations.builders import register_builder
from portal.congress import audit_labels as congress_audit_labels
from portal.congress import council_routes as congress_council_routes
from portal.congress import models as congress_models
from portal.congress import routes as congress_routes
from portal.congress import services as congress_services
from portal.congress import signed as congress_signed
from portal.congress import signed_routes as congress_signed_routes
from portal.consideration import audit_labels as consideration_audit_labels
from portal.consideration import lookups as consideration_lookups
from portal.consideration import models as consideration_models
from portal.consideration import routes as consideration_routes
from portal.council import audit_labels as council_audit_labels
from portal.council import models as council_models
from portal.council import routes as council_routes
from portal.criteria import audit_labels as criteria_audit_labels
from portal.criteria import models as criteria_models
from portal.criteria import routes as criteria_routes
from portal.dashboards import cache as dashboards_cache
from portal.dashboards import routes as dashboards_routes
from portal.deadlines import audit_labels as deadlines_audit_labels
from portal.deadlines import item_providers as deadline_items
from portal.deadlines import models as deadlines_models
from portal.deadlines import routes as deadlines_routes
from portal.deadlines.completion import register_completion
from portal.deadlines.models import DeadlineKind
from portal.deadlines.providers import register_provider
from portal.difficulties import audit_labels as difficulties_audit_labels
from portal.difficulties import models as difficulties_models
from portal.difficulties import routes as difficulties_routes
from portal.documents import audit_labels as documents_audit_labels
from portal.documents import models as documents_models
from portal.documents import routes as documents_routes
from portal.evidence import audit_labels as evidence_audit_labels
from portal.evidence import models as evidence_models
from portal.evidence import routes as evidence_routes
from portal.evidence import services as evidence_services
from portal.evidence.services import register_lock_check, register_read_check
from portal.exemplars import audit_labels as exemplars_audit_labels
from portal.exemplars import due_items as exemplar_items
from portal.exemplars import models as exemplars_models
from portal.exemplars import routes as exemplars_routes
from portal.exemplars.movement_links import register_movement_choices
from portal.health import routes as health_routes
from portal.home import routes as home_routes
from portal.inspections import audit_labels as inspections_audit_labels
from portal.inspections import due_items as inspection_items
from portal.inspections import locking as inspections_locking
from portal.inspections import models as inspections_models
from portal.inspections import routes as inspections_routes
from portal.inspections import services as inspections_services
from portal.jobs import queues
from portal.jobs.periodic import PeriodicJob, register_periodic_job
from portal.jobs.recovery import register_outstanding
from portal.mail import models as mail_models
from portal.mail import periodic as mail_periodic
from portal.mail import recovery as mail_recovery
from portal.mail import routes as mail_routes
from portal.mail.services import queue_email
from portal.movements import audit_labels as movements_audit_labels
from portal.movements import models as movements_models
from portal.movements import routes as movements_routes
from portal.movements import services as movements_services
from portal.movements.award_links import register_awards_query
from portal.notifications import announcements as notifications_announcements
from portal.notifications import audit_labels as notifications_audit_labels
from portal.notifications import models as notifications_models
from portal.notifications import periodic as notifications_periodic
from portal.notifications import routes as notifications_routes
from portal.notifications import services as notifications_services
from portal.organizations import audit_labels as organizations_audit_labels
from portal.organizations import models as organizations_models
from portal.periods import audit_labels as periods_audit_labels
from portal.periods import models as periods_models
from portal.platform import routes as platform_routes
from portal.profiles import audit_labels as profiles_audit_labels
from portal.profiles import models as profiles_models
from portal.profiles import routes as profiles_routes
from portal.propagation import audit_labels as propagation_audit_labels
from portal.propagation import models as propagation_models
from portal.propagation import routes as propagation_routes
from portal.publiccolumn import audit_labels as publiccolumn_audit_labels
from portal.publiccolumn import models as publiccolumn_models
from portal.publiccolumn import routes as publiccolumn_routes
from portal.registrations import audit_labels as registrations_audit_labels
from portal.registrations import models as registrations_models
from portal.registrations import routes as registrations_routes
from portal.registrations import services as registrations_services
from portal.reviews import audit_labels as reviews_audit_labels
from portal.reviews import models as reviews_models
from portal.reviews import routes as reviews_routes
from portal.reviews.adapters import register_adapter
from portal.training import audit_labels as training_audit_labels
from portal.training import models as training_models
from portal.training import routes as training_routes
from portal.workspace import routes as workspace_routes

# Every module that declares tables, so that the metadata is complete (create_all,
# migrations) whatever the routes happen to import.
MODELS = (
    audit,
    organizations_models,
    accounts_models,
    periods_models,
    mail_models,
    evidence_models,
    notifications_models,
    criteria_models,
    exemplars_models,
    propagation_models,
    publiccolumn_models,
    training_models,
    difficulties_models,
    council_models,
    inspections_models,
    consideration_models,
    movements_models,
    budget_models,
    deadlines_models,
    reviews_models,
    assessments_models,
    annualreports_models,
    profiles_models,
    congress_models,
    compilations_models,
    awards_models,
    registrations_models,
    documents_models,
    submissions,
)

BLUEPRINTS = (
    accounts_routes.bp,
    home_routes.bp,
    workspace_routes.bp,
    admin_routes.bp,
    mail_routes.bp,
    health_routes.bp,
    evidence_routes.bp,
    notifications_routes.bp,
    criteria_routes.bp,
    exemplars_routes.bp,
    propagation_routes.bp,
    publiccolumn_routes.bp,
    training_routes.bp,
    difficulties_routes.bp,
    council_routes.bp,
    inspections_routes.bp,
    consideration_routes.bp,
    awards_routes.bp,
    deadlines_routes.bp,
    reviews_routes.bp,
    assessments_routes.bp,
    annualreports_routes.bp,
    congress_routes.bp,
    congress_council_routes.bp,
    congress_signed_routes.bp,
    profiles_routes.bp,
    compilations_routes.bp,
    awards_history_routes.bp,
    awards_import_routes.bp,
    registrations_routes.bp,
    documents_routes.bp,
    dashboards_routes.bp,
    movements_routes.bp,
    budget_routes.bp,
    platform_routes.bp,
    i18n.bp,
)

# (class, event, listener). On the Session and Mapper classes, so they see every
# session: requests, jobs in the worker, CLI commands. In this order: the audit
# loads a row to delete before the inspection lock looks at it.
LISTENERS = (
    *db_upkeep.LISTENERS,
    *audit.LISTENERS,
    *queues.LISTENERS,
    *inspections_locking.LISTENERS,
    *evidence_services.LISTENERS,
    *dashboards_cache.LISTENERS,
)

# Evidence owner type -> True when the record the file belongs to is locked.
LOCK_CHECKS = {
    assessments_models.EVIDENCE_OWNER: assessments_services.evidence_locked,
    congress_models.NOMINEE_OWNER: congress_services.nominee_locked,
    congress_signed.SIGNED_PROPOSAL: congress_signed.scan_locked,
    congress_signed.SIGNED_REPORT: congress_signed.scan_locked,
    inspections_services.EVIDENCE_OWNER: inspections_services.inspection_file_locked,
    inspections_services.RESPONSE_EVIDENCE_OWNER: inspections_services.response_file_locked,
}

# Evidence owner type -> who may read its files beyond seeing the unit (personal data).
READ_CHECKS = {
    congress_signed.SIGNED_PROPOSAL: congress_signed.scan_readable,
    congress_signed.SIGNED_REPORT: congress_signed.scan_readable,
}

# Reviewed record's subject -> how the review workflow titles, links and checks it.
REVIEW_ADAPTERS = {
    assessments_models.SelfAssessment.review_subject: assessments_services.SelfAssessmentReview(),
    annualreports_models.AnnualReport.review_subject: annualreports_services.AnnualReportReview(),
    congress_models.CongressSubmission.review_subject: congress_services.CongressSubmissionReview(),
    registrations_models.Registration.review_subject: registrations_services.RegistrationReview(),
}

# Kind of due item -> the provider of those items.
DUE_ITEM_PROVIDERS = {
    "deadline": deadline_items.deadline_items,
    "fostering_action": exemplar_items.fostering_items,
    "finding_action": inspection_items.finding_items,
}

# Deadline kind -> the model whose submitted record meets the deadline.
COMPLETION_RULES = {
    DeadlineKind.SELF_ASSESSMENT: assessments_models.SelfAssessment,
    DeadlineKind.ANNUAL_REPORT: annualreports_models.AnnualReport,
    DeadlineKind.CONGRESS_SUBMISSION: congress_models.CongressSubmission,
    DeadlineKind.REGISTRATION: registrations_models.Registration,
}

COMPILATION_BUILDERS = {
    yearly_report_dossier.KIND: yearly_report_dossier.BUILDER,
    congress_dossier.KIND: congress_dossier.BUILDER,
}

# Work queued after a commit -> its provider of outstanding work, for the recovery
# sweep (portal/jobs/recovery.py) that enqueues what never reached Redis.
OUTSTANDING_WORK = {
    "mail": mail_recovery.outstanding_mail,
    "announcements": notifications_announcements.outstanding_announcements,
    "compilations": compilations_outstanding.outstanding_compilations,
}

# What the audit log calls each capability's records and fields (portal/audit_labels.py).
AUDIT_LABELS = (
    accounts_audit_labels.LABELS,
    annualreports_audit_labels.LABELS,
    assessments_audit_labels.LABELS,
    awards_audit_labels.LABELS,
    budget_audit_labels.LABELS,
    compilations_audit_labels.LABELS,
    congress_audit_labels.LABELS,
    consideration_audit_labels.LABELS,
    council_audit_labels.LABELS,
    criteria_audit_labels.LABELS,
    deadlines_audit_labels.LABELS,
    difficulties_audit_labels.LABELS,
    documents_audit_labels.LABELS,
    evidence_audit_labels.LABELS,
    exemplars_audit_labels.LABELS,
    inspections_audit_labels.LABELS,
    movements_audit_labels.LABELS,
    notifications_audit_labels.LABELS,
    organizations_audit_labels.LABELS,
    periods_audit_labels.LABELS,
    profiles_audit_labels.LABELS,
    propagation_audit_labels.LABELS,
    publiccolumn_audit_labels.LABELS,
    registrations_audit_labels.LABELS,
    reviews_audit_labels.LABELS,
    training_audit_labels.LABELS,
)

PERIODIC_JOBS = (
    *mail_periodic.PERIODIC,
    *compilations_periodic.PERIODIC,
    *notifications_periodic.PERIODIC,
    # Used one-time tokens of create forms, once no form can come back with them.
    PeriodicJob(submissions.forget_old_tokens, "17 3 * * *"),
    # The query planner's statistics, as the data grows (portal/db_upkeep.py).
    PeriodicJob(db_upkeep.refresh_statistics, "43 2 * * *"),
)


def register(app: Flask) -> None:
    install_listeners()
    fill_extension_points()
    for blueprint in BLUEPRINTS:
        app.register_blueprint(blueprint)


def install_listeners() -> None:
    """Listen once per process, however many apps are created."""
    for target, name, listener in LISTENERS:
        if not event.contains(target, name, listener):
            event.listen(target, name, listener)
    audit.watch_configured_mappers()


def fill_extension_points() -> None:
    accounts_services.plug_mail(queue_email, queues.try_enqueue)
    accounts_sessions.plug_load_option(notifications_services.unread_count_option)
    for owner_type, check in LOCK_CHECKS.items():
        register_lock_check(owner_type, check)
    for owner_type, check in READ_CHECKS.items():
        register_read_check(owner_type, check)
    for subject, adapter in REVIEW_ADAPTERS.items():
        register_adapter(subject, adapter)
    for kind, provider in DUE_ITEM_PROVIDERS.items():
        register_provider(kind, provider)
    for kind, model in COMPLETION_RULES.items():
        register_completion(kind, model)
    for kind, builder in COMPILATION_BUILDERS.items():
        register_builder(kind, builder)
    for job in PERIODIC_JOBS:
        register_periodic_job(job)
    for labels in AUDIT_LABELS:
        audit_labels.register_labels(labels)
    for name, provider in OUTSTANDING_WORK.items():
        register_outstanding(name, provider)
    register_movement_choices(movements_services.movement_choices)
    register_awards_query(awards_services.issued_under_movement)
    # What the consideration pages read from above them: registrations and award history.
    consideration_lookups.plug(
        registrations_services.is_registered, awards_eligibility_history.award_history
    )
