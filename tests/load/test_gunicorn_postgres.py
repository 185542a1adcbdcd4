"""The app under gunicorn on PostgreSQL, as on the day: 50 judges score while 100 visitors
read, then the database restarts under load and the same gunicorn recovers by itself.

Loopback only, bounded threads and time (the whole test takes well under 90 s). Runs where
TEST_DATABASE_URL is PostgreSQL and PITCH_PG_BIN / PITCH_PG_DATA name its cluster (CI).
"""

import json
import os
import random
import re
import threading
import time
import uuid
from collections import Counter
from concurrent.futures import ThreadPoolExecutor

import psycopg
import pytest
from sqlalchemy.engine import make_url

from tests.load.client import Browser, Gunicorn, Hit, hidden_fields, restart_postgres, run_pitch

URL = os.environ.get("TEST_DATABASE_URL", "")
CLUSTER = os.environ.get("PITCH_PG_BIN") and os.environ.get("PITCH_PG_DATA")
pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(not (URL.startswith("postgresql") and CLUSTER),
                       reason="needs TEST_DATABASE_URL on PostgreSQL and PITCH_PG_BIN, "
                              "PITCH_PG_DATA naming its cluster"),
]
PASSWORD = "pitch-demo-2026"  # the demo's password for every account
VISITORS = 100
# 150 people queue on 4 workers: a wait of many seconds is load, not a hang. The load takes
# about 17 s on a quiet two-core machine; the deadline only bounds a machine shared with others.
REQUEST_TIMEOUT = 60
LOAD_DEADLINE = 180
CHALLENGE_LINK = re.compile(r'href="/challenges/(\d+)"')


def _connect(url) -> psycopg.Connection:
    return psycopg.connect(host=url.host, port=url.port or 5432, user=url.username,
                           password=url.password or None, dbname=url.database, autocommit=True)


@pytest.fixture(scope="module")
def load_db():
    """A database of its own on the test server, dropped at the end."""
    server = make_url(URL)
    name = f"pitch_load_{uuid.uuid4().hex[:10]}"
    with _connect(server.set(database="postgres")) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield server.set(database=name)
    finally:
        with _connect(server.set(database="postgres")) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(scope="module")
def server(load_db, tmp_path_factory):
    folder = tmp_path_factory.mktemp("load")
    env = dict(os.environ, DATABASE_URL=load_db.render_as_string(hide_password=False),
               SECRET_KEY="load-test-secret", RATELIMIT_ENABLED="0", PITCH_ENV="development",
               UPLOAD_FOLDER=str(folder / "uploads"))
    run_pitch(env, "db", "upgrade")
    run_pitch(env, "demo", "--pitches", "100", "--judges", "50", "--judges-per-pitch", "5",
              "--no-scores", "--seed", "3")
    gunicorn = Gunicorn(env, workers=4, log_path=folder / "gunicorn.log")
    try:
        gunicorn.wait_ready()
        yield gunicorn, env, load_db
    finally:
        gunicorn.stop()


def _round_facts(db) -> tuple[int, int, dict, list]:
    """The open round, its contest, its criteria by key, and its (judge e-mail, judge, pitch)."""
    round_id, contest_id = db.execute(
        "SELECT id, contest_id FROM round WHERE state = 'open' ORDER BY id").fetchone()
    criteria = {key: (cid, low, high, weight) for cid, key, low, high, weight in db.execute(
        "SELECT id, key, min_score, max_score, weight FROM criterion WHERE round_id = %s",
        (round_id,))}
    assignments = db.execute(
        'SELECT u.email, a.judge_id, a.pitch_id FROM assignment a JOIN "user" u '
        "ON u.id = a.judge_id WHERE a.round_id = %s ORDER BY a.judge_id, a.pitch_id",
        (round_id,)).fetchall()
    return round_id, contest_id, criteria, assignments


def _log_in(browser: Browser, email: str) -> None:
    page = browser.get("/auth/login")
    token = hidden_fields(page.body)["csrf_token"]
    answer = browser.post("/auth/login", {"csrf_token": token, "email": email,
                                          "password": PASSWORD})
    assert answer.status == 302, f"login of {email} answered {answer.status}"


def _score(browser: Browser, round_id: int, pitch_id: int, values: dict) -> Hit:
    """Open the scorecard, then submit it through its form with the page's hidden fields."""
    path = f"/judging/rounds/{round_id}/pitches/{pitch_id}"
    page = browser.get(path)
    if page.status != 200:
        return page
    form = hidden_fields(page.body) | {f"score-{key}": str(v) for key, v in values.items()}
    form |= {"comment": f"load {pitch_id}", "feedback": "", "action": "submit"}
    return browser.post(path, form)


