"""Small synthetic flows for the engine's tests: the engine is tested on these, never on the
published content/wizard/flow.toml (which the content rules check)."""

from __future__ import annotations

import copy
from typing import Any

from wizard.flow.model import Flow


def text(name: str) -> dict[str, str]:
    return {"fr": f"{name} (fr)", "en": f"{name} (en)"}


def outcome(name: str, *, needs_admin: bool = False, **more: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "needs_admin": needs_admin,
        "title": text(f"{name} title"),
        "summary": text(f"{name} summary"),
        "user_steps": {"fr": [f"{name} étape"], "en": [f"{name} step"]},
        "next_step": text(f"{name} next"),
    }
    if needs_admin:
        data |= {"admin_steps": {"fr": ["admin"], "en": ["admin"]}, "admin_guide": "guide"}
    return data | more


def choice(*answers: tuple[str, str]) -> dict[str, Any]:
    return {
        "kind": "choice",
        "text": text("question"),
        "answers": [{"id": answer, "text": text(answer), "next": to} for answer, to in answers],
    }


# seen ─ a ──────────────────────────────→ out_a
#      ├ b ─→ more ─ yes ─→ out_b
#      │           └ no ──→ code
#      └ error_code ──────→ code ─ 90094, 50105, access_denied, or any other code (out_unknown)
SMALL: dict[str, Any] = {
    "start": "seen",
    "questions": {
        "seen": choice(("a", "out_a"), ("b", "more"), ("error_code", "code")),
        "more": choice(("yes", "out_b"), ("no", "code")),
        "code": {"kind": "code", "text": text("paste"), "unknown_next": "out_unknown"},
    },
    "outcomes": {
        "out_a": outcome("a", needs_admin=True),
        "out_b": outcome("b"),
        "out_unknown": outcome("unknown"),
    },
    "codes": {"90094": "out_a", "50105": "out_b"},
    "oauth_errors": {"access_denied": "out_b"},
}


def flow_data(**changes: Any) -> dict[str, Any]:
    """A deep copy of SMALL with top-level tables replaced or merged in."""
    data = copy.deepcopy(SMALL)
    for key, value in changes.items():
        if isinstance(value, dict) and isinstance(data.get(key), dict):
            data[key] = {**data[key], **value}
        else:
            data[key] = value
    return data


def make_flow(**changes: Any) -> Flow:
    return Flow.model_validate(flow_data(**changes))
