"""Ballots and the close never race (issue 12, point 7): against one shared database (the
suite's PostgreSQL when TEST_DATABASE_URL is set, else a SQLite file), ballots cast and
changed from several threads while another thread closes the round always leave a
published tally equal to the stored ballots; a ballot that arrives after the close is
refused with a message; the same ballot POSTed twice at once answers as the first."""

from __future__ import annotations

import threading
from collections import Counter

import pytest
from sqlalchemy import event, select

from portal import create_app
from portal.consideration.models import ConsiderationRound, NominationResult, RoundStatus, Vote
from portal.extensions import db
from sampledata.probes import login
from tests.conftest import _empty_all_tables
from tests.deadlines.test_concurrency import _no_fsync, shared_database_url
from tests.factories import open_round, seat_council

TRIALS = 20
CODES = ("CSTD_CS", "TTLDXS", "BK_UBND")


@pytest.fixture
def app(tmp_path, redis_server):
    """The suite's app on a database that several connections (threads) share."""
    app = create_app(
        "testing",
        overrides={
            "SQLALCHEMY_DATABASE_URI": shared_database_url(tmp_path),
            "INSTANCE_DIR": tmp_path,
            "UPLOAD_DIR": tmp_path / "uploads",
        },
    )
    app.extensions["portal_redis"] = redis_server
    redis_server.flushdb()
    with app.app_context():
        if db.engine.dialect.name == "sqlite":
            event.listen(db.engine, "connect", _no_fsync)
        db.create_all()
        yield app
        db.session.remove()
        if db.engine.dialect.name != "sqlite":
            _empty_all_tables()
        db.engine.dispose()


def _client(app, user):
    client = app.test_client()
    login(client, user)
    client.user = user
    return client


def _post(client, url, **kwargs):
    """A POST from the test's own thread: its app context (and `g`) outlives the request,
    so the signed-in user is set again for this client."""
    login(client, client.user)
    return client.post(url, **kwargs)


def _run_at_once(jobs) -> list:
    """Run the callables in threads released together; their results (or exceptions)."""
    start = threading.Barrier(len(jobs))
    results: list = [None] * len(jobs)

    def run(index, job):
        try:
            start.wait()
            results[index] = job()
        except BaseException as exc:  # reported by the test
            results[index] = exc

    threads = [threading.Thread(target=run, args=(i, job)) for i, job in enumerate(jobs)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return results


def _ballot(round_, choices) -> dict:
    return {f"vote-{n.id}": choice for n, choice in zip(round_.nominations, choices, strict=True)}


@pytest.mark.slow
def test_ballots_cast_while_the_round_closes_equal_the_published_tally(app, world):
    council = seat_council(world)
    office = _client(app, world.office)
    voters = [_client(app, user) for user in council.users]
    patterns = (["agree", "agree", "disagree"], ["disagree", "abstain", "agree"])
    closed_first = refused_after_close = 0
    for trial in range(TRIALS):
        round_ = open_round(world, codes=CODES)
        base = f"/consideration/{round_.id}"
        # Three members have voted (the quorum); the others vote, and the first three
        # change their votes, while the Office closes the round.
        for client in voters[:3]:
            assert (
                _post(client, f"{base}/vote", data=_ballot(round_, patterns[0])).status_code == 302
            )
        url = f"{base}/vote"
        ballots = [_ballot(round_, patterns[(i + trial) % 2]) for i in range(len(voters))]
        jobs = [
            (lambda c=client, b=ballot: c.post(url, data=b))  # noqa: B023 (run in this trial)
            for client, ballot in zip(voters, ballots, strict=True)
        ]
        close_at = trial % (len(jobs) + 1)  # the close starts at a different place each time
        jobs.insert(close_at, lambda: office.post(f"{base}/close"))  # noqa: B023
        answers = _run_at_once(jobs)
        errors = [a for a in answers if isinstance(a, BaseException)]
        assert not errors, errors
        assert all(a.status_code in (200, 302) for a in answers), [a.status_code for a in answers]
        db.session.expire_all()
        round_ = db.session.get(ConsiderationRound, round_.id)
        assert round_.status == RoundStatus.CLOSED
        stored = Counter(
            db.session.execute(
                select(Vote.nomination_id, Vote.choice).where(Vote.round_id == round_.id)
            ).all()
        )
        results = db.session.scalars(
            select(NominationResult).where(
                NominationResult.nomination_id.in_([n.id for n in round_.nominations])
            )
        ).all()
        assert len(results) == len(CODES)
        for result in results:
            counted = {
                "agree": result.agree,
                "disagree": result.disagree,
                "abstain": result.abstain,
                "conflict": result.conflict,
            }
            for choice, count in counted.items():
                assert stored[(result.nomination_id, choice)] == count, (trial, choice)
            assert sum(counted.values()) + result.not_voted == result.total_members == 5
        late = [a for a in answers[:close_at] + answers[close_at + 1 :] if a.status_code == 302]
        refused = [a for a in late if a.headers["Location"].endswith(f"/consideration/{round_.id}")]
        refused_after_close += len(refused)
        closed_first += len(refused) == len(voters)
    # The scheduler decides who wins each race; over the trials both orders happen.
    assert refused_after_close > 0, "no ballot ever arrived after the close"
    assert closed_first < TRIALS


@pytest.mark.slow
def test_a_ballot_after_the_close_is_refused_with_a_message(app, world):
    council = seat_council(world)
    round_ = open_round(world, codes=CODES)
    base = f"/consideration/{round_.id}"
    voters = [_client(app, user) for user in council.users]
    for client in voters[:3]:
        _post(client, f"{base}/vote", data=_ballot(round_, ["agree"] * 3))
    assert _post(_client(app, world.office), f"{base}/close").status_code == 302
    late = _post(voters[3], f"{base}/vote", data=_ballot(round_, ["agree"] * 3))
    assert late.status_code == 302 and late.headers["Location"] == base
    with voters[3].session_transaction() as session:
        messages = [m for _category, m in session.get("_flashes", [])]
    assert any("không thể bỏ phiếu" in m for m in messages), messages
    assert db.session.scalar(select(db.func.count(Vote.id)).where(Vote.round_id == round_.id)) == 9


@pytest.mark.slow
def test_the_same_ballot_posted_twice_at_once_never_answers_500(app, world):
    council = seat_council(world)
    for trial in range(TRIALS):
        round_ = open_round(world, codes=CODES)
        base = f"/consideration/{round_.id}"
        member = council.users[trial % 5]
        clients = [_client(app, member), _client(app, member)]
        data = _ballot(round_, ["agree", "disagree", "abstain"])
        url = f"{base}/vote"
        answers = _run_at_once([lambda c=c, u=url, d=data: c.post(u, data=d) for c in clients])
        assert not [a for a in answers if isinstance(a, BaseException)], answers
        # Both answer as the first did: the ballot is recorded, back to the ballot page.
        assert [a.status_code for a in answers] == [302, 302], trial
        assert {a.headers["Location"] for a in answers} == {f"{base}/vote"}
        db.session.expire_all()
        stored = db.session.scalars(select(Vote).where(Vote.round_id == round_.id)).all()
        assert len(stored) == 3
        assert sorted(v.choice for v in stored) == ["abstain", "agree", "disagree"]
