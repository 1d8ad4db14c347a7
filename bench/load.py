"""Load run: the app under gunicorn (2 workers) beside bare Django under the same gunicorn, on
SQLite and PostgreSQL, with 8 and 32 connections (issue 11 §4).

    .venv/bin/python bench/load.py [--seconds 10] [--pg postgres://wksbm:wksbm@127.0.0.1/wksbm_load]

Needs `wrk` (Debian package wrk; installed with apt-get when run as root). Everything stays on
loopback: gunicorn binds 127.0.0.1, wrk runs for a fixed time (`--seconds`) and every process
is killed at the end. The demo data (seed_demo) is loaded into a fresh database per vendor,
with production settings (DEBUG off, HTTPS as seen behind a proxy: X-Forwarded-Proto), signed
in as the demo ketua `pengurus_a` (a session that passed the second factor).

Two loads per vendor and number of connections:
- lists: four authenticated list pages in turn (Data PPKS, Buku Tamu, Buku Catatan Pemasukan,
  Kegiatan), 200 expected;
- post: a new Buku Tamu entry (the book's create form with its CSRF token), 302 expected,
  and one more row in the book per request.

Bare Django is one view with no middleware reading the same 25 PPKS rows into an HTML table,
and one view inserting a guest row with one INSERT. An error is any other status, a socket
error, or a post that did not leave its row; the run fails on any error. Throughput is
requests/s (wrk's figure); read it beside the load average printed with it.
"""

import argparse
import http.client
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable
GUNICORN = str(Path(PY).with_name("gunicorn"))

