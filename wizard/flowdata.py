"""The wizard's flow, loaded once per process and checked against the facts store."""

from __future__ import annotations

import tomllib
from pathlib import Path

from django.conf import settings

from helpcenter.content import get_library
from helpcenter.facts import PLACEHOLDER_TABLES
from wizard.engine import Flow, FlowError, flow_problems, load_flow

_cache: dict[str, tuple[float, Flow | None, tuple[str, ...]]] = {}


def flow_file() -> Path:
    return Path(settings.CONTENT_DIR) / "wizard" / "flow.toml"


def _load() -> tuple[Flow | None, tuple[str, ...]]:
    path = flow_file()
    try:
        flow = load_flow(path)
    except (OSError, FlowError, tomllib.TOMLDecodeError) as error:
        return None, (f"{path}: {error}",)
    facts = get_library().facts
    known = {kind: set(getattr(facts, table)) for kind, table in PLACEHOLDER_TABLES.items()}
    languages = [code for code, _name in settings.LANGUAGES]
    problems = flow_problems(flow, languages, known_placeholders=known)
    return flow, tuple(f"{path}: {problem}" for problem in problems)


def flow_and_problems() -> tuple[Flow | None, tuple[str, ...]]:
    """Loaded once; with DEBUG on, reloaded when the file changes."""
    path = flow_file()
    signature = path.stat().st_mtime if settings.DEBUG and path.exists() else 0.0
    cached = _cache.get(str(path))
    if cached is None or cached[0] != signature:
        cached = (signature, *_load())
        _cache[str(path)] = cached
    return cached[1], cached[2]


def get_flow() -> Flow:
    flow, _problems = flow_and_problems()
    if flow is None:
        raise FlowError(f"{flow_file()} could not be loaded: run `manage.py check`")
    return flow


def clear_flow_cache() -> None:
    _cache.clear()
