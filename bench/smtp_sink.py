"""A local SMTP sink (aiosmtpd) in its own process, so that it does not share the
sender's interpreter: it counts what it receives and reports on request."""

from __future__ import annotations

import multiprocessing
import socket
import time
from collections import Counter
from dataclasses import dataclass


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class _Counting:
    def __init__(self) -> None:
        self.recipients: Counter[str] = Counter()
        self.messages = 0
        self.connections = 0

    async def handle_EHLO(self, server, session, envelope, hostname, responses):  # noqa: N802
        self.connections += 1
        session.host_name = hostname
        return responses

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 (aiosmtpd's hook)
        self.messages += 1
        for rcpt in envelope.rcpt_tos:
            self.recipients[rcpt] += 1
        return "250 OK"


def _serve(port: int, control) -> None:
    from aiosmtpd.controller import Controller

    handler = _Counting()
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    control.send("ready")
    try:
        while True:
            command = control.recv()
            if command == "count":
                control.send(handler.messages)
            elif command == "report":
                control.send((handler.messages, dict(handler.recipients), handler.connections))
            elif command == "reset":
                handler.__init__()
                control.send("ok")
            elif command == "stop":
                break
    finally:
        controller.stop()


@dataclass
class Report:
    messages: int
    recipients: dict[str, int]
    connections: int

    @property
    def duplicates(self) -> int:
        return sum(n - 1 for n in self.recipients.values() if n > 1)


class SmtpSink:
    """Start with `with SmtpSink() as sink:`; `sink.port` is where to send."""

    def __init__(self) -> None:
        self.port = free_port()
        self._control, child = multiprocessing.Pipe()
        self._process = multiprocessing.get_context("spawn").Process(
            target=_serve, args=(self.port, child), daemon=True
        )

    def __enter__(self) -> SmtpSink:
        self._process.start()
        assert self._control.recv() == "ready"
        return self

    def __exit__(self, *exc) -> None:
        self._control.send("stop")
        self._process.join(timeout=10)

    def _ask(self, command: str):
        self._control.send(command)
        return self._control.recv()

    def count(self) -> int:
        return self._ask("count")

    def report(self) -> Report:
        return Report(*self._ask("report"))

    def reset(self) -> None:
        self._ask("reset")

    def wait_for(self, expected: int, timeout: float = 600) -> float:
        """Wait until `expected` messages arrived; returns when (perf_counter)."""
        deadline = time.perf_counter() + timeout
        while time.perf_counter() < deadline:
            if self.count() >= expected:
                return time.perf_counter()
            time.sleep(0.01)
        raise TimeoutError(f"the sink received {self.count()} of {expected} messages")
