"""`make prod-test`: production as a topology on this machine, broken on purpose.

Starts what deploy/ and the README's production section describe, each as its own process:
nginx with deploy/nginx-estafette.conf (ports, paths and a self-signed certificate filled in,
checked with `nginx -t`), two app servers started with the README's granian command, PostgreSQL
(a database of its own, migrated), its own Redis with deploy/redis.conf, the mail worker
(`send_outbox --loop`) and a fake SMTP server that can refuse. The systemd units are checked
with `systemd-analyze verify` when it exists.

Then visitors sign up as browsers do (the form first, its CSRF cookie and form-start token, the
minimum fill-in time, each visitor from its own loopback address):

1. the burst: BURST visitors open the form at once and send it at once (issue 10, finding 4);
2. the faults: waves of visitors while SMTP refuses (421, then 451) and accepts again, one app
   server is killed (SIGKILL, its whole process group) and restarted, a worker of the other app
   server is killed (granian respawns it), Redis is stopped and started. A visitor whose request
   failed sends the form once more, as people do.

It prints requests, 5xx, lost sign-ups (accepted over HTTP, not in the database), duplicated
sign-ups, mails delivered and duplicated, latencies, and exits non-zero when a target is missed:
0 lost, 0 duplicated, every mail delivered exactly once, 5xx only for requests that were in
flight on a killed server (nginx's log says which server answered), no other error.
"""

import asyncio
import contextlib
import email
import email.header
import json
import os
import re
import secrets
import shlex
import shutil
import signal
import socket
import ssl
import subprocess
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import psycopg
from aiosmtpd.controller import Controller

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
VAR = ROOT / "var" / "prodtest"
PG_SERVER = os.environ.get("PROD_TEST_POSTGRES", "postgres://postgres@127.0.0.1:5432")
DB = "estafette_prodtest"
TEMPLATE_DB = "estafette_prodtest_template"  # migrated once, copied for every run
BURST = int(os.environ.get("PROD_TEST_BURST", "500"))
WAVES = int(os.environ.get("PROD_TEST_WAVES", "4"))  # at least; more until the faults end
WAVE_SIZE = int(os.environ.get("PROD_TEST_WAVE_SIZE", "20"))
WAVE_GAP = 2.5  # seconds between waves
CAPACITY = 100  # places of the activity: the burst alone asks five times as many
MIN_SECONDS = 3  # SIGNUP_MIN_SECONDS's default: visitors take at least this long
HOST = "localhost"
MAIL_DRAIN_SECONDS = 120


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", flush=True)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


# --- The README is the single source of the production commands ---------------------------


def readme_production() -> dict:
    """The production section's commands: the set-up steps, the app server and the worker."""
    text = (ROOT / "README.md").read_text()
    steps = re.search(r"`(python manage\.py collectstatic[^`]*)`", text)
    app = re.search(r"```sh\n(granian [^`]*?)\n```", text)
    worker = re.search(r"`(python manage\.py send_outbox --loop)`", text)
    if not (steps and app and worker):
        sys.exit("README.md: the production section's commands were not found")
    return {
        "steps": [shlex.split(step) for step in steps.group(1).split("&&")],
        "app": shlex.split(app.group(1).replace("\\\n", " ")),
        "worker": shlex.split(worker.group(1)),
    }


def local(args: list[str]) -> list[str]:
    """`python` and `granian` from this virtualenv."""
    if args[0] in {"python", "granian"}:
        return [str(sys.executable if args[0] == "python" else BIN / args[0]), *args[1:]]
    return args


def app_command(readme: dict, port: int) -> list[str]:
    args = list(readme["app"])
    args[args.index("--port") + 1] = str(port)  # the unit's %i
    return local(args)


# --- Processes ----------------------------------------------------------------------------


class Process:
    """One started process in its own process group (as systemd's cgroup): killed as a whole."""

    def __init__(self, name: str, args: list[str], env: dict):
        self.name, self.args, self.env = name, args, env
        self.popen: subprocess.Popen | None = None
        self.log_path = VAR / f"{name}.log"

    def start(self) -> "Process":
        with self.log_path.open("ab") as out:
            self.popen = subprocess.Popen(
                self.args,
                cwd=ROOT,
                env=self.env,
                stdout=out,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        return self

    @property
    def running(self) -> bool:
        return self.popen is not None and self.popen.poll() is None

    def signal_group(self, signum: int) -> None:
        if self.popen is not None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.popen.pid, signum)

    def stop(self, timeout: float = 15) -> None:
        if self.popen is None:
            return
        if self.popen.poll() is None:
            self.signal_group(signal.SIGTERM)
            try:
                self.popen.wait(timeout)
            except subprocess.TimeoutExpired:
                self.signal_group(signal.SIGKILL)
                self.popen.wait(5)
        self.signal_group(signal.SIGKILL)  # children left behind by the group leader

    def children(self) -> list[int]:
        if self.popen is None:
            return []
        out = subprocess.run(
            ["pgrep", "-P", str(self.popen.pid)], capture_output=True, text=True
        ).stdout
        return [int(pid) for pid in out.split()]

    def tail(self, lines: int = 15) -> str:
        if not self.log_path.exists():
            return ""
        return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])