LUA = r"""
local paths = {%(paths)s}
local method, body, expect = "%(method)s", [[%(body)s]], %(expect)d
i, bad = 0, 0  -- globals: done() reads each thread's bad with thread:get
local threads = {}
function setup(thread) table.insert(threads, thread) end
function request()
  i = i + 1
  return wrk.format(method, paths[(i %% #paths) + 1], nil, body ~= "" and body or nil)
end
function response(status, headers, body)
  if status ~= expect then bad = bad + 1 end
end
function done(summary, latency, requests)
  local total = 0
  for _, t in ipairs(threads) do total = total + t:get("bad") end
  io.write(string.format("BAD %%d\n", total))
end
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def env_for(url: str) -> dict:
    env = dict(os.environ)
    env.update(
        DATABASE_URL=url,
        DJANGO_DEBUG="0",
        SECRET_KEY=os.environ.get("SECRET_KEY", "bench-load-" + "x" * 50),
        ALLOWED_HOSTS="127.0.0.1,localhost",
        BEHIND_PROXY="1",
        LOG_LEVEL="WARNING",
        DJANGO_SETTINGS_MODULE="wksbm.settings",
    )
    return env


def prepare(env: dict) -> dict:
    """Migrate, collect static files, load the demo, sign in: the cookies, token and URLs."""
    subprocess.run([PY, "manage.py", "migrate", "-v0"], cwd=ROOT, env=env, check=True)
    subprocess.run(
        [PY, "manage.py", "collectstatic", "--noinput", "-v0"], cwd=ROOT, env=env, check=True
    )
    subprocess.run(
        [PY, "manage.py", "seed_demo", "--force"],
        cwd=ROOT,
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
    )
    out = subprocess.run(
        [PY, "-c", "import sys; sys.path.insert(0, 'bench'); import load; load.sign_in()"],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return dict(line.split("=", 1) for line in out.strip().splitlines())


def sign_in() -> None:
    """(In a child with the run's settings.) Print the session, CSRF token and URLs."""
    import django

    sys.path.insert(0, str(ROOT))
    django.setup()
    from django.contrib.auth import get_user_model
    from django.test import Client

    from registry.models import Peran
    from tests import bookcheck
    from tests.akun import force_login_terverifikasi

    user = get_user_model().objects.get(username="pengurus_a")
    wksbm = Peran.objects.filter(user=user, jenis="pengurus").first().wksbm_id
    client = Client(HTTP_X_FORWARDED_PROTO="https", HTTP_HOST="127.0.0.1")
    force_login_terverifikasi(client, user)
    create = bookcheck.url("tamu", "create", wksbm)
    html = client.get(create).content.decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
    lists = [
        bookcheck.url("ppks", "list", wksbm),
        bookcheck.url("tamu", "list", wksbm),
        bookcheck.url("pemasukan", "list", wksbm),
        bookcheck.url("kegiatan", "list", wksbm),
    ]
    print(f"session={client.cookies['sessionid'].value}")
    print(f"csrf={client.cookies['csrftoken'].value}")
    print(f"token={token}")
    print(f"create={create}")
    print(f"lists={','.join(lists)}")
    print(f"wksbm={wksbm}")


def count_tamu(env: dict) -> int:
    code = (
        "import django; django.setup(); from registry.models import Tamu; "
        "print(Tamu.objects.count())"
    )
    out = subprocess.run([PY, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True)
    return int(out.stdout.strip().splitlines()[-1])


def serve(app: str, env: dict, port: int, chdir: Path) -> subprocess.Popen:
    proc = subprocess.Popen(
        [GUNICORN, app, "-w", "2", "-b", f"127.0.0.1:{port}", "--chdir", str(chdir)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    for _ in range(300):
        try:
            warm_up(port)
            return proc
        except OSError:
            time.sleep(0.2)
    stop(proc)
    raise SystemExit(f"gunicorn {app} did not start on port {port}")


def warm_up(port: int) -> None:
    """Answered requests, a few per worker: the workers have booted and imported the app."""
    for _ in range(6):
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        conn.request("GET", "/", headers={"X-Forwarded-Proto": "https", "Host": "127.0.0.1"})
        conn.getresponse().read()
        conn.close()


def stop(proc: subprocess.Popen) -> None:
    try:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=20)
    except (ProcessLookupError, subprocess.TimeoutExpired):
        os.killpg(proc.pid, signal.SIGKILL)


def wrk(port: int, paths, headers, conns: int, seconds: int, *, method="GET", body="", expect=200):
    """Run wrk; (requests/s, requests, p50 ms, p99 ms, errors)."""
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as f:
        quoted = ", ".join(f'"{p}"' for p in paths)
        f.write(LUA % {"paths": quoted, "method": method, "body": body, "expect": expect})
    args = ["wrk", "-t2", f"-c{conns}", f"-d{seconds}s", "--latency", "-s", f.name]
    for k, v in headers.items():
        args += ["-H", f"{k}: {v}"]
    out = subprocess.run(
        [*args, f"http://127.0.0.1:{port}"],
        capture_output=True,
        text=True,
        timeout=seconds + 60,
    ).stdout
    os.unlink(f.name)
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    total = int(re.search(r"(\d+) requests in", out).group(1))
    socket_err = sum(int(n) for n in re.findall(r"(?:connect|read|write|timeout) (\d+)", out))
    bad = int(re.search(r"BAD (\d+)", out).group(1))

    def pct(p):
        v, unit = re.search(rf"{p}%\s+([\d.]+)(us|ms|s)", out).groups()
        return float(v) * {"us": 0.001, "ms": 1, "s": 1000}[unit]

    return rps, total, pct(50), pct(99), socket_err + bad


def run_vendor(name: str, url: str, seconds: int) -> bool:
    env = env_for(url)
    print(f"\n== {name}: menyiapkan data demo …", flush=True)
    s = prepare(env)
    base = {
        "Cookie": f"sessionid={s['session']}; csrftoken={s['csrf']}",
        "X-Forwarded-Proto": "https",
        "Host": "127.0.0.1",
    }
    post_headers = {
        **base,
        "Content-Type": "application/x-www-form-urlencoded",
        "Referer": f"https://127.0.0.1{s['create']}",
    }
    body = (
        f"csrfmiddlewaretoken={s['token']}&tanggal={time.strftime('%Y-%m-%d')}"
        "&jam=10%3A00&nama=Tamu+Uji+Beban&instansi=&alamat=&telepon="
        "&keperluan=Uji+beban&bertemu=&keterangan="
    )
    bare_env = {**env, "BARE_WKSBM": s["wksbm"]}
    ok = True
    print(f"{'beban':26} {'konek':>5} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8} {'galat':>6}")
    for conns in (8, 32):
        for label, app, chdir, e, kind in (
            ("aplikasi: 4 daftar", "wksbm.wsgi:application", ROOT, env, "lists"),
            ("Django polos: daftar", "_load_bare:application", ROOT / "bench", bare_env, "lists"),
            ("aplikasi: tamu baru", "wksbm.wsgi:application", ROOT, env, "post"),
            ("Django polos: tamu baru", "_load_bare:application", ROOT / "bench", bare_env, "post"),
        ):
            port = free_port()
            proc = serve(app, e, port, chdir)
            try:
                before = count_tamu(env) if kind == "post" else 0
                if kind == "lists":
                    paths = s["lists"].split(",") if app.startswith("wksbm") else ["/"]
                    r = wrk(port, paths, base, conns, seconds)
                else:
                    path = s["create"] if app.startswith("wksbm") else "/tamu"
                    r = wrk(
                        port, [path], post_headers, conns, seconds,
                        method="POST", body=body, expect=302,
                    )  # fmt: skip
            finally:
                stop(proc)
            rps, total, p50, p99, errors = r
            if kind == "post":
                # every answered post left its row (wrk may stop before reading the last few)
                added = count_tamu(env) - before
                errors += max(0, total - added)
            ok &= errors == 0
            print(f"{label:26} {conns:5d} {rps:8.1f} {p50:8.1f} {p99:8.1f} {errors:6d}")
    print(f"(beban mesin: {os.getloadavg()[0]:.1f})")
    return ok


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--pg", default=os.environ.get("LOAD_PG_URL"))
    args = parser.parse_args()
    if not shutil.which("wrk") and os.geteuid() == 0 and shutil.which("apt-get"):
        subprocess.run(["apt-get", "install", "-y", "-qq", "wrk"], check=False)
    if not shutil.which("wrk"):
        print("wrk tidak ada: apt-get install wrk")
        return 1
    ok = True
    with tempfile.TemporaryDirectory() as tmp:
        ok &= run_vendor("SQLite", f"sqlite:///{tmp}/load.sqlite3", args.seconds)
    if args.pg:
        ok &= run_vendor("PostgreSQL", args.pg, args.seconds)
    else:
        print("\n(PostgreSQL dilewati: berikan --pg postgres://… ke basis data kosong)")
    print("\nTANPA GALAT" if ok else "\nADA GALAT")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
