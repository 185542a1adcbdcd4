"""A small loopback HTTP client and a gunicorn runner for the load and fault tests.

Plain http.client, one connection per request (gunicorn's sync workers close it anyway), a
cookie jar per simulated person, redirects not followed so each status is seen as sent.
"""

import html
import http.client
import os
import re
import socket
import subprocess
import sys
import time
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
_HIDDEN = re.compile(r"<input\b[^>]*\bname=\"(csrf_token|version)\"[^>]*>")
_VALUE = re.compile(r"\bvalue=\"([^\"]*)\"")


@dataclass
class Hit:
    """One request: what was asked, when, and what came back (status 0: no response)."""

    method: str
    path: str
    started: float
    ended: float
    status: int
    error: str = ""
    body: str = ""


@dataclass
class Browser:
    port: int
    timeout: float = 15.0
    deadline: float = float("inf")  # time.monotonic() after which no request is sent
    cookies: dict[str, str] = field(default_factory=dict)
    hits: list[Hit] = field(default_factory=list)

    def request(self, method: str, path: str, form: dict | None = None) -> Hit:
        if time.monotonic() > self.deadline:
            raise TimeoutError(f"out of time before {method} {path}")
        headers = {"Accept-Language": "ja"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if form is not None:
            body = urlencode(form).encode()
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        started = time.monotonic()
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=self.timeout)
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            text = response.read().decode("utf-8", "replace")
            for header in response.headers.get_all("Set-Cookie") or []:
                for name, morsel in SimpleCookie(header).items():
                    self.cookies[name] = morsel.value
            hit = Hit(method, path, started, time.monotonic(), response.status, body=text)
        except (OSError, http.client.HTTPException) as error:
            hit = Hit(method, path, started, time.monotonic(), 0, error=repr(error))
        finally:
            connection.close()
        self.hits.append(hit)
        return hit

    def get(self, path: str) -> Hit:
        return self.request("GET", path)

    def post(self, path: str, form: dict) -> Hit:
        return self.request("POST", path, form)


def hidden_fields(page: str) -> dict[str, str]:
    """The csrf_token and version hidden inputs of a page's form."""
    fields = {}
    for tag in _HIDDEN.finditer(page):
        value = _VALUE.search(tag.group(0))
        fields[tag.group(1)] = html.unescape(value.group(1)) if value else ""
    return fields


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def run_pitch(env: dict, *args: str, timeout: float = 120) -> str:
    done = subprocess.run([str(BIN / "pitch"), *args], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=timeout)
    assert done.returncode == 0, f"pitch {' '.join(args)} failed:\n{done.stdout}\n{done.stderr}"
    return done.stdout


class Gunicorn:
    """gunicorn serving create_app() on a free loopback port, with sync workers."""

    def __init__(self, env: dict, workers: int, log_path: Path) -> None:
        self.port = free_port()
        self.log = open(log_path, "w")  # noqa: SIM115  (closed in stop)
        self.process = subprocess.Popen(
            [str(BIN / "gunicorn"), "-w", str(workers), "-b", f"127.0.0.1:{self.port}",
             "--timeout", "20", "pitch:create_app()"],
            cwd=ROOT, env=env, stdout=self.log, stderr=subprocess.STDOUT)

    def wait_ready(self, seconds: float = 60) -> None:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            assert self.process.poll() is None, "gunicorn exited early; see its log"
            if Browser(self.port, timeout=5).get("/healthz").status == 200:
                return
            time.sleep(0.2)
        raise AssertionError("gunicorn did not answer /healthz in time")

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.log.close()


def restart_postgres() -> None:
    """Restart the test cluster (fast: sessions are cut), as the postgres user under root (CI).

    The server's output goes to pg.log beside its data directory, where .ci/run starts it:
    restart keeps the server's options but not its log, and a server left writing to our pipe
    would keep this call waiting for ever.
    """
    data = os.environ["PITCH_PG_DATA"].rstrip("/")
    command = [os.path.join(os.environ["PITCH_PG_BIN"], "pg_ctl"), "-D", data, "-l",
               os.path.join(os.path.dirname(data), "pg.log"), "-m", "fast", "-w", "restart"]
    if os.geteuid() == 0:
        command = ["runuser", "-u", "postgres", "--", *command]
    subprocess.run(command, check=True, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL, timeout=60)