def wait_until(check, seconds: float, what: str) -> float:
    started = time.monotonic()
    while time.monotonic() - started < seconds:
        try:
            if check():
                return time.monotonic() - started
        except Exception:
            pass
        time.sleep(0.2)
    raise RuntimeError(f"{what} did not happen within {seconds:.0f} s")


def app_ready(port: int, timeout: float = 3) -> bool:
    """Readiness as nginx would ask it: the site's host name, HTTPS said by the proxy."""
    response = httpx.get(
        f"http://127.0.0.1:{port}/health/ready",
        headers={"Host": HOST, "X-Forwarded-Proto": "https"},
        timeout=timeout,
    )
    return response.status_code == 200


# --- Configuration from deploy/ -----------------------------------------------------------


def deploy_env(ports: dict) -> dict:
    """deploy/estafette.env with this machine's addresses, as an operator fills it in."""
    values = {}
    for line in (ROOT / "deploy" / "estafette.env").read_text().splitlines():
        line = line.strip()
        if line and not line.startswith("#") and "=" in line:
            key, value = line.split("=", 1)
            values[key] = value
    site = f"https://{HOST}:{ports['https']}"
    values.update(
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS=HOST,
        CSRF_TRUSTED_ORIGINS=site,
        SITE_URL=site,
        DATABASE_URL=f"{PG_SERVER}/{DB}",
        REDIS_URL=f"redis://127.0.0.1:{ports['redis']}/0",
        EMAIL_URL=f"smtp://127.0.0.1:{ports['smtp']}",
        # Retries after 2, 4, 8 ... seconds instead of minutes: the run lasts minutes, not hours.
        MAIL_RETRY_SECONDS="1",
    )
    keep = {k: v for k, v in os.environ.items() if k in {"HOME", "LANG", "LC_ALL", "TMPDIR"}}
    return {**keep, "PATH": f"{BIN}:{os.environ.get('PATH', '/usr/bin:/bin')}", **values}


def nginx_config(ports: dict) -> Path:
    """deploy/nginx-estafette.conf with ports, paths and a certificate of this run, inside a
    minimal nginx.conf of its own (prefix, pid, logs and temp folders in var/prodtest)."""
    site = (ROOT / "deploy" / "nginx-estafette.conf").read_text()
    replacements = [
        ("listen 80;", f"listen 127.0.0.1:{ports['http']};"),
        ("listen [::]:80;", ""),
        ("listen 443 ssl http2;", f"listen 127.0.0.1:{ports['https']} ssl http2;"),
        ("listen [::]:443 ssl http2;", ""),
        ("server 127.0.0.1:8001 ", f"server 127.0.0.1:{ports['app_a']} "),
        ("server 127.0.0.1:8002 ", f"server 127.0.0.1:{ports['app_b']} "),
        ("server_name slimmezorgestafette.nl;", f"server_name {HOST};"),
        ("/etc/letsencrypt/live/slimmezorgestafette.nl/fullchain.pem", str(VAR / "cert.pem")),
        ("/etc/letsencrypt/live/slimmezorgestafette.nl/privkey.pem", str(VAR / "key.pem")),
        ("/srv/estafette/", f"{ROOT}/"),
    ]
    for old, new in replacements:
        if old not in site:
            sys.exit(f"deploy/nginx-estafette.conf changed: {old!r} not found (update {__file__})")
        site = site.replace(old, new)
    (VAR / "site.conf").write_text(site)
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
         "-nodes", "-days", "2", "-subj", f"/CN={HOST}", "-keyout", str(VAR / "key.pem"),
         "-out", str(VAR / "cert.pem")],
        check=True, capture_output=True,
    )  # fmt: skip
    for folder in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"):
        (VAR / "nginx" / folder).mkdir(parents=True, exist_ok=True)
    user = "user root;" if os.geteuid() == 0 else ""
    conf = VAR / "nginx.conf"
    conf.write_text(f"""{user}
daemon off;
worker_processes 2;
worker_rlimit_nofile 8192;
pid {VAR}/nginx.pid;
error_log {VAR}/nginx-error.log warn;
events {{ worker_connections 4096; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    log_format prodtest '$msec $status $request_time "$upstream_addr" "$upstream_status" '
                        '$request_method $request_uri';
    access_log {VAR}/nginx-access.log prodtest;
    client_body_temp_path {VAR}/nginx/client_body;
    proxy_temp_path {VAR}/nginx/proxy;
    fastcgi_temp_path {VAR}/nginx/fastcgi;
    uwsgi_temp_path {VAR}/nginx/uwsgi;
    scgi_temp_path {VAR}/nginx/scgi;
    include {VAR}/site.conf;
}}
""")
    return conf


