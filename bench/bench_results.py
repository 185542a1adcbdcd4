"""Time `pitch results` on a round of 10,000 pitches x 10 judges x 6 criteria (600,000 lines).

Run from the repository root:

    .venv/bin/python bench/bench_results.py [--pitches N] [--repeat N] [--keep FILE]

It builds the round in a fresh SQLite file with bulk inserts (fixed seed, so every run measures
the same work), then times, best of ``--repeat``: the whole command as a user runs it (a new
process: Python start, imports, app, queries, aggregation, CSV out), the same command inside
one process (no start-up), the loading queries alone, the aggregation alone, and the
secretariat's ranking page (50 rows of the 10,000, every method's rank, charts, judges).
"""

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import numpy as np
from werkzeug.security import generate_password_hash

from pitch import create_app
from pitch.domain.scoring import aggregate
from pitch.extensions import db
from pitch.models import (
    Assignment,
    Bureau,
    Challenge,
    Contest,
    Criterion,
    Pitch,
    Round,
    RoundEntry,
    Scorecard,
    ScoreLine,
    Startup,
    User,
)
from pitch.results.loader import assigned_counts, round_pitches, score_lines

CRITERIA = ("novelty", "feasibility", "impact", "fit", "team", "cost")
JUDGES = 100
ADMIN, PASSWORD = "admin@example.jp", "bench-password"


def build(path: Path, pitches: int, judges_per_pitch: int, seed: int = 7) -> int:
    """Fill an empty SQLite file with one contest whose round 1 is scored; return its id."""
    app = create_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{path}", "SECRET_KEY": "bench"})
    rng = np.random.default_rng(seed)
    now = datetime.now(UTC)
    with app.app_context():
        db.create_all()
        connection = db.session.connection()
        insert = lambda model, rows: connection.execute(db.insert(model), rows)  # noqa: E731
        insert(Bureau, [{"id": 1, "code": "bench", "name_ja": "局", "name_en": "Bureau"}])
        insert(Contest, [{"id": 1, "title_ja": "ベンチ", "title_en": "Bench", "state": "final",
                          "method": "mean", "created_at": now}])
        insert(Round, [{"id": 1, "contest_id": 1, "number": 1, "kind": "screening",
                        "name_ja": "書類審査", "name_en": "Screening", "state": "closed"}])
        insert(Criterion, [{"id": i + 1, "round_id": 1, "key": key, "position": i,
                            "label_ja": key, "label_en": key, "weight": 1.0 + (i == 0),
                            "min_score": 1, "max_score": 5} for i, key in enumerate(CRITERIA)])
        insert(User, [{"id": j, "email": f"judge{j}@example.jp", "name": f"Judge {j}",
                       "password_hash": "-", "role": "expert", "created_at": now,
                       "updated_at": now} for j in range(1, JUDGES + 1)]
               + [{"id": JUDGES + 1, "email": ADMIN, "name": "Admin", "role": "admin",
                   "password_hash": generate_password_hash(PASSWORD), "created_at": now,
                   "updated_at": now}])
        insert(Challenge, [{"id": 1, "contest_id": 1, "bureau_id": 1, "status": "published",
                            "title": "課題", "created_at": now, "updated_at": now}])
        ids = range(1, pitches + 1)
        insert(Startup, [{"id": p, "name": f"Startup {p}", "created_at": now} for p in ids])
        insert(Pitch, [{"id": p, "challenge_id": 1, "startup_id": p, "status": "submitted",
                        "title": f"Pitch {p}", "created_at": now, "updated_at": now}
                       for p in ids])
        insert(RoundEntry, [{"round_id": 1, "pitch_id": p, "position": p} for p in ids])
        # Judge k of pitch p is (p + k·step) mod 100: every judge gets the same load.
        pairs = [(1 + (p + k * 7) % JUDGES, p) for p in ids for k in range(judges_per_pitch)]
        insert(Assignment, [{"round_id": 1, "judge_id": j, "pitch_id": p, "created_at": now}
                            for j, p in pairs])
        quality = rng.normal(0, 1, pitches + 1)
        harshness = rng.normal(0, 0.5, JUDGES + 1)
        draft = rng.random(len(pairs)) < 0.02
        insert(Scorecard, [{"id": n, "round_id": 1, "judge_id": j, "pitch_id": p,
                            "status": "draft" if draft[n - 1] else "submitted",
                            "updated_at": now, "version": 1}
                           for n, (j, p) in enumerate(pairs, start=1)])
        noise = rng.normal(0, 0.7, (len(pairs), len(CRITERIA)))
        scores = np.clip(np.rint(3 + quality[[p for _, p in pairs]][:, None]
                                 - harshness[[j for j, _ in pairs]][:, None] + noise), 1, 5)
        insert(ScoreLine, [{"scorecard_id": n + 1, "criterion_id": c + 1,
                            "score": int(scores[n, c])}
                           for n in range(len(pairs)) for c in range(len(CRITERIA))])
        db.session.commit()
    return 1


