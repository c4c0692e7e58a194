"""The wizard's engine: the answers in the query string -> the next question, or an outcome.

State lives in the URL: each answered question is one query-string parameter named after the
question (`?seen=need_admin_approval`). `resolve()` never trusts those parameters: it follows the
flow from the start and keeps only the answers that make sense on the way; everything else is
reported in `Resolution.problems`, so that the view can redirect to a clean URL with a notice.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterator, Mapping
from dataclasses import dataclass
from types import MappingProxyType

from wizard.diagnostics import ErrorDetails, clean_code, clean_guid, clean_timestamp
from wizard.flow.model import CODE, Answer, Flow, Outcome, Question

# The details read from a pasted error ride along in the URL next to the code question, so that
# the outcome page and the admin email can quote them. Query-string name -> ErrorDetails field.
DETAIL_PARAMS: Mapping[str, str] = MappingProxyType(
    {"cid": "correlation_id", "rid": "request_id", "ts": "timestamp"}
)
DETAIL_CLEANERS: Mapping[str, Callable[[str], str | None]] = MappingProxyType(
    {"cid": clean_guid, "rid": clean_guid, "ts": clean_timestamp}
)

# No legitimate answer is longer than this; anything longer is tampering or an accident.
MAX_VALUE_CHARS = 100
_MAX_REPORTED_NAME_CHARS = 40

# Problem reasons: short and stable, so that the view can turn them into a sentence.
UNKNOWN_PARAMETER = "unknown_parameter"
UNKNOWN_ANSWER = "unknown_answer"
NOT_ON_PATH = "not_on_path"  # an answer to a question the other answers do not lead to
MALFORMED_CODE = "malformed_code"
MALFORMED_DETAIL = "malformed_detail"
TOO_LONG = "too_long"
MALFORMED_VALUE = "malformed_value"  # not a string at all


@dataclass(frozen=True)
class CodeAnswer:
    """The answer to a code question: an AADSTS code, or a known OAuth error (access_denied)."""

    value: str
    is_oauth_error: bool = False

    @property
    def display(self) -> str:
        return self.value if self.is_oauth_error else f"AADSTS{self.value}"


@dataclass(frozen=True)
class Problem:
    reason: str  # one of the reasons above
    param: str  # the query-string name it concerns

    def __str__(self) -> str:
        return f"{self.reason}:{self.param}"


Given = Answer | CodeAnswer


@dataclass(frozen=True)
class Resolution:
    answered: tuple[tuple[Question, Given], ...]
    question: Question | None  # the next question to ask, or None
    outcome: Outcome | None  # the outcome reached, or None
    problems: tuple[Problem, ...]  # the parameters that were ignored, and why
    step: int  # 1-based; the outcome page counts as the last step
    total_steps: int  # an estimate while questions remain: "step 2 of about 3"
    details: ErrorDetails | None = None  # validated code, IDs and timestamp, when a code was given

    @property
    def is_clean(self) -> bool:
        return not self.problems


def resolve(flow: Flow, params: Mapping[str, str], *, ignore: Collection[str] = ()) -> Resolution:
    """Follow the answers in `params` from the start question; never raises on bad input.

    `ignore` names parameters the caller handles itself (the page's own notices): they are neither
    used nor reported.
    """
    pending, problems = _screen(params, ignore)
    answered: list[tuple[Question, Given]] = []
    details: ErrorDetails | None = None
    node_id: str | None = flow.start
    while node_id in flow.questions and node_id in pending:
        question = flow.questions[node_id]
        given, next_id = _read_answer(flow, question, pending.pop(node_id))
        if given is None:
            problems.append(Problem(next_id, question.id))
            break
        answered.append((question, given))
        if isinstance(given, CodeAnswer):
            details = _read_details(given, pending, problems)
        node_id = next_id
    problems.extend(_leftovers(flow, pending))
    outcome = flow.outcomes.get(node_id) if node_id else None
    question = flow.questions.get(node_id) if node_id and outcome is None else None
    step = len(answered) + 1
    return Resolution(
        answered=tuple(answered),
        question=question,
        outcome=outcome,
        problems=tuple(problems),
        step=step,
        total_steps=step + flow.questions_left.get(question.id, 1) if question else step,
        details=details,
    )


def _screen(
    params: Mapping[str, str], ignore: Collection[str]
) -> tuple[dict[str, str], list[Problem]]:
    pending: dict[str, str] = {}
    problems: list[Problem] = []
    for name, value in params.items():
        if not isinstance(name, str) or name in ignore:
            continue
        reported_name = name[:_MAX_REPORTED_NAME_CHARS]
        if not isinstance(value, str):
            problems.append(Problem(MALFORMED_VALUE, reported_name))
        elif len(value) > MAX_VALUE_CHARS:
            problems.append(Problem(TOO_LONG, reported_name))
        elif len(name) > _MAX_REPORTED_NAME_CHARS:
            problems.append(Problem(UNKNOWN_PARAMETER, reported_name))
        else:
            pending[name] = value
    return pending, problems


def _read_answer(flow: Flow, question: Question, raw: str) -> tuple[Given | None, str]:
    """The answer and where it leads, or None and the reason it is refused."""
    if question.kind == CODE:
        if raw in flow.oauth_errors:
            return CodeAnswer(raw, is_oauth_error=True), flow.oauth_errors[raw]
        code = clean_code(raw)
        if code is None:
            return None, MALFORMED_CODE
        return CodeAnswer(code), flow.codes.get(code, question.unknown_next or "")
    answer = question.answer(raw)
    return (answer, answer.next) if answer else (None, UNKNOWN_ANSWER)


def _read_details(
    given: CodeAnswer, pending: dict[str, str], problems: list[Problem]
) -> ErrorDetails:
    fields: dict[str, str] = {}
    for param, field_name in DETAIL_PARAMS.items():
        raw = pending.pop(param, None)
        if raw is None:
            continue
        cleaned = DETAIL_CLEANERS[param](raw)
        if cleaned is None:
            problems.append(Problem(MALFORMED_DETAIL, param))
        else:
            fields[field_name] = cleaned
    if given.is_oauth_error:
        return ErrorDetails(oauth_error=given.value, **fields)
    return ErrorDetails(code=given.value, **fields)


def _leftovers(flow: Flow, pending: Mapping[str, str]) -> Iterator[Problem]:
    for name in pending:
        known = name in flow.questions or name in DETAIL_PARAMS
        yield Problem(NOT_ON_PATH if known else UNKNOWN_PARAMETER, name)
