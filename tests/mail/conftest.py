"""Mail fixtures: a real SMTP server (aiosmtpd) on 127.0.0.1 and retries on a fast clock."""

from __future__ import annotations

import pytest

from tests import mail_server
from tests.mail_server import free_port, use_smtp

# The server and the fast retries are shared with the deadline tests.
smtp_server = mail_server.smtp_server
retries_now = mail_server.retries_now
run_jobs_with_retries = mail_server.run_jobs_with_retries


@pytest.fixture
def unused_port() -> int:
    return free_port()


@pytest.fixture
def point_mail_at(app):
    """point_mail_at(port): send the app's mail by SMTP to 127.0.0.1:port."""
    return lambda port: use_smtp(app, port)


@pytest.fixture
def smtp_app(app, smtp_server):
    use_smtp(app, smtp_server.port)
    return app