def check_units() -> str:
    if not shutil.which("systemd-analyze"):
        return "skipped: systemd-analyze is not installed"
    units = VAR / "units"
    units.mkdir(exist_ok=True)
    for path in (ROOT / "deploy").iterdir():
        if path.suffix in {".service", ".timer"}:
            text = path.read_text().replace("/srv/estafette/.venv/bin/", f"{BIN}/")
            (units / path.name).write_text(text.replace("/srv/estafette", str(ROOT)))
    names = sorted(str(p) for p in units.iterdir())
    result = subprocess.run(
        ["systemd-analyze", "verify", *names], capture_output=True, text=True, cwd=units
    )
    output = (result.stdout + result.stderr).strip()
    if result.returncode != 0 or output:
        raise RuntimeError(f"systemd-analyze verify:\n{output}")
    return f"ok ({len(names)} units)"


def scheduled_commands_have_timers() -> list[str]:
    """Every command the README schedules has a timer in deploy/ (the worker has a service)."""
    table = (ROOT / "README.md").read_text().split("### Scheduled commands", 1)[1]
    table = table.split("\n## ", 1)[0]
    commands = re.findall(r"\| (?:every|daily)[^|]*\| `python manage\.py (\w+)`", table)
    return [c for c in commands if not (ROOT / "deploy" / f"estafette-{c}.timer").exists()]


def units_differ_from_readme(readme: dict) -> list[str]:
    """The units start what the README says: the app server's and the worker's command."""

    def exec_start(unit: str) -> list[str]:
        text = (ROOT / "deploy" / unit).read_text().replace("\\\n", " ")
        args = shlex.split(re.search(r"^ExecStart=(.*)$", text, re.MULTILINE).group(1))
        return [args[0].rsplit("/", 1)[-1], *args[1:]]

    differ = []
    app = exec_start("estafette-app@.service")
    if app != [a if a != "8001" else "%i" for a in readme["app"]]:
        differ.append(f"estafette-app@.service: {' '.join(app)}")
    worker = exec_start("estafette-mail.service")
    if worker != readme["worker"]:
        differ.append(f"estafette-mail.service: {' '.join(worker)}")
    return differ


# --- PostgreSQL and Django set-up -----------------------------------------------------------


def prepare_database(readme: dict, env: dict) -> None:
    """The README's set-up steps on a template database (kept between runs, so a second run
    only checks its migrations), then a fresh copy for this run."""
    with psycopg.connect(f"{PG_SERVER}/postgres", autocommit=True) as conn:
        if not conn.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [TEMPLATE_DB]
        ).fetchone():
            conn.execute(f"CREATE DATABASE {TEMPLATE_DB}")
    template_env = {**env, "DATABASE_URL": f"{PG_SERVER}/{TEMPLATE_DB}", "DB_POOL_SIZE": "0"}
    for step in readme["steps"]:
        if step[:3] == ["python", "manage.py", "collectstatic"] and static_is_current():
            log("collectstatic: staticfiles/ was made from these sources already, left as it is")
            continue
        started = time.monotonic()
        subprocess.run(local(step), cwd=ROOT, env=template_env, check=True, capture_output=True)
        log(f"{' '.join(step[:3])}: {time.monotonic() - started:.1f} s")
        if step[:3] == ["python", "manage.py", "collectstatic"]:
            (ROOT / "staticfiles" / ".prod-test-sources").write_text(static_fingerprint())
    with psycopg.connect(f"{PG_SERVER}/postgres", autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {DB} WITH (FORCE)")
        conn.execute(f"CREATE DATABASE {DB} TEMPLATE {TEMPLATE_DB}")


def static_fingerprint() -> str:
    """What collectstatic's output depends on: the project's static files and the installed
    packages (Wagtail's, Leaflet's ...). Content, not file times: a checkout touches those."""
    import hashlib
    from importlib import metadata

    digest = hashlib.sha256()
    sources = [*(ROOT / "static").rglob("*"), *(ROOT / "estafette").glob("*/static/**/*")]
    for path in sorted(p for p in sources if p.is_file()):
        digest.update(str(path.relative_to(ROOT)).encode() + path.read_bytes())
    packages = sorted(f"{d.metadata['Name']}=={d.version}" for d in metadata.distributions())
    digest.update("\n".join(packages).encode())
    return digest.hexdigest()


def static_is_current() -> bool:
    stamp = ROOT / "staticfiles" / ".prod-test-sources"
    manifest = ROOT / "staticfiles" / "staticfiles.json"
    return manifest.exists() and stamp.exists() and stamp.read_text() == static_fingerprint()


def create_activity(env: dict) -> int:
    code = (
        "import datetime as dt\n"
        "from django.utils import timezone\n"
        "from tests.factories import ActivityFactory\n"
        "starts = timezone.now().replace(microsecond=0) + dt.timedelta(days=7)\n"
        f"a = ActivityFactory(title='Topologietest', capacity={CAPACITY}, starts_at=starts,"
        " ends_at=starts + dt.timedelta(hours=2))\n"
        "print(a.pk)\n"
    )
    out = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", code],
        cwd=ROOT, env={**env, "DB_POOL_SIZE": "0"}, check=True, capture_output=True, text=True,
    )  # fmt: skip
    return int(out.stdout.strip().splitlines()[-1])


