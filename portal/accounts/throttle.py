"""Throttling of sign-in and of "Quên mật khẩu" that cannot lock the department out.

Failures are counted per account (by its email, whether or not an account has it, so
that the answers never tell which emails exist) and per client address (the one the
reverse proxy hands over, see PROXY_FIX_X_FOR). The rules:

- An account with too many recent failures is locked, and only that account: the
  limits are tiers ("5 per 15 minutes; 10 per hour; 20 per day" by default), so each
  further round of failures waits longer (a growing delay). Its owner gets an email.
- An address with too many recent failures ("hot") may still sign in to any account
  that has no recent failure of its own: a correct password for an account that is
  not under attack is never refused because of another account's failures. From a
  hot address an account with failures waits, so a guesser spraying many accounts
  gets one try per account per window.
- "Quên mật khẩu": at most a few requests per address and a few emails per account
  an hour; the answer is the same either way.

The counters live in the portal's Redis; when it is unreachable they live in this
process's memory (logged once per outage) and sign-in keeps working.
"""

from __future__ import annotations

import hashlib
import logging
import time
from dataclasses import dataclass
from datetime import timedelta

from flask import Flask, current_app
from limits import RateLimitItem, parse_many
from limits.storage import MemoryStorage, storage_from_string
from limits.strategies import MovingWindowRateLimiter

log = logging.getLogger(__name__)

LOGIN_ACCOUNT = "login-account"
LOGIN_ADDRESS = "login-address"
LOCK_NOTICE = "lock-notice"
RESET_ACCOUNT = "reset-account"
RESET_ADDRESS = "reset-address"
# At most one email an hour tells an owner that their account was locked.
LOCK_NOTICE_LIMIT = "1 per hour"
# How long an unreachable Redis is left alone before it is tried again.
RETRY_PRIMARY_AFTER = 30.0


class Counters:
    """Moving-window counters in a storage (the portal's Redis), falling back to the
    process's memory while that storage is unreachable."""

    def __init__(self, uri: str) -> None:
        self.uri = uri
        self._primary: MovingWindowRateLimiter | None = None
        self._memory = MovingWindowRateLimiter(MemoryStorage())
        self._down_since: float | None = None

    def _storage(self) -> MovingWindowRateLimiter:
        if self._primary is None:
            storage = storage_from_string(
                self.uri,
                **(
                    {"socket_connect_timeout": 1, "socket_timeout": 1}
                    if "redis" in self.uri
                    else {}
                ),
            )
            self._primary = MovingWindowRateLimiter(storage)
        return self._primary

    def _call(self, name: str, *args: object):
        if self._down_since is None or time.monotonic() - self._down_since > RETRY_PRIMARY_AFTER:
            try:
                result = getattr(self._storage(), name)(*args)
            except Exception as error:  # noqa: BLE001 - any storage failure: count in memory
                if self._down_since is None:
                    log.warning(
                        "Throttle storage unreachable (%s: %s): counting sign-in failures "
                        "in this process's memory until it is back",
                        type(error).__name__,
                        error,
                    )
                self._down_since = time.monotonic()
            else:
                if self._down_since is not None:
                    log.warning("Throttle storage reachable again: counting there")
                    self._down_since = None
                return result
        return getattr(self._memory, name)(*args)

    def hit(self, limit: RateLimitItem, *key: str) -> bool:
        """Count one; False when that was over the limit."""
        return self._call("hit", limit, *key)

    def test(self, limit: RateLimitItem, *key: str) -> bool:
        """True while another hit would still be within the limit."""
        return self._call("test", limit, *key)

    def used(self, limit: RateLimitItem, *key: str) -> int:
        return limit.amount - self._call("get_window_stats", limit, *key).remaining

    def reset_at(self, limit: RateLimitItem, *key: str) -> float:
        return self._call("get_window_stats", limit, *key).reset_time

    def clear(self, limit: RateLimitItem, *key: str) -> None:
        self._call("clear", limit, *key)