def _judge(port: int, deadline: float, email: str, round_id: int, pitches: list[int],
           criteria: dict, sent: dict) -> list[Hit]:
    browser = Browser(port, timeout=REQUEST_TIMEOUT, deadline=deadline)
    _log_in(browser, email)
    rng = random.Random(email)
    for pitch_id in pitches:
        values = {key: rng.randint(low, high) for key, (_, low, high, _) in criteria.items()}
        answer = _score(browser, round_id, pitch_id, values)
        assert answer.status == 302, f"{email} pitch {pitch_id}: {answer.status}"
        sent[(email, pitch_id)] = values
    browser.get("/judging/")
    return browser.hits


def _visitor(port: int, deadline: float, number: int, contest_id: int) -> list[Hit]:
    browser = Browser(port, timeout=REQUEST_TIMEOUT, deadline=deadline)
    browser.get("/")
    listing = browser.get("/challenges")
    ids = sorted(set(CHALLENGE_LINK.findall(listing.body)))
    for challenge_id in random.Random(number).sample(ids, min(2, len(ids))):
        browser.get(f"/challenges/{challenge_id}")
    browser.get(f"/contests/{contest_id}")
    return browser.hits


def _judge_total(lines: list[tuple[float, int, int, int]]) -> float:
    """T_jp from DESIGN.md, by hand: lines of (weight, min, max, score)."""
    weights = sum(weight for weight, *_ in lines)
    return 100 * sum(w * (s - lo) / (hi - lo) for w, lo, hi, s in lines) / weights


def test_judges_and_visitors_at_once_then_a_database_restart(server):
    gunicorn, env, url = server
    with _connect(url) as db:
        round_id, contest_id, criteria, assignments = _round_facts(db)
    by_judge: dict[str, list[int]] = {}
    for email, _, pitch_id in assignments:
        by_judge.setdefault(email, []).append(pitch_id)
    assert len(by_judge) == 50 and len(assignments) == 500

    sent: dict[tuple[str, int], dict] = {}
    started = time.monotonic()
    deadline = started + LOAD_DEADLINE
    with ThreadPoolExecutor(max_workers=len(by_judge) + VISITORS) as pool:
        judges = [pool.submit(_judge, gunicorn.port, deadline, email, round_id, pitches,
                              criteria, sent) for email, pitches in by_judge.items()]
        visitors = [pool.submit(_visitor, gunicorn.port, deadline, n, contest_id)
                    for n in range(VISITORS)]
        hits = [hit for job in judges + visitors for hit in job.result()]
    elapsed = time.monotonic() - started
    print(f"{len(hits)} requests in {elapsed:.1f} s")
    failed = [(h.method, h.path, h.status, h.error) for h in hits if not 200 <= h.status < 400]
    assert not failed, failed[:10]
    assert len(sent) == 500
    assert any(h.path.startswith("/challenges/") and h.status == 200 for h in hits)

    _check_stored_scores(url, round_id, criteria, assignments, sent)
    _check_results(env, url, round_id)
    _restart_database_under_load(gunicorn, round_id, contest_id, assignments, criteria, url)


def _check_stored_scores(url, round_id, criteria, assignments, sent) -> None:
    """Exactly one submitted scorecard per assignment, carrying the scores that were sent."""
    key_of = {cid: key for key, (cid, *_) in criteria.items()}
    email_of = {judge: email for email, judge, _ in assignments}
    with _connect(url) as db:
        cards = db.execute("SELECT judge_id, pitch_id, status FROM scorecard WHERE round_id = %s",
                           (round_id,)).fetchall()
        lines = db.execute(
            "SELECT s.judge_id, s.pitch_id, l.criterion_id, l.score FROM score_line l "
            "JOIN scorecard s ON s.id = l.scorecard_id WHERE s.round_id = %s",
            (round_id,)).fetchall()
    assert sorted((j, p) for j, p, _ in cards) == sorted((j, p) for _, j, p in assignments)
    assert {status for *_, status in cards} == {"submitted"}
    stored: dict[tuple[str, int], dict] = {}
    for judge, pitch, criterion, score in lines:
        row = stored.setdefault((email_of[judge], pitch), {})
        assert key_of[criterion] not in row, "a doubled score line"
        row[key_of[criterion]] = score
    assert stored == sent


