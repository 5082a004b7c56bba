"""What vulture reports as unused but is used where it cannot look: Flask and extension
settings read by name, columns and relationships, attributes set on library objects,
names read by templates. Views, hooks, listeners and WTForms `validate_<field>` methods
are matched in pyproject.toml ([tool.vulture]). Never imported; one reason per entry."""

from vulture.whitelist_utils import Whitelist

_ = Whitelist()

# Settings: Flask and its extensions read app.config by name.
_.SQLALCHEMY_ENGINE_OPTIONS  # Flask-SQLAlchemy: engine options
_.SQLALCHEMY_RECORD_QUERIES  # Flask-SQLAlchemy: query recording for the query-count tests
_.MAIL_PORT  # Flask-Mail: SMTP port
_.MAIL_USERNAME  # Flask-Mail: SMTP login
_.MAIL_PASSWORD  # Flask-Mail: SMTP password
_.MAIL_USE_TLS  # Flask-Mail: STARTTLS
_.MAIL_USE_SSL  # Flask-Mail: SMTPS
_.MAIL_DEFAULT_SENDER  # Flask-Mail: From address
_.MAIL_BACKEND  # portal.mail: read as app.config["MAIL_BACKEND"]
_.UPLOAD_DIR  # portal.evidence: read as app.config["UPLOAD_DIR"]
_.DOSSIER_DIR  # portal.compilations: read as app.config["DOSSIER_DIR"]
_.MAX_CONTENT_LENGTH  # Flask: upload size limit (413)
_.BABEL_DEFAULT_LOCALE  # Flask-Babel: Vietnamese first
_.BABEL_DEFAULT_TIMEZONE  # Flask-Babel: Asia/Ho_Chi_Minh
_.LANGUAGES  # portal.i18n: read as app.config["LANGUAGES"]
_.RATELIMIT_IN_MEMORY_FALLBACK_ENABLED  # Flask-Limiter: count in memory while Redis is down
_.SESSION_REFRESH_EACH_REQUEST  # Flask: re-sign the session cookie at each request (idle timeout)
_.send_password_reset  # portal.accounts.jobs: enqueued by its dotted name
_.LOGIN_ACCOUNT_LIMIT  # portal.accounts.throttle: read as app.config["LOGIN_ACCOUNT_LIMIT"]
_.LOGIN_ADDRESS_LIMIT  # portal.accounts.throttle: read as app.config["LOGIN_ADDRESS_LIMIT"]
_.RESET_ADDRESS_LIMIT  # portal.accounts.throttle: read as app.config["RESET_ADDRESS_LIMIT"]
_.RESET_ACCOUNT_LIMIT  # portal.accounts.throttle: read as app.config["RESET_ACCOUNT_LIMIT"]
_.PROXY_FIX_X_FOR  # portal.trust_proxy: read as app.config["PROXY_FIX_X_FOR"]
_.PERMANENT_SESSION_LIFETIME  # Flask: idle timeout of a permanent session
_.REMEMBER_COOKIE_DURATION  # Flask-Login / portal.accounts.sessions: remember cookie lifetime
_.get_id  # Flask-Login: the alternative id put in the session and remember cookie
_.permanent  # Flask: session.permanent, a refreshed cookie that expires when idle
_.status_code  # Flask: the HTTP status set on a Response object (/healthz)
_.RATELIMIT_ENABLED  # Flask-Limiter: off in tests
_.SESSION_COOKIE_HTTPONLY  # Flask: session cookie flag
_.SESSION_COOKIE_SAMESITE  # Flask: session cookie flag
_.REMEMBER_COOKIE_HTTPONLY  # Flask-Login: remember cookie flag
_.REMEMBER_COOKIE_SAMESITE  # Flask-Login: remember cookie flag
_.REMEMBER_COOKIE_SECURE  # Flask-Login: remember cookie flag (production)
_.PREFERRED_URL_SCHEME  # Flask: scheme of url_for(_external=True)
_.BOOTSTRAP_SERVE_LOCAL  # Bootstrap-Flask: serve its assets locally
_.PASSWORD_RESET_MAX_AGE  # portal.accounts: read as app.config["PASSWORD_RESET_MAX_AGE"]
_.ITEMS_PER_PAGE  # portal.listing: read as app.config["ITEMS_PER_PAGE"]
_.RQ_QUEUES  # portal.jobs: read as app.config["RQ_QUEUES"]
_.REMINDER_SWEEP_CRON  # portal.jobs: read as app.config["REMINDER_SWEEP_CRON"]
_.MONITORING_TOKEN  # portal.health: read as app.config.get("MONITORING_TOKEN")
_.DEBUG  # Flask: debug mode of DevConfig
_.TESTING  # Flask: testing mode of TestConfig
_.WTF_CSRF_ENABLED  # Flask-WTF: CSRF off in tests
_.login_view  # Flask-Login: where @login_required sends anonymous users
_.login_message  # Flask-Login: the flash shown on that redirect
_.session_protection  # Flask-Login: session protection level
_.metadata  # Flask-SQLAlchemy: the naming convention of constraints (Alembic)