def _cpu() -> float:
    """CPU seconds of this process and its finished children: on a busy machine the wall
    clock measures the neighbours as much as the code, the CPU time much less so."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(
        resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def best_of(repeat: int, run: Callable[[], object]) -> tuple[float, float]:
    """The best wall time and the best CPU time of ``repeat`` runs, in seconds."""
    walls, cpus = [], []
    for _ in range(repeat):
        wall, cpu = time.perf_counter(), _cpu()
        run()
        walls.append(time.perf_counter() - wall)
        cpus.append(_cpu() - cpu)
    return min(walls), min(cpus)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pitches", type=int, default=10_000)
    parser.add_argument("--judges-per-pitch", type=int, default=10)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--keep", type=Path,
                        help="build the database here and keep it; reuse it if it exists")
    options = parser.parse_args()

    folder = tempfile.TemporaryDirectory()
    path = options.keep or Path(folder.name) / "bench.sqlite"
    round_id = 1
    if path.exists():
        print(f"reusing {path}; best of {options.repeat}:")
    else:
        start = time.perf_counter()
        round_id = build(path, options.pitches, options.judges_per_pitch)
        print(f"built {options.pitches:,} pitches x {options.judges_per_pitch} judges x "
              f"{len(CRITERIA)} criteria = {options.pitches * options.judges_per_pitch * 6:,} "
              f"score lines in {time.perf_counter() - start:.1f} s; best of {options.repeat}:")

    url = f"sqlite:///{path}"
    command = [str(Path(sys.executable).parent / "pitch"), "results", "--round", str(round_id)]
    environment = {**os.environ, "DATABASE_URL": url, "SECRET_KEY": "bench"}
    settings = {"SQLALCHEMY_DATABASE_URI": url, "SECRET_KEY": "bench",
                "WTF_CSRF_ENABLED": False, "RATELIMIT_ENABLED": False}
    # Caches of size 0 keep nothing: every run aggregates and renders, as a changed round does.
    app = create_app({**settings, "ROUNDS_CACHE_SIZE": 0, "PAGES_CACHE_SIZE": 0,
                      "PERSONAL_CACHE_SIZE": 0})
    runner = app.test_cli_runner()
    client = app.test_client()
    client.post("/auth/login", data={"email": ADMIN, "password": PASSWORD})
    cached = create_app(settings).test_client()
    cached.post("/auth/login", data={"email": ADMIN, "password": PASSWORD})
    with app.app_context():
        round_ = db.session.get(Round, round_id)
        lines = score_lines(round_, submitted_only=True)
        pitch_ids, assigned = round_pitches(round_id).index, assigned_counts(round_id)

        def load():
            db.session.expire_all()
            return score_lines(round_, submitted_only=True), round_pitches(round_id)

        def in_process():
            result = runner.invoke(args=["results", "--round", str(round_id)])
            assert result.exit_code == 0, result.output

        def get(url, through=client):
            response = through.get(url)
            assert response.status_code == 200, response.status_code

        figures = {
            "pitch results, new process (end to end)": lambda: subprocess.run(
                command, env=environment, check=True, stdout=subprocess.DEVNULL),
            "pitch results, inside one process": in_process,
            "  loading queries (lines, pitches)": load,
            "  aggregation alone (z_mean)": lambda: aggregate(lines, pitch_ids, assigned,
                                                              "z_mean"),
            "ranking page, first page": lambda: get(f"/results/round/{round_id}"),
            "ranking page, page 150 of 200": lambda: get(f"/results/round/{round_id}?page=150"),
            "ranking page, unchanged round (cached)": lambda: get(f"/results/round/{round_id}",
                                                                  cached),
        }
        print(f"{'':<42} {'wall':>8} {'CPU':>8}")
        for label, run in figures.items():
            wall, cpu = best_of(options.repeat, run)
            print(f"{label:<42} {wall * 1000:5.0f} ms {cpu * 1000:5.0f} ms")


if __name__ == "__main__":
    main()