def _check_results(env, url, round_id) -> None:
    """`pitch results` equals the mean of T_jp computed here from the stored lines."""
    exported = json.loads(run_pitch(env, "results", "--round", str(round_id), "--format", "json",
                                    "--method", "mean"))
    with _connect(url) as db:
        rows = db.execute(
            "SELECT s.judge_id, s.pitch_id, c.weight, c.min_score, c.max_score, l.score "
            "FROM score_line l JOIN scorecard s ON s.id = l.scorecard_id "
            "JOIN criterion c ON c.id = l.criterion_id "
            "WHERE s.round_id = %s AND s.status = 'submitted'", (round_id,)).fetchall()
    by_card: dict[tuple[int, int], list] = {}
    for judge, pitch, weight, low, high, score in rows:
        by_card.setdefault((judge, pitch), []).append((weight, low, high, score))
    totals: dict[int, list[float]] = {}
    for (_, pitch), lines in by_card.items():
        totals.setdefault(pitch, []).append(_judge_total(lines))
    expected = {pitch: sum(values) / len(values) for pitch, values in totals.items()}
    got = {row["pitch_id"]: row for row in exported["pitches"]}
    assert set(got) == set(expected)
    for pitch, mean in expected.items():
        assert got[pitch]["mean"] == pytest.approx(mean, abs=1e-9)
        assert got[pitch]["judges"] == len(totals[pitch]) == 5
        higher = sum(1 for other in expected.values() if round(other, 6) > round(mean, 6))
        assert got[pitch]["rank"] == higher + 1


def _keep_asking(browser: Browser, paths: list[str], stop: threading.Event) -> None:
    while not stop.is_set():
        for path in paths:
            browser.get(path)


def _restart_database_under_load(gunicorn, round_id, contest_id, assignments, criteria,
                                 url) -> None:
    """Requests fail cleanly only while the server is down; then the same workers recover."""
    email, _, pitch_id = assignments[0]
    judge = Browser(gunicorn.port, timeout=10)
    _log_in(judge, email)
    visitors = [Browser(gunicorn.port, timeout=10) for _ in range(6)]
    stop = threading.Event()
    threads = [threading.Thread(target=_keep_asking, args=(b, ["/", "/challenges"], stop))
               for b in visitors]
    threads.append(threading.Thread(target=_keep_asking,
                                    args=(judge, ["/judging/", f"/contests/{contest_id}"], stop)))
    for thread in threads:
        thread.start()
    time.sleep(1.0)
    down = time.monotonic()
    restart_postgres()
    up = time.monotonic()
    time.sleep(2.0)
    stop.set()
    for thread in threads:
        thread.join(30)
    hits = [hit for browser in [*visitors, judge] for hit in browser.hits]
    judge.hits.clear()

    assert not any(thread.is_alive() for thread in threads), "a request hung"
    assert any(down <= hit.started <= up for hit in hits), "no request met the outage"
    assert max(hit.ended - hit.started for hit in hits) < 10, "a request hung"
    failed = [hit for hit in hits if hit.status == 0 or hit.status >= 500]
    print(f"restart took {up - down:.1f} s; {len(hits)} requests, failed:",
          sorted(Counter(hit.status or hit.error[:40] for hit in failed).items()))
    print(*{hit.body[:300] for hit in failed if hit.status}, sep="\n")
    # A failure is acceptable only for a request that overlapped the outage (with a second
    # for the workers' first reconnection), and never shows a traceback.
    late = [(h.path, h.status, h.error, round(h.started - up, 2)) for h in failed
            if h.ended < down or h.started > up + 1.0]
    assert not late, late
    assert not [h for h in failed if "Traceback" in h.body]
    assert all(hit.status == 200 for hit in hits if hit.started > up + 1.0)

    # The same gunicorn, never restarted, serves pages and takes a changed scorecard.
    assert gunicorn.process.poll() is None
    for path in ("/", "/challenges", f"/contests/{contest_id}", "/judging/"):
        assert judge.get(path).status == 200, path
    values = {key: low for key, (_, low, _, _) in criteria.items()}
    assert _score(judge, round_id, pitch_id, values).status == 302
    with _connect(url) as db:
        stored = dict(db.execute(
            "SELECT c.key, l.score FROM score_line l JOIN scorecard s ON s.id = l.scorecard_id "
            'JOIN criterion c ON c.id = l.criterion_id JOIN "user" u ON u.id = s.judge_id '
            "WHERE s.round_id = %s AND s.pitch_id = %s AND u.email = %s",
            (round_id, pitch_id, email)).fetchall())
    assert stored == values