# Columns and relationships: part of the schema (migrations), read by templates or queries.
_.last_login_at  # accounts: User column, written at login, shown by admin/users.html
_.snapshot_at  # annualreports: AnnualReport column, when the figures were frozen
_.file_size  # compilations: Compilation column, written by the job
_.file_sha256  # compilations: Compilation column, written by the job
_.started_at  # compilations: Compilation column
_.finished_at  # compilations: Compilation column
_.started_by  # compilations: relationship, shown by compilations/index.html
_.base  # consideration: VotingRule column (which members a threshold counts)
_.opened_by_id  # consideration: ConsiderationRound column
_.closed_at  # consideration, difficulties, inspections: column, written when closed
_.cancelled_at  # consideration: ConsiderationRound column, shown on the cancelled round's page
_.cancelled_by_id  # consideration: ConsiderationRound column (who cancelled; audited)
_.cancel_reason  # consideration: ConsiderationRound column, shown on the cancelled round's page
_.council_decisions  # consideration.minutes: what the Department's proposal cites (congress)
_.votes  # consideration: Nomination relationship (delete cascade of its votes)
_.recorded_by_id  # consideration: vote column, written by voting.py
_.rule_needed_verification  # consideration: result column, the rule applied
_.created_by_id  # deadlines, notifications, propagation, training: column
_.created_by  # notifications, propagation: relationship to the author
_.completions  # deadlines: Deadline relationship (delete cascade)
_.marked_by_id  # deadlines: DeadlineCompletion column
_.marked_by  # deadlines: DeadlineCompletion relationship to the marker
_.answered_by  # difficulties: relationship, shown by difficulties/detail.html
_.uploaded_by_id  # evidence: Attachment column
_.uploaded_by  # evidence: Attachment relationship to the uploader
_.evaluator_user_id  # exemplars: ExemplarEvaluation column
_.signed_off_by  # inspections: relationship, shown by inspections/detail.html
_.corrections  # inspections: Inspection relationship (delete cascade)
_.backend  # mail: MailMessage column, the backend that sent it
_.item_count  # notifications: digest delivery column (schema)
_.queued_at  # notifications: Announcement column, written when sent
_.short_name  # organizations: Organization column (schema, set in the admin)
_.new_name  # organizations: UnitNameHistory column, shown by admin/unit_form.html
_.photo_id  # publiccolumn: ExemplarStory column
_.reviewed_at  # publiccolumn: ExemplarStory column
_.review_note  # publiccolumn: ExemplarStory column
_.reviewed_by  # publiccolumn: relationship, shown by publiccolumn/detail.html
_.last_submitted_at  # reviews: column of reviewed records, written on submit
_.return_reason  # reviews: column of reviewed records, written on return
_.accepted_by_id  # reviews: column of reviewed records, written on accept
_.detection_commentary  # annualreports: column and form field (populate_obj)
_.exemplars_commentary  # annualreports: column and form field (populate_obj)
_.propagation_commentary  # annualreports: column and form field (populate_obj)
_.training_commentary  # annualreports: column and form field (populate_obj)
_.inspections_commentary  # annualreports: column and form field (populate_obj)
_.difficulties_commentary  # annualreports: column and form field (populate_obj)
_.commendation_commentary  # annualreports: column and form field (populate_obj)

# SQLAlchemy event listeners: the signature SQLAlchemy calls them with.
_.initiator  # audit: attribute "set" listener argument
_.oldvalue  # audit: attribute "set" listener argument
_.flush_context  # audit, inspections.locking: before_flush/after_flush argument
_.instances  # audit, inspections.locking: before_flush argument

# WTForms: hooks and options the library reads.
_.Meta  # admin, mail forms: WTForms form options (csrf off for GET filters)
_.process_formdata  # fields, assessments, training forms: WTForms parses input with it
_.pre_validate  # fields: WTForms calls it before the validators (a date it cannot read stops there)
_.widget  # fields, inspections, notifications forms: WTForms renders with it
_.option_widget  # inspections, notifications forms: WTForms renders each choice with it
_.render_kw  # consideration routes, deadlines views: WTForms renders these attributes
_.csrf_class  # forms_base: the CSRF check WTForms builds for every PortalForm
_.bind_field  # forms_base: WTForms binds every field of a PortalForm through it

