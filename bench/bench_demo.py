"""Time `pitch demo` at scale, and the score-sheet commands on what it builds.

Run from the repository root:

    .venv/bin/python bench/bench_demo.py [--pitches N] [--judges N] [--judges-per-pitch K]
                                         [--sheet-rows N] [--keep DIR]

Each command runs as a user runs it, a new process on a fresh SQLite file (schema by
`pitch db upgrade`, not timed):

1. `pitch demo --pitches 10000 --judges 100 --judges-per-pitch 10` (the issue's benchmark
   fixture: 100,000 assignments and submitted scorecards, 600,000 score lines);
2. `pitch rounds` and `pitch score-sheet --round 1` (the whole round, 100,000 rows) on it;
3. `pitch demo ... --no-scores` on a second file, then `pitch import-scores` of a filled
   sheet of `--sheet-rows` rows (10,000), then the same file again with changed scores (every
   row replaces a submitted scorecard and adds an audit entry).
"""

import argparse
import csv
import io
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PITCH = str(Path(sys.executable).parent / "pitch")


class Timing:
    """Wall-clock and CPU seconds of a child process: on a shared machine the wall clock
    also counts the time other jobs held the CPU."""

    def __init__(self, wall: float, cpu: float) -> None:
        self.wall, self.cpu = wall, cpu

    def __str__(self) -> str:
        return f"{self.wall:.1f} s wall, {self.cpu:.1f} s CPU"


def run(database: Path, *args: str) -> tuple[Timing, str]:
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{database}"}
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run([PITCH, *args], env=env, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        sys.exit(f"pitch {' '.join(args)} failed:\n{done.stdout}\n{done.stderr}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return Timing(elapsed, cpu), done.stdout


def fresh(directory: Path, name: str) -> Path:
    database = directory / name
    database.unlink(missing_ok=True)
    run(database, "db", "upgrade")
    return database


def filled_sheet(blank: str, rows: int, score: int) -> str:
    table = list(csv.reader(io.StringIO(blank)))
    header, body = table[0], table[1:rows + 1]
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    for row in body:
        writer.writerow([row[0], row[1], *[score] * (len(header) - 3), "bench"])
    return out.getvalue()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pitches", type=int, default=10_000)
    parser.add_argument("--judges", type=int, default=100)
    parser.add_argument("--judges-per-pitch", type=int, default=10)
    parser.add_argument("--sheet-rows", type=int, default=10_000)
    parser.add_argument("--keep", type=Path, help="Keep the databases and sheets here.")
    args = parser.parse_args()
    directory = args.keep or Path(tempfile.mkdtemp(prefix="pitch-bench-"))
    directory.mkdir(parents=True, exist_ok=True)
    size = ["--pitches", str(args.pitches), "--judges", str(args.judges),
            "--judges-per-pitch", str(args.judges_per_pitch)]

    scored = fresh(directory, "demo.sqlite")
    timing, _ = run(scored, "demo", *size)
    print(f"pitch demo {' '.join(size)}: {timing}")
    timing, _ = run(scored, "--help")
    print(f"pitch --help (start-up alone): {timing}")
    timing, rounds = run(scored, "rounds")
    print(f"pitch rounds: {timing}")
    round_id = rounds.splitlines()[1].split(",")[0]
    timing, blank = run(scored, "score-sheet", "--round", round_id)
    print(f"pitch score-sheet --round {round_id}: {timing}, {blank.count(chr(10)) - 1} rows")

    open_round = fresh(directory, "demo-no-scores.sqlite")
    timing, _ = run(open_round, "demo", *size, "--no-scores")
    print(f"pitch demo ... --no-scores: {timing}")
    for label, score in (("import-scores", 3), ("import-scores again, every row replaced", 4)):
        sheet = directory / f"sheet-{score}.csv"
        sheet.write_text(filled_sheet(blank, args.sheet_rows, score), encoding="utf-8")
        timing, output = run(open_round, "import-scores", "--round", round_id, str(sheet))
        print(f"pitch {label} ({args.sheet_rows} rows): {timing} — {output.strip()}")


if __name__ == "__main__":
    main()
