"""The servers the benchmark measures, on loopback: the site under gunicorn as `make serve` runs
it, and nginx in front of it as a CDN would be (proxy_cache honouring the site's own headers)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from tests.project.services import free_port, port_open, wait_until  # noqa: E402


@contextmanager
def gunicorn(port: int) -> Iterator[str]:
    base = f"http://127.0.0.1:{port}"
    env = {
        **os.environ,
        "DJANGO_DEBUG": "false",
        "DJANGO_SECRET_KEY": os.environ.get("DJANGO_SECRET_KEY", "bench-only-secret-" + "x" * 40),
        "DJANGO_LOG_LEVEL": "WARNING",
        "HELPCENTER_SITE_URL": base,
    }
    # The page script records events: the tables must exist, as after a deploy.
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "--noinput", "-v", "0"],
        cwd=ROOT,
        env=env,
        check=True,
    )
    process = subprocess.Popen(
        # The production configuration, without the access log (a line a request would measure
        # the terminal, not the site).
        [sys.executable, "-m", "gunicorn", "-c", "python:helpcenter.gunicorn",
         "--bind", f"127.0.0.1:{port}", "--access-logfile", "/dev/null", "--log-level", "warning"],
        cwd=ROOT,
        env=env,
    )  # fmt: skip
    try:
        if not wait_until(lambda: port_open(port), 60):
            raise SystemExit("gunicorn did not start")
        yield base
    finally:
        process.terminate()
        process.wait(timeout=30)


NGINX_CONF = """
{user}
worker_processes 1;
daemon off;
pid {dir}/nginx.pid;
error_log {dir}/error.log warn;
events {{ worker_connections 1024; }}
http {{
    access_log off;
    # Open files kept open, for the static files and the cached pages alike, as a CDN's edge does.
    open_file_cache max=1000 inactive=30s;
    client_body_temp_path {dir}/body;
    proxy_temp_path {dir}/proxy;
    fastcgi_temp_path {dir}/fastcgi;
    uwsgi_temp_path {dir}/uwsgi;
    scgi_temp_path {dir}/scgi;
    # As a CDN is configured: the origin's Cache-Control, Expires and Vary decide; nothing here
    # overrides them (no proxy_cache_valid, no proxy_ignore_headers).
    proxy_cache_path {dir}/cache levels=1:2 keys_zone=pages:10m max_size=100m inactive=1h;
    server {{
        listen 127.0.0.1:{port};
        location /same-size/ {{ root {dir}/files; }}
        location / {{
            proxy_pass {origin};
            proxy_set_header Host $http_host;
            proxy_cache pages;
            proxy_cache_revalidate on;
            proxy_cache_use_stale updating;
            proxy_cache_background_update on;
            proxy_cache_lock on;
            add_header X-Cache $upstream_cache_status;
        }}
    }}
}}
"""


class Nginx:
    def __init__(self, origin: str) -> None:
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.directory = Path(tempfile.mkdtemp(prefix="helpcenter-nginx-"))
        (self.directory / "files" / "same-size").mkdir(parents=True)
        self.origin = origin

    def same_size_file(self, name: str, size: int) -> str:
        """A static file of `size` bytes that nginx serves itself, and its address."""
        (self.directory / "files" / "same-size" / name).write_bytes(b"x" * size)
        return f"{self.base}/same-size/{name}"

    @contextmanager
    def running(self) -> Iterator[Nginx]:
        conf = self.directory / "nginx.conf"
        user = "user root;" if os.geteuid() == 0 else ""
        conf.write_text(
            NGINX_CONF.format(user=user, dir=self.directory, port=self.port, origin=self.origin)
        )
        process = subprocess.Popen(
            ["nginx", "-c", str(conf), "-p", str(self.directory)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            if not wait_until(lambda: port_open(self.port), 20):
                raise SystemExit(
                    "nginx did not start: " + (self.directory / "error.log").read_text()
                )
            yield self
        finally:
            process.terminate()
            process.wait(timeout=20)
            shutil.rmtree(self.directory, ignore_errors=True)


@contextmanager
def bare_origin() -> Iterator[str]:
    """An origin that is nothing but a body of the size its path asks for (`/27714`) with the three
    headers a cache needs: what nginx's cache does with it is the proxy's own ceiling, whatever
    the site behind it does."""

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            body = b"x" * int(self.path.strip("/") or 0)
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Cache-Control", "public, max-age=300")
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:  # noqa: A002 (the base's name)
            pass

    server = ThreadingHTTPServer(("127.0.0.1", free_port()), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