# Attributes set on library objects (openpyxl, python-docx, zipfile), read when saving.
_.compress_type  # zipfile.ZipInfo: deflate in reproducible archives
_.external_attr  # zipfile.ZipInfo: file mode in reproducible archives
_.alignment  # openpyxl and python-docx: cell and paragraph alignment
_.modified  # openpyxl and python-docx: fixed document date (reproducible bytes)
_.creator  # openpyxl: workbook author
_.fill  # openpyxl: header cell fill
_.number_format  # openpyxl: cell number format
_.freeze_panes  # openpyxl: frozen header row
_.orientation  # python-docx: page orientation
_.page_height  # python-docx: page size
_.page_width  # python-docx: page size
_.top_margin  # python-docx: page margin
_.bottom_margin  # python-docx: page margin
_.left_margin  # python-docx: page margin
_.right_margin  # python-docx: page margin
_.space_before  # python-docx: paragraph spacing
_.space_after  # python-docx: paragraph spacing
_.line_spacing  # python-docx: paragraph spacing
_.first_line_indent  # python-docx: paragraph indent
_.last_printed  # python-docx: fixed core property (reproducible bytes)
_.revision  # python-docx: fixed core property (reproducible bytes)
_.last_modified_by  # python-docx: fixed core property (reproducible bytes)
_.autofit  # python-docx: table layout
_.different_first_page_header_footer  # python-docx: section header setting

# Read by templates (Jinja is not Python, vulture does not read it).
_.linked_inspections  # council/plan.html
_.as_json  # dashboards/_macros.html: a chart's data
_.remaining  # dashboards/council.html
_.by_office  # deadlines/detail.html
_.reminders_sent  # deadlines/detail.html
_.item_fields  # exemplars/evaluation_form.html
_.owner_display  # exemplars/detail.html, workspace/unit_home.html
_.as_args  # exemplars/index.html, inspections/findings.html: filters in links
_.scope_text  # inspections templates and council/plan.html, mine.html
_.not_closed  # inspections/index.html: open findings of an inspection
_.heading  # reviews/yearly_index.html
_.intro  # reviews/yearly_index.html
_.technical  # admin/audit.html: the raw entry behind "Chi tiết kỹ thuật"
_.create_label  # reviews/yearly_index.html
_.total_exemplars  # workspace/unit_home.html
_.prev_num  # Bootstrap-Flask's render_pagination reads it from a ListPage
_.next_num  # Bootstrap-Flask's render_pagination reads it from a ListPage
_.iter_pages  # Bootstrap-Flask's render_pagination calls it on a ListPage

# Enum members named nowhere in Python: stored values, offered through Enum.choices()
# and shown through .label (portal.enums), so they exist only to be iterated.
_.VICE_CHAIR  # council: CouncilPosition
_.MATERIAL  # exemplars: SupportType
_.SPIRITUAL  # exemplars: SupportType
_.TECHNICAL  # exemplars: SupportType
_.AWARD  # exemplars: SupportType
_.TRAINING  # exemplars: SupportType
_.ARTICLE  # propagation: ActivityType
_.SPECIAL_COLUMN  # propagation: ActivityType
_.BROADCAST  # propagation: ActivityType
_.ONLINE_POST  # propagation: ActivityType
_.MEETING  # propagation: ActivityType
_.EXCHANGE  # propagation: ActivityType
_.STUDY_VISIT  # propagation: ActivityType
_.TRADITIONAL  # propagation: Channel

# Classes used outside portal/.
_.PortalSimpleWorker  # the in-process worker of tests/jobs and of debugging sessions
_.applicable_rule  # consideration.rules: the rule of one title on a day, the legal rules' tests

# Composition and filter forms.
_.MODELS  # portal.registry: importing the model modules is the point (complete metadata)
_.unread  # portal.notifications.forms: a filter field read as form.value("unread")
_.__mapper_args__  # portal.models_base.VersionedMixin: read by SQLAlchemy declarative

# The first setup of a department and the platform pages (issue 17).
_.hint  # dashboards/_setup_guide.html: Step.hint
_.complete  # dashboards/_setup_guide.html: Guide.complete
_.has_password  # platform/index.html: OrganizationRow.has_password
_.fence_the_platform_admin  # portal.platform.routes: a before_app_request hook

# One-time submission tokens and the upload limit (issue 17).
_.request_class  # portal.create_app: Flask builds each request from it (PortalRequest)
_._get_file_stream  # upload_limit.PortalRequest: werkzeug's form parser calls it
_.total_content_length  # its parameters, passed by keyword by werkzeug
_.content_length  # its parameters, passed by keyword by werkzeug
_.submission_token  # submissions.OnceForm: the hidden field, read by @once from the form
_.submitted_once  # submissions.once: marks create routes, checked by tests/test_submissions

# AwardAmendment.by_id: who amended, read by the audit log.
# Emulation movements (issue 13.1).
_.PRELIMINARY  # movements.models.ReviewKind: chosen in the review form by value
_.FINAL  # movements.models.ReviewKind: chosen in the review form by value

# Award records (issue 13): columns written by the award services and read by the
# history pages, which arrive with the services; the search pattern helper likewise.
_.amended_on
_.by_id

# Exemplar recognition levels stored in the database and shown by their labels: the
# achievement report no longer names them (its section III reads the award history).
_.MINISTRY_PROVINCE
_.NATIONAL