# --- The fake SMTP server -----------------------------------------------------------------


class FakeSmtp:
    """Accepts and remembers every message, or refuses: "421" at MAIL FROM (service not
    available, the connection closes) or "451" after the whole message (DATA)."""

    def __init__(self):
        self.mode = "accept"
        self.received: list[tuple[str, str]] = []  # (recipient, subject)
        self.refused = 0

    async def handle_MAIL(self, server, session, envelope, address, mail_options):
        if self.mode == "421":
            self.refused += 1
            return "421 4.3.2 Service not available, closing transmission channel"
        envelope.mail_from = address
        envelope.mail_options.extend(mail_options)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        if self.mode == "451":
            self.refused += 1
            return "451 4.3.0 Requested action aborted: try again later"
        message = email.message_from_bytes(envelope.content)
        subject = str(email.header.make_header(email.header.decode_header(message["Subject"])))
        for recipient in envelope.rcpt_tos:
            self.received.append((recipient.lower(), subject))
        return "250 OK"


# --- Visitors -------------------------------------------------------------------------------


@dataclass
class Request:
    phase: str
    method: str
    started: float  # time.time(), as nginx's $msec
    ended: float = 0.0
    status: int = 0  # 0: no HTTP answer (a transport error)
    error: str = ""


@dataclass
class Visitor:
    phase: str
    number: int
    address: str
    email: str
    accepted: bool = False
    requests: list[Request] = field(default_factory=list)
    client: httpx.AsyncClient | None = None
    form: dict | None = None


TLS = ssl.create_default_context()
TLS.check_hostname = False
TLS.verify_mode = ssl.CERT_NONE


class Site:
    def __init__(self, port: int, activity: int):
        self.base = f"https://{HOST}:{port}"
        self.path = f"/activiteit/{activity}/aanmelden/"

    def open(self, visitor: Visitor) -> None:
        transport = httpx.AsyncHTTPTransport(local_address=visitor.address, verify=TLS)
        visitor.client = httpx.AsyncClient(
            base_url=self.base, transport=transport, timeout=120, follow_redirects=False
        )

    async def _request(self, visitor: Visitor, method: str, **kwargs) -> httpx.Response | None:
        record = Request(visitor.phase, method, time.time())
        visitor.requests.append(record)
        try:
            response = await visitor.client.request(method, self.path, **kwargs)
            record.status = response.status_code
            if 400 <= response.status_code < 500:
                errors = re.findall(r'<ul class="errorlist[^"]*">\s*<li>(.*?)</li>', response.text)
                record.error = " / ".join(errors) or response.text[:200]
            return response
        except httpx.HTTPError as error:
            record.error = f"{type(error).__name__}: {error}"
            return None
        finally:
            record.ended = time.time()

    async def get_form(self, visitor: Visitor) -> bool:
        response = await self._request(visitor, "GET")
        if response is None or response.status_code != 200:
            return False
        page = response.text
        fields = {}
        for name in ("csrfmiddlewaretoken", "started"):
            found = re.search(rf'name="{name}" value="([^"]+)"', page)
            if not found:
                return False
            fields[name] = found.group(1)
        visitor.form = {
            **fields,
            "name": f"Bezoeker {visitor.number}",
            "email": visitor.email,
            "organisation": "",
            "role": "citizen",
            "places": "1",
            "consent": "on",
            "website": "",
        }
        return True

    async def post_form(self, visitor: Visitor) -> httpx.Response | None:
        headers = {"Origin": self.base, "Referer": self.base + self.path}
        response = await self._request(visitor, "POST", data=visitor.form, headers=headers)
        if response is not None and response.status_code == 302:
            visitor.accepted = "controleer-uw-e-mail" in response.headers.get("location", "")
        return response

    async def visit(self, visitor: Visitor, attempts: int = 2) -> None:
        """A visitor: the form, at least the minimum time to fill it in, send; once more after
        a failure (a fresh form: a page that failed shows nothing to send again)."""
        self.open(visitor)
        try:
            for _attempt in range(attempts):
                if await self.get_form(visitor):
                    await asyncio.sleep(MIN_SECONDS + 0.3)
                    response = await self.post_form(visitor)
                    if response is not None and response.status_code < 500:
                        return
                await asyncio.sleep(1)
        finally:
            await visitor.client.aclose()


def address(phase: int, number: int) -> str:
    """Every visitor its own loopback address: the per-address limit sees people, not us."""
    return f"127.{10 + phase}.{number // 250}.{number % 250 + 1}"


