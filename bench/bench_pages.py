"""Requests per second and latency of key pages under gunicorn, against a large demo.

    .venv/bin/python bench/bench_pages.py [--database URL] [--connections 32] [--seconds 10]
        [--runs 3]

Builds (once) a SQLite demo of 2,000 pitches and 100 judges in bench/results/pages.sqlite
unless --database names another, serves it with gunicorn (2 sync workers) on loopback,
logs a judge and the secretariat in, checks that each page answers 200 with its content
(fails loudly otherwise), then runs wrk against each page and against a bare Flask endpoint
in the same run; each page is reported as a share of that ceiling (best of --runs runs).
Needs Debian's wrk (apt-get install wrk).
"""

import argparse
import hashlib
import http.client
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
    """The demo, built once; rebuilt when the schema changed since (while pitch has no
    release, the initial migration is regenerated in place, so `db upgrade` cannot tell)."""
    schema = hashlib.sha256((ROOT / "migrations" / "versions" / "0001_initial.py").read_bytes())
    stamp = RESULTS / "pages.schema"
    sqlite_file = Path(database.removeprefix("sqlite:///"))
    if database.startswith("sqlite:///") and (
            not stamp.exists() or stamp.read_text() != schema.hexdigest()):
        sqlite_file.unlink(missing_ok=True)
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
    if database.startswith("sqlite:///"):
        stamp.write_text(schema.hexdigest())


def login(email: str, landing: str) -> str:
    """Log in through the real form and return the session cookie header; exits unless the
    login lands on ``landing`` (a wrong password shows the form again with a 200)."""
    jar = CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    page = opener.open(BASE + "/auth/login").read().decode()
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page)
    data = {"email": email, "password": "pitch-demo-2026"}
    if token:
        data["csrf_token"] = token.group(1)
    landed = opener.open(BASE + "/auth/login", urllib.parse.urlencode(data).encode())
    if urllib.parse.urlsplit(landed.url).path != landing:
        sys.exit(f"login as {email} landed on {landed.url}, not {landing}")
    return "; ".join(f"{c.name}={c.value}" for c in jar)


def check_page(path: str, cookie: str | None, marker: str, least: int) -> None:
    """Exit unless ``path`` answers 200 itself (no redirect) with ``marker`` at least
    ``least`` times: a benchmark of a login page or an error page measures nothing."""
    connection = http.client.HTTPConnection("127.0.0.1", PORT, timeout=30)
    connection.request("GET", path, headers={"Cookie": cookie} if cookie else {})
    response = connection.getresponse()
    body = response.read().decode()
    connection.close()
    found = len(re.findall(marker, body))
    if response.status != 200 or found < least:
        sys.exit(f"{path}: status {response.status}, {found} of at least {least} "
                 f"× {marker!r}; not timing it")


def wrk(path: str, cookie: str | None, connections: int, seconds: int) -> dict:
    command = ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--latency",
               "-s", str(ROOT / "bench" / "status.lua"), BASE + path]
    if cookie:
        command[1:1] = ["-H", f"Cookie: {cookie}"]
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    latency = dict(re.findall(r"\s+(50|99)%\s+([\d.]+\w+)", output))
    return {"rps": rps, "p50": latency.get("50"), "p99": latency.get("99"),
            "not_200": int(re.search(r"Not 200: (\d+)", output).group(1))}


# name, path, who is logged in, a marker the page must contain, how many times at least
PAGES = [
    ("bare Flask endpoint (ceiling)", "/bench/bare", None, r"^ok$", 1),
    ("home", "/", None, r'class="challenge-card"', 1),
    ("challenge list", "/challenges", None, r'class="challenge-card"', 1),
    ("challenge page", "/challenges/1", None, r'class="challenge-body"', 1),
    ("judge dashboard", "/judging/", "judge", r'href="/judging/rounds/\d+/pitches/\d+"', 1),
    ("results (round 1)", "/results/round/1", "admin", r'<th scope="row">', 50),
]
ACCOUNTS = {"judge": ("judge001@example.jp", "/"), "admin": ("admin@example.jp", "/")}


def wait_for_server() -> None:
    for _ in range(150):
        try:
            urllib.request.urlopen(BASE + "/bench/bare", timeout=1)
            return
        except OSError:
            time.sleep(0.2)
    sys.exit("gunicorn did not start")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--database", default=f"sqlite:///{RESULTS / 'pages.sqlite'}")
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--runs", type=int, default=3, help="runs per page; the best is shown")
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
        wait_for_server()
        cookies = {who: login(*account) for who, account in ACCOUNTS.items()}
        for _name, path, who, marker, least in PAGES:
            check_page(path, cookies.get(who), marker, least)
        rows = []
        for name, path, who, _marker, _least in PAGES:
            runs = [wrk(path, cookies.get(who), args.connections, args.seconds)
                    for _ in range(args.runs)]
            rows.append((name, path, max(runs, key=lambda run: run["rps"])))
        ceiling = rows[0][2]["rps"]
        load = ", ".join(f"{value:.1f}" for value in os.getloadavg())
        print(f"\n{args.connections} connections, best of {args.runs} runs of {args.seconds} s, "
              f"gunicorn 2 sync workers; load average after: {load}\n")
        print("| page | path | req/s | share of ceiling | p50 | p99 | not 200 |")
        print("| --- | --- | ---: | ---: | ---: | ---: | ---: |")
        for name, path, result in rows:
            print(f"| {name} | `{path}` | {result['rps']:.0f} | {result['rps'] / ceiling:.0%} "
                  f"| {result['p50']} | {result['p99']} | {result['not_200']} |")
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=10)


if __name__ == "__main__":
    main()