def install(app: Flask) -> None:
    """Give `app` its counters (in the limiter's storage, else in memory)."""
    uri = app.config.get("RATELIMIT_STORAGE_URI") or "memory://"
    app.extensions["portal_throttle"] = Counters(uri)


def counters() -> Counters:
    return current_app.extensions["portal_throttle"]


def _enabled() -> bool:
    return bool(current_app.config.get("RATELIMIT_ENABLED", True))


def _limits(name: str) -> list[RateLimitItem]:
    return parse_many(current_app.config[name])


def account_key(email: str) -> str:
    """The counters' name for an email: a digest, so Redis holds no addresses."""
    return hashlib.sha256(email.strip().lower().encode()).hexdigest()[:32]


@dataclass(frozen=True)
class Refusal:
    """Why a sign-in is not tried now, and for how long."""

    reason: str  # "account" (the account is locked) or "address" (the address is hot)
    wait: timedelta


def _wait(limits: list[RateLimitItem], *key: str) -> timedelta:
    now = time.time()
    blocked = [
        counters().reset_at(limit, *key) for limit in limits if not counters().test(limit, *key)
    ]
    return timedelta(seconds=max(1, int(max(blocked, default=now) - now)))


def _locked(account: str) -> bool:
    return not all(
        counters().test(limit, LOGIN_ACCOUNT, account) for limit in _limits("LOGIN_ACCOUNT_LIMIT")
    )


def login_refusal(email: str, address: str) -> Refusal | None:
    """None when the password may be checked; otherwise why not."""
    if not _enabled():
        return None
    account = account_key(email)
    account_limits = _limits("LOGIN_ACCOUNT_LIMIT")
    if _locked(account):
        return Refusal("account", _wait(account_limits, LOGIN_ACCOUNT, account))
    address_limits = _limits("LOGIN_ADDRESS_LIMIT")
    hot = not all(counters().test(limit, LOGIN_ADDRESS, address) for limit in address_limits)
    if hot and counters().used(account_limits[0], LOGIN_ACCOUNT, account) > 0:
        return Refusal("address", _wait(address_limits, LOGIN_ADDRESS, address))
    return None


def login_failed(email: str, address: str) -> bool:
    """Count a failed sign-in; True when it has just locked the account and its owner
    has not been told within the hour (the caller emails them)."""
    if not _enabled():
        return False
    account = account_key(email)
    for limit in _limits("LOGIN_ADDRESS_LIMIT"):
        counters().hit(limit, LOGIN_ADDRESS, address)
    for limit in _limits("LOGIN_ACCOUNT_LIMIT"):
        counters().hit(limit, LOGIN_ACCOUNT, account)
    if not _locked(account):
        return False
    return counters().hit(parse_many(LOCK_NOTICE_LIMIT)[0], LOCK_NOTICE, account)


def login_succeeded(email: str) -> None:
    """A correct password ends the account's own failure count (the address keeps its)."""
    if not _enabled():
        return
    account = account_key(email)
    for limit in _limits("LOGIN_ACCOUNT_LIMIT"):
        counters().clear(limit, LOGIN_ACCOUNT, account)


def reset_address_allowed(address: str) -> bool:
    """Count a "Quên mật khẩu" request from `address`; False when it is one too many."""
    if not _enabled():
        return True
    return all(
        [counters().hit(limit, RESET_ADDRESS, address) for limit in _limits("RESET_ADDRESS_LIMIT")]
    )


def reset_account_allowed(email: str) -> bool:
    """Count a reset email to `email`; False when the account had its share this hour.
    Counted the same for an email without an account."""
    if not _enabled():
        return True
    key = account_key(email)
    return all(
        [counters().hit(limit, RESET_ACCOUNT, key) for limit in _limits("RESET_ACCOUNT_LIMIT")]
    )
