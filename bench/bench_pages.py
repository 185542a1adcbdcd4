"""Requests per second and latency of key pages under gunicorn, against a large demo.

    .venv/bin/python bench/bench_pages.py [--database URL] [--connections 32] [--seconds 10]

Builds (once) a SQLite demo of 2,000 pitches and 100 judges in bench/results/pages.sqlite
unless --database names another, serves it with gunicorn (2 sync workers) on loopback,
logs a judge and the secretariat in, then runs wrk against each page and against a bare
Flask endpoint in the same run; each page is reported as a share of that ceiling.
Needs Debian's wrk (apt-get install wrk).
"""

import argparse
import os
import re
import shutil
import signal
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from http.cookiejar import CookieJar
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
PORT = 8765
BASE = f"http://127.0.0.1:{PORT}"


def _env(database: str) -> dict:
    return dict(os.environ, DATABASE_URL=database, PITCH_ENV="development",
                SECRET_KEY="bench-secret", RATELIMIT_ENABLED="0")


def build_database(database: str) -> None:
    env = _env(database)
    pitch = str(ROOT / ".venv" / "bin" / "pitch")
    subprocess.run([pitch, "db", "upgrade"], env=env, check=True, capture_output=True)
    has_users = subprocess.run([pitch, "rounds"], env=env, capture_output=True, text=True)
    if has_users.returncode == 0 and len(has_users.stdout.strip().splitlines()) > 1:
        return
    started = time.perf_counter()
    subprocess.run([pitch, "demo", "--pitches", "2000", "--judges", "100",
                    "--judges-per-pitch", "5", "--seed", "7"], env=env, check=True,
                   capture_output=True)
    print(f"demo built in {time.perf_counter() - started:.1f} s")


def login(email: str) -> str:
    """Log in through the real form and return the session cookie header."""
    jar = CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    page = opener.open(BASE + "/auth/login").read().decode()
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page)
    data = {"email": email, "password": "pitch-demo-2026"}
    if token:
        data["csrf_token"] = token.group(1)
    opener.open(BASE + "/auth/login", urllib.parse.urlencode(data).encode())
    return "; ".join(f"{c.name}={c.value}" for c in jar)


def wrk(path: str, cookie: str | None, connections: int, seconds: int) -> dict:
    command = ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--latency", BASE + path]
    if cookie:
        command[1:1] = ["-H", f"Cookie: {cookie}"]
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    latency = dict(re.findall(r"\s+(50|99)%\s+([\d.]+\w+)", output))
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    return {"rps": rps, "p50": latency.get("50"), "p99": latency.get("99"),
            "non_2xx": int(errors.group(1)) if errors else 0}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--database", default=f"sqlite:///{RESULTS / 'pages.sqlite'}")
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--seconds", type=int, default=10)
    args = parser.parse_args()
    if not shutil.which("wrk"):
        sys.exit("wrk is missing: apt-get install wrk")
    RESULTS.mkdir(parents=True, exist_ok=True)
    build_database(args.database)
    server = subprocess.Popen(
        [str(ROOT / ".venv" / "bin" / "gunicorn"), "-w", "2", "-b", f"127.0.0.1:{PORT}",
         "--chdir", str(ROOT), "bench.bench_app:create_bench_app()"],
        env=_env(args.database), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(BASE + "/bench/bare", timeout=1)
                break
            except OSError:
                time.sleep(0.2)
        judge, admin = login("judge01@example.jp"), login("admin@example.jp")
        pages = [
            ("bare Flask endpoint (ceiling)", "/bench/bare", None),
            ("home", "/", None),
            ("challenge list", "/challenges", None),
            ("challenge page", "/challenges/1", None),
            ("judge dashboard", "/judging/", judge),
            ("results (round 1)", "/results/round/1", admin),
        ]
        rows = []
        for name, path, cookie in pages:
            rows.append((name, path, wrk(path, cookie, args.connections, args.seconds)))
        ceiling = rows[0][2]["rps"]
        print(f"\n{args.connections} connections, {args.seconds} s each, gunicorn 2 sync workers\n")
        print("| page | path | req/s | share of ceiling | p50 | p99 | non-2xx |")
        print("| --- | --- | ---: | ---: | ---: | ---: | ---: |")
        for name, path, result in rows:
            print(f"| {name} | `{path}` | {result['rps']:.0f} | {result['rps'] / ceiling:.0%} "
                  f"| {result['p50']} | {result['p99']} | {result['non_2xx']} |")
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=10)


if __name__ == "__main__":
    main()