def percentile(values: list[float], share: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


# --- The run ----------------------------------------------------------------------------------


class Topology:
    def __init__(self):
        self.ports = {
            name: free_port() for name in ("http", "https", "app_a", "app_b", "redis", "smtp")
        }
        self.processes: dict[str, Process] = {}
        self.readme = readme_production()
        self.env = deploy_env(self.ports)
        self.smtp = FakeSmtp()
        self.controller: Controller | None = None
        self.kills: list[tuple[float, int, str]] = []  # (time.time(), upstream port, what)
        self.events: list[str] = []

    def start(self, name: str, args: list[str], env: dict | None = None) -> Process:
        process = Process(name, args, env or self.env).start()
        self.processes[name] = process
        return process

    def start_redis(self) -> Process:
        conf = (
            (ROOT / "deploy" / "redis.conf")
            .read_text()
            .replace("port 6379", f"port {self.ports['redis']}")
        )
        (VAR / "redis.conf").write_text(conf + f"\ndir {VAR}\ndaemonize no\n")
        return self.start("redis", ["redis-server", str(VAR / "redis.conf")])

    def start_app(self, name: str) -> Process:
        return self.start(name, app_command(self.readme, self.ports[name]))

    def up(self) -> None:
        VAR.mkdir(parents=True, exist_ok=True)
        for old in VAR.glob("*.log"):
            old.unlink()
        log(f"ports: {self.ports}")
        conf = nginx_config(self.ports)
        test = subprocess.run(
            ["nginx", "-t", "-p", str(VAR), "-e", str(VAR / "nginx-error.log"), "-c", str(conf)],
            capture_output=True, text=True,
        )  # fmt: skip
        if test.returncode != 0:
            raise RuntimeError(f"nginx -t failed:\n{test.stderr}")
        log("nginx -t: deploy/nginx-estafette.conf is valid")
        log(f"systemd-analyze verify: {check_units()}")
        missing = scheduled_commands_have_timers()
        if missing:
            raise RuntimeError(f"deploy/ has no timer for the README's scheduled {missing}")
        log("every scheduled command in the README has its timer in deploy/")
        differ = units_differ_from_readme(self.readme)
        if differ:
            raise RuntimeError(f"deploy/'s units start other commands than the README: {differ}")
        log("deploy/'s app server and mail worker units start the README's commands")
        prepare_database(self.readme, self.env)
        self.start_redis()
        self.controller = Controller(self.smtp, hostname="127.0.0.1", port=self.ports["smtp"])
        self.controller.start()
        worker_env = {**self.env, "DB_POOL_SIZE": "0"}  # as deploy/estafette-mail.service
        self.start("worker", local(self.readme["worker"]), worker_env)
        for name in ("app_a", "app_b"):
            self.start_app(name)
        self.start(
            "nginx",
            ["nginx", "-p", str(VAR), "-e", str(VAR / "nginx-error.log"), "-c", str(conf)],
        )
        self.activity = create_activity(self.env)  # while the app servers start
        for name in ("app_a", "app_b"):
            took = wait_until(lambda n=name: app_ready(self.ports[n]), 90, f"{name} ready")
            log(f"{name} (port {self.ports[name]}) ready after {took:.1f} s")
        log(f"README's app server command: {' '.join(self.readme['app'])}")
        self.site = Site(self.ports["https"], self.activity)
        self.check_nginx_site()

    def check_nginx_site(self) -> None:
        """What the nginx site promises: HTTP goes to HTTPS, static files come from disk with a
        year's caching and compressed, pages come from the app servers compressed."""
        plain = httpx.get(f"http://{HOST}:{self.ports['http']}/agenda/", timeout=10)
        assert plain.status_code == 301, plain.status_code
        assert plain.headers["location"] == f"https://{HOST}/agenda/", plain.headers["location"]
        manifest = json.loads((ROOT / "staticfiles" / "staticfiles.json").read_text())
        css = next(v for k, v in manifest["paths"].items() if k.endswith(".css"))
        with httpx.Client(base_url=self.site.base, verify=TLS, timeout=30) as client:
            static = client.get(f"/static/{css}", headers={"Accept-Encoding": "gzip"})
            assert static.status_code == 200, (css, static.status_code)
            assert "immutable" in static.headers.get("cache-control", ""), static.headers
            assert static.headers.get("content-encoding") == "gzip", static.headers
            assert "expires" in static.headers, static.headers  # nginx's `expires`, not the app
            page = client.get("/agenda/", headers={"Accept-Encoding": "gzip"})
            assert page.status_code == 200, page.status_code
            assert page.headers.get("content-encoding") == "gzip", page.headers
            assert "strict-transport-security" in page.headers, page.headers
        log(f"nginx: HTTP -> HTTPS, /static/{css} from disk (immutable, gzip), pages gzipped")

    def down(self) -> None:
        for process in reversed(list(self.processes.values())):
            process.stop()
        if self.controller is not None:
            self.controller.stop()

    # The burst of finding 4 ---------------------------------------------------------------

    async def burst(self) -> dict:
        visitors = [
            Visitor("burst", n, address(0, n), f"burst-{n}@prodtest.example") for n in range(BURST)
        ]
        for visitor in visitors:
            self.site.open(visitor)
        started = time.monotonic()
        forms = await asyncio.gather(*(self.site.get_form(v) for v in visitors))
        got_forms = time.monotonic() - started
        await asyncio.sleep(MIN_SECONDS + 0.3)  # every form-start token is old enough
        sent = time.monotonic()
        await asyncio.gather(
            *(self.site.post_form(v) for v, ok in zip(visitors, forms, strict=True) if ok)
        )
        burst_seconds = time.monotonic() - sent
        ended = time.monotonic()
        for visitor in visitors:
            await visitor.client.aclose()
        # Recovery: the site answers normally right after the burst.
        recovery = None
        async with httpx.AsyncClient(base_url=self.site.base, verify=TLS, timeout=10) as probe:
            while time.monotonic() - ended < 10:
                try:
                    if (await probe.get("/agenda/")).status_code == 200:
                        recovery = time.monotonic() - ended
                        break
                except httpx.HTTPError:
                    pass
                await asyncio.sleep(0.1)
        posts = [r for v in visitors for r in v.requests if r.method == "POST"]
        return {
            "visitors": visitors,
            "forms_seconds": got_forms,
            "burst_seconds": burst_seconds,
            "latencies": [r.ended - r.started for r in posts],
            "recovery": recovery,
        }

    # The faults ---------------------------------------------------------------------------

    async def faults(self) -> None:
        """The schedule, in seconds from the first wave: SMTP refuses from 5 (421, from 16 on
        451); app server A is killed at 8 and started again at 9 (systemd's RestartSec=1);
        Redis is away from 11 to 19; a worker of app server B is killed at 24, while A may
        still be starting (granian respawns it); SMTP accepts again at 30."""

        def event(text: str) -> None:
            self.events.append(f"{time.time() - self.fault_start:5.1f} s  {text}")
            log(text)

        async def at(seconds: float) -> None:
            await asyncio.sleep(max(0.0, self.fault_start + seconds - time.time()))

        async def restart_app_a() -> None:
            await at(8)
            app_a = self.processes["app_a"]
            self.kills.append((time.time(), self.ports["app_a"], "app_a"))
            app_a.signal_group(signal.SIGKILL)
            await asyncio.to_thread(app_a.popen.wait)
            event(f"app server A (port {self.ports['app_a']}) killed with SIGKILL")
            await at(9)
            self.restarted_at = time.time()
            self.start_app("app_a")
            event("app server A started again")
            await asyncio.to_thread(
                wait_until, lambda: app_ready(self.ports["app_a"], 30), 120, "app_a ready again"
            )
            event("app server A answers its readiness check")

        async def restart_redis() -> None:
            await at(11)
            self.processes["redis"].stop()
            event("Redis stopped")
            await at(19)
            self.start_redis()
            event("Redis started")

        async def kill_worker_of_b() -> None:
            await at(24)
            app_b = self.processes["app_b"]
            workers = app_b.children()
            self.kills.append((time.time(), self.ports["app_b"], "worker of app_b"))
            os.kill(workers[0], signal.SIGKILL)
            event(f"a worker of app server B (pid {workers[0]}) killed with SIGKILL")
            took = await asyncio.to_thread(
                wait_until,
                lambda: len(set(app_b.children()) - {workers[0]}) >= len(workers),
                30,
                "granian respawning the killed worker",
            )
            event(f"granian started a new worker for app server B ({took:.1f} s after the kill)")

        async def smtp() -> None:
            await at(5)
            self.smtp.mode = "421"
            event("SMTP refuses (421 at MAIL FROM)")
            await at(16)
            self.smtp.mode = "451"
            event("SMTP refuses (451 after DATA)")
            await at(30)
            self.smtp.mode = "accept"
            event("SMTP accepts")

        await asyncio.gather(restart_app_a(), restart_redis(), kill_worker_of_b(), smtp())

    async def waves(self, faults: asyncio.Task) -> list[Visitor]:
        """A wave of visitors every WAVE_GAP seconds until the faults are over."""
        visitors = []
        tasks = []
        wave = 0
        while not faults.done() or wave < WAVES:
            for n in range(WAVE_SIZE):
                number = wave * WAVE_SIZE + n
                visitor = Visitor(
                    "faults", number, address(1, number), f"wave-{number}@prodtest.example"
                )
                visitors.append(visitor)
                tasks.append(asyncio.create_task(self.site.visit(visitor)))
            wave += 1
            await asyncio.sleep(WAVE_GAP)
        await asyncio.gather(*tasks)
        return visitors

    async def fault_phase(self) -> list[Visitor]:
        self.fault_start = time.time()
        faults = asyncio.create_task(self.faults())
        visitors = await self.waves(faults)
        await faults
        return visitors

    # Checks -------------------------------------------------------------------------------

    def wait_for_mail(self) -> float:
        started = time.monotonic()
        url = self.env["DATABASE_URL"]

        def drained():
            with psycopg.connect(url) as conn:
                return (
                    conn.execute(
                        "SELECT count(*) FROM mail_outboxmessage WHERE sent_at IS NULL"
                    ).fetchone()[0]
                    == 0
                )

        wait_until(drained, MAIL_DRAIN_SECONDS, "the outbox emptying")
        time.sleep(1)
        return time.monotonic() - started

    def first_answer_after_restart(self) -> float | None:
        """Seconds from A's new start to its first answer through nginx."""
        for line in (VAR / "nginx-access.log").read_text().splitlines():
            parts = line.split(" ", 5)
            upstreams, statuses = parts[3].strip('"').split(", "), parts[4].strip('"').split(", ")
            ended = float(parts[0])
            for upstream, status in zip(upstreams, statuses, strict=False):
                if (
                    upstream == f"127.0.0.1:{self.ports['app_a']}"
                    and status.isdigit()
                    and int(status) < 500
                    and ended > self.restarted_at
                ):
                    return ended - self.restarted_at
        return None

    def nginx_5xx(self) -> tuple[int, int, list[str]]:
        """(5xx answered by nginx, of which in flight on a killed server, the others)"""
        total = explained = 0
        others = []
        for line in (VAR / "nginx-access.log").read_text().splitlines():
            parts = line.split(" ", 5)
            status = int(parts[1])
            if status < 500:
                continue
            total += 1
            ended, took = float(parts[0]), float(parts[2])
            began = ended - took
            upstreams = parts[3].strip('"')
            if any(
                began <= at + 0.05 and ended >= at - 0.05 and f":{port}" in upstreams
                for at, port, _what in self.kills
            ):
                explained += 1
            else:
                others.append(line)
        return total, explained, others


def figures(
    topology: Topology, burst: dict, wave_visitors: list[Visitor], mail_seconds: float
) -> bool:
    visitors = burst["visitors"] + wave_visitors
    requests = [r for v in visitors for r in v.requests]
    url = topology.env["DATABASE_URL"]
    with psycopg.connect(url) as conn:
        rows = conn.execute(
            "SELECT email_normalised, status, places FROM signups_signup WHERE activity_id = %s",
            [topology.activity],
        ).fetchall()
        places_taken, capacity = conn.execute(
            "SELECT places_taken, capacity FROM activities_activity WHERE id = %s",
            [topology.activity],
        ).fetchone()
        outbox = conn.execute(
            'SELECT "to" ->> 0, subject, sent_at IS NOT NULL FROM mail_outboxmessage'
        ).fetchall()
    in_db = Counter(row[0] for row in rows)
    holding = sum(places for _e, status, places in rows if status in {"pending", "confirmed"})
    accepted = {v.email for v in visitors if v.accepted}
    lost = sorted(accepted - set(in_db))
    duplicated = sum(count - 1 for count in in_db.values() if count > 1)
    unexplained_db = sorted(set(in_db) - {v.email for v in visitors})
    expected_mail = Counter((to.lower(), subject) for to, subject, _sent in outbox)
    unsent = sum(1 for _to, _subject, sent in outbox if not sent)
    smtp = Counter(topology.smtp.received)
    mail_duplicates = sum(max(0, smtp[key] - expected_mail[key]) for key in smtp)
    mail_missing = sum(max(0, expected_mail[key] - smtp[key]) for key in expected_mail)
    strangers = sum(count for key, count in smtp.items() if key not in expected_mail)
    signed_up = set(in_db)
    mailed = {to for to, _subject in smtp}
    without_mail = sorted(signed_up - mailed)

    status_counts = Counter(r.status for r in requests)
    five = sum(count for status, count in status_counts.items() if status >= 500)
    transport = [r for r in requests if r.status == 0]
    other_4xx = sum(count for status, count in status_counts.items() if 400 <= status < 500)
    nginx_total, nginx_explained, nginx_others = topology.nginx_5xx()
    burst_posts = [r for v in burst["visitors"] for r in v.requests if r.method == "POST"]
    burst_gets = [r for v in burst["visitors"] for r in v.requests if r.method == "GET"]
    burst_5xx = sum(1 for r in burst_gets + burst_posts if r.status >= 500)
    burst_errors = sum(1 for r in burst_gets + burst_posts if r.status == 0)
    burst_accepted = sum(1 for v in burst["visitors"] if v.accepted)
    lat = burst["latencies"]
    retried = sum(1 for v in wave_visitors if sum(r.method == "POST" for r in v.requests) > 1)
    faults_accepted = sum(1 for v in wave_visitors if v.accepted)

    print()
    print(
        "== Topology: nginx, 2 app servers (README's command), PostgreSQL, Redis, mail worker, SMTP"
    )
    print(f"   app server: {' '.join(topology.readme['app'])}")
    print("== The burst (issue 10, finding 4): every visitor opens the form, then all send at once")
    print(
        f"   visitors {BURST}: forms {len(burst_gets)} in {burst['forms_seconds']:.1f} s, sign-ups sent {len(burst_posts)}, accepted {burst_accepted}"
    )
    print(
        f"   5xx {burst_5xx}, transport errors {burst_errors}, other statuses {dict(Counter(r.status for r in burst_posts))}"
    )
    print(
        f"   sign-up latency: p50 {percentile(lat, 0.5):.2f} s, p95 {percentile(lat, 0.95):.2f} s, max {max(lat, default=0):.2f} s; all answered in {burst['burst_seconds']:.1f} s"
    )
    recovery = burst["recovery"]
    print(
        f"   the agenda answers 200 {recovery:.2f} s after the burst"
        if recovery is not None
        else "   the agenda did not answer 200 within 10 s after the burst"
    )
    print("== The faults: sign-ups in waves while SMTP refuses, app servers die, Redis restarts")
    for line in topology.events:
        print(f"   {line}")
    print(
        f"   visitors {len(wave_visitors)}: accepted {faults_accepted}, sent again after a failure {retried}"
    )
    print("== Figures")
    print(
        f"   requests {len(requests)} (GET {sum(r.method == 'GET' for r in requests)}, POST {sum(r.method == 'POST' for r in requests)}); statuses {dict(sorted(status_counts.items()))}"
    )
    print(
        f"   5xx {five} (nginx: {nginx_total}, of which in flight on a killed server {nginx_explained}); transport errors {len(transport)}; 4xx {other_4xx}"
    )
    print(
        f"   sign-ups accepted over HTTP {len(accepted)}, in the database {len(in_db)}: lost {len(lost)}, duplicated {duplicated}, unknown {len(unexplained_db)}"
    )
    print(
        f"   places taken {places_taken} of {capacity} (sign-ups holding places: {holding}); waiting list {sum(1 for r in rows if r[1] == 'waiting')}"
    )
    print(
        f"   mails in the outbox {len(outbox)}, unsent {unsent}; delivered at SMTP {sum(smtp.values())} ({len(smtp)} unique), duplicates {mail_duplicates}, missing {mail_missing}, strangers {strangers}; refused by SMTP {topology.smtp.refused}; outbox empty {mail_seconds:.1f} s after the last visitor"
    )
    print(f"   sign-ups without a mail: {len(without_mail)}")
    back = topology.first_answer_after_restart()
    print(
        f"   app server A answered through nginx {back:.1f} s after its restart"
        if back is not None
        else "   app server A did not answer after its restart"
    )

    targets = {
        "burst: every sign-up accepted, no 5xx, no error": burst_accepted == BURST
        and burst_5xx == 0
        and burst_errors == 0,
        "exactly capacity places taken": places_taken == holding == min(capacity, len(in_db)),
        "burst: the site answers within 2 s after it": recovery is not None and recovery <= 2,
        "0 lost sign-ups": not lost,
        "0 duplicated sign-ups": duplicated == 0 and not unexplained_db,
        "every visitor signed up in the end": len(in_db) == len(visitors)
        and len(accepted) == len(visitors),
        "5xx only in flight on a killed server": not nginx_others and five <= nginx_total,
        "the killed app server serves again": back is not None,
        "no transport errors and no 4xx": not transport and other_4xx == 0,
        "every mail delivered once": unsent == 0
        and mail_duplicates == 0
        and mail_missing == 0
        and strangers == 0
        and not without_mail,
    }
    print("== Targets")
    for name, ok in targets.items():
        print(f"   {'ok  ' if ok else 'MISS'} {name}")
    for line in nginx_others[:10]:
        print(f"   5xx not explained by a kill: {line}")
    for r in transport[:5]:
        print(f"   transport error: {r.method} {r.error}")
    answers = Counter((r.status, r.error) for r in requests if 400 <= r.status < 500)
    for (status, error), count in answers.most_common(5):
        print(f"   {count} x {status}: {error}")
    refused_at = [r.started - topology.fault_start for r in requests if 400 <= r.status < 500]
    if refused_at:
        print(
            f"   4xx sent between {min(refused_at):.1f} s and {max(refused_at):.1f} s of the faults"
        )
    if lost:
        print(f"   lost: {lost[:10]}")
    return all(targets.values())


def main() -> int:
    for tool in ("nginx", "redis-server", "openssl"):
        if not shutil.which(tool):
            sys.exit(f"{tool} is not installed (apt-get install nginx redis-server openssl)")
    started = time.monotonic()
    topology = Topology()
    try:
        topology.up()
        log(f"topology up after {time.monotonic() - started:.1f} s")
        burst = asyncio.run(topology.burst())
        log("burst done")
        wave_visitors = asyncio.run(topology.fault_phase())
        log("fault phase done")
        mail_seconds = topology.wait_for_mail()
        ok = figures(topology, burst, wave_visitors, mail_seconds)
    except Exception:
        for process in topology.processes.values():
            print(f"--- {process.name} ({process.log_path})\n{process.tail()}")
        raise
    finally:
        topology.down()
    print(
        f"== {'All targets met' if ok else 'Targets missed'} in {time.monotonic() - started:.0f} s"
    )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
