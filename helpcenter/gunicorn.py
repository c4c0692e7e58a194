"""gunicorn's configuration for `make serve` and production: `gunicorn -c python:helpcenter.gunicorn`.

Every value can be overridden from the command line or GUNICORN_CMD_ARGS.
"""

from __future__ import annotations

import multiprocessing
import os

wsgi_app = "helpcenter.wsgi:application"
# gunicorn's own advice for sync workers: two per core, plus one.
workers = int(os.environ.get("GUNICORN_WORKERS", 0)) or multiprocessing.cpu_count() * 2 + 1
# Load the content once, in the master, before forking: a broken content file stops the start,
# and every worker serves the same content version.
preload_app = True
timeout = 30
graceful_timeout = 20
# One JSON line a request on stdout: status, time, method and path. No query string (it can hold
# a user's error details), no address, no browser.
accesslog = "-"
access_log_format = '{"status": %(s)s, "ms": %(M)s, "method": "%(m)s", "path": "%(U)s"}'
errorlog = "-"
