"""The WSGI application, as gunicorn serves it.

The content is loaded and checked here, before the first request: a deploy with a broken content
file (bad TOML, a flow link to an outcome that does not exist) refuses to start, naming the file
and the field, instead of serving errors. With gunicorn's preload (`make serve`), the workers are
forked from this process, so a running server keeps the content it started with.
"""

from __future__ import annotations

import os

from django.core.exceptions import ImproperlyConfigured
from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "helpcenter.settings")

application = get_wsgi_application()

from helpcenter.content import get_library  # noqa: E402  (Django must be set up first)

_problems = get_library().problems
if _problems:
    raise ImproperlyConfigured(
        "content/ has mistakes; fix them (`make check` lists them too):\n"
        + "\n".join(f"  {problem}" for problem in _problems)
    )
