"""Fixtures of the deadline tests: a real SMTP server (aiosmtpd) and fast retries."""

from __future__ import annotations

import pytest

from tests import mail_server
from tests.mail_server import RecordingHandler, use_smtp

# The server and the fast retries are shared with the mail tests.
smtp_server = mail_server.smtp_server
retries_now = mail_server.retries_now
run_jobs_with_retries = mail_server.run_jobs_with_retries


@pytest.fixture
def smtp_sink(app, smtp_server) -> RecordingHandler:
    """What the local SMTP server that the app sends its mail to has received."""
    use_smtp(app, smtp_server.port)
    return smtp_server.handler
