"""The query strings of wizard links: the answers so far, one more, one fewer, or a direct way in.

Each function returns the parameters of the wizard's page; the URL itself is built by the caller,
with `reverse(..., query=...)`.
"""

from __future__ import annotations

from collections.abc import Mapping

from wizard.addresses import is_plausible_domain
from wizard.diagnostics import ErrorDetails, clean_code
from wizard.flow.model import CODE, Flow, Question
from wizard.flow.walk import (
    DETAIL_CLEANERS,
    DETAIL_PARAMS,
    UNKNOWN_PARAMETER,
    CodeAnswer,
    Given,
    Resolution,
)

# The customer's company domain, when a support agent's link names it: the admin guide and the
# consent link in her email are then for her tenant, whatever address she types.
TENANT = "tenant"
# Parameters of the page itself, not answers: a notice after a repaired link, feedback given, and
# the tenant (any plausible domain: see page_tenant).
PAGE_PARAMS = {"fixed": ("1",), "solved": ("yes", "no"), TENANT: ()}


def page_tenant(params: Mapping[str, str]) -> str | None:
    tenant = params.get(TENANT)
    return tenant if isinstance(tenant, str) and is_plausible_domain(tenant) else None


def answers_query(resolution: Resolution) -> dict[str, str]:
    """The clean query string for the answers so far: the URL to redirect to after problems."""
    return _query(resolution.answered, resolution.details)


def page_query(resolution: Resolution, params: Mapping[str, str]) -> dict[str, str]:
    """The one address of the page that `params` asked for: its answers in the flow's order,
    then the page's own notices, each only with a value it can take.

    Parameters the flow does not know (utm_source, a typo) are dropped without a notice; answers
    that do not fit the flow are dropped with one ("fixed=1"). A page has one address, so that a
    cache (this server's, a CDN) keeps one copy of it and the canonical link names it.
    """
    query = answers_query(resolution)
    repaired = any(problem.reason != UNKNOWN_PARAMETER for problem in resolution.problems)
    for name, values in PAGE_PARAMS.items():
        if repaired and name == "fixed":
            query[name] = "1"
        elif name == TENANT:
            if page_tenant(params):
                query[name] = params[name]
        elif params.get(name) in values:
            query[name] = params[name]
    return query


def change_answer_query(resolution: Resolution, question_id: str) -> dict[str, str]:
    """The answers before `question_id`: the link that lets the user answer it again.

    Later answers are dropped, because a new answer may lead down another branch.
    """
    ids = [question.id for question, _given in resolution.answered]
    if question_id not in ids:
        return answers_query(resolution)
    return _query(resolution.answered[: ids.index(question_id)], resolution.details)


def with_answer_query(resolution: Resolution, answer_id: str) -> dict[str, str]:
    """The answers so far plus `answer_id` for the current (choice) question."""
    query = answers_query(resolution)
    if resolution.question is not None:
        query[resolution.question.id] = answer_id
    return query


def with_code_query(
    flow: Flow, resolution: Resolution, details: ErrorDetails
) -> dict[str, str] | None:
    """The answers so far plus what was read from a pasted error, or None if it has no usable code."""
    if resolution.question is None or resolution.question.kind != CODE:
        return None
    code_params = _code_params(flow, resolution.question.id, details)
    return None if code_params is None else {**answers_query(resolution), **code_params}


def error_query(flow: Flow, details: ErrorDetails) -> dict[str, str]:
    """The query string for an entry from an OAuth error redirect or a pasted error.

    With a code (or a known OAuth error) it leads straight to the outcome; without one, to the
    code question, so that the user can paste the error.
    """
    for question, query in flow.walk():
        if question.kind == CODE:
            return {**query, **(_code_params(flow, question.id, details) or {})}
    return {}


def outcome_query(flow: Flow, outcome_id: str) -> dict[str, str] | None:
    """The shortest answers that lead to an outcome (for support agents' links), or None.

    Outcomes reached only through an unmapped code have no such link: they need the user's code.
    """
    for question, query in flow.walk():
        for value, next_id in flow.exits(question):
            if next_id == outcome_id and value is not None:
                return {**query, question.id: value}
    return None


def _code_params(flow: Flow, question_id: str, details: ErrorDetails) -> dict[str, str] | None:
    if details.code and clean_code(details.code):
        value = details.code
    elif details.oauth_error and details.oauth_error in flow.oauth_errors:
        value = details.oauth_error
    else:
        return None
    return {question_id: value, **_detail_query(details)}


def _detail_query(details: ErrorDetails) -> dict[str, str]:
    query: dict[str, str] = {}
    for param, field_name in DETAIL_PARAMS.items():
        value = getattr(details, field_name)
        if value and DETAIL_CLEANERS[param](value) is not None:
            query[param] = value
    return query


def _query(
    answered: tuple[tuple[Question, Given], ...], details: ErrorDetails | None
) -> dict[str, str]:
    query: dict[str, str] = {}
    for question, given in answered:
        if isinstance(given, CodeAnswer):
            query[question.id] = given.value
            if details is not None:
                query.update(_detail_query(details))
        else:
            query[question.id] = given.id
    return query
