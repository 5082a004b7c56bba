"""A real SMTP server (aiosmtpd) on 127.0.0.1 and retries on a fast clock, for mail tests."""

from __future__ import annotations

import asyncio
import socket
import time
from collections import Counter
from dataclasses import dataclass, field

import pytest
from aiosmtpd.controller import Controller
from rq.registry import ScheduledJobRegistry

from portal.extensions import mail
from portal.jobs.queues import QUEUE_NAMES, get_queue


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class RecordingHandler:
    """Accepts messages, or answers 451 (try later) while `refuse` is above zero;
    counts the connections (one EHLO each). Per recipient, `answers` gives the
    replies to RCPT TO in turn (e.g. ["452 ...", "452 ..."] then accepted, or
    ["550 ..."] for good: the last one repeats); `delay` slows every RCPT (a slow
    relay: the message is not accepted before its end)."""

    received: list = field(default_factory=list)
    refuse: int = 0
    connections: int = 0
    answers: dict = field(default_factory=dict)
    delay: float = 0.0

    def per_recipient(self) -> Counter:
        return Counter(rcpt for envelope in self.received for rcpt in envelope.rcpt_tos)

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):  # noqa: N802
        if self.delay:
            await asyncio.sleep(self.delay)
        replies = self.answers.get(address)
        if replies:
            reply = replies.pop(0) if len(replies) > 1 else replies[0]
            if not reply.startswith("250"):
                return reply
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_EHLO(self, server, session, envelope, hostname, responses):  # noqa: N802
        self.connections += 1
        session.host_name = hostname
        return responses

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 (aiosmtpd's hook name)
        if self.refuse > 0:
            self.refuse -= 1
            return "451 4.3.0 Mailbox temporarily unavailable"
        self.received.append(envelope)
        return "250 Message accepted for delivery"


def use_smtp(app, port: int) -> None:
    """Point the app's mail at 127.0.0.1:`port` by SMTP (Flask-Mail reads its
    settings when bound, hence init_app again)."""
    app.config.update(
        MAIL_SERVER="127.0.0.1",
        MAIL_PORT=port,
        MAIL_BACKEND="smtp",
        MAIL_USE_TLS=False,
        MAIL_USE_SSL=False,
        MAIL_SUPPRESS_SEND=False,  # Flask-Mail suppresses sending when TESTING
    )
    mail.init_app(app)


@pytest.fixture
def smtp_server():
    """The running server; its RecordingHandler is `smtp_server.handler`."""
    controller = Controller(RecordingHandler(), hostname="127.0.0.1", port=free_port())
    controller.start()
    try:
        yield controller
    finally:
        controller.stop()


@pytest.fixture
def retries_now(redis_server):
    """Move every retry waiting for its backoff to 'due now'; returns how many were
    waiting and checks that each was scheduled in the future (the backoff)."""

    def _fast_forward() -> int:
        moved = 0
        for name in QUEUE_NAMES:
            registry = ScheduledJobRegistry(queue=get_queue(name))
            for job_id in registry.get_job_ids():
                assert registry.get_scheduled_time(job_id).timestamp() > time.time() + 5
                redis_server.zadd(registry.key, {job_id: 0})
                moved += 1
        return moved

    return _fast_forward


@pytest.fixture
def run_jobs_with_retries(run_jobs, retries_now):
    """Run the queues, then every retry as if its backoff had passed, until none is left.
    Returns how many rounds of retries there were."""

    def _run(max_rounds: int = 10) -> int:
        rounds = 0
        run_jobs()
        while retries_now():
            rounds += 1
            assert rounds <= max_rounds, "jobs keep being retried"
            run_jobs()
        return rounds

    return _run
