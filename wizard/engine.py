"""The wizard's decision engine: answers so far -> next question, or outcome.

The questions, answers and outcomes are data (content/wizard/flow.toml); this module only loads
them, checks them, and walks them. It is pure Python (stdlib only) so that every path of the flow
can be tested without HTTP, and so that the views stay thin.

State lives in the URL: each answered question is one query-string parameter named after the
question (`?seen=need_admin_approval`). `resolve()` never trusts those parameters: it follows the
flow from the start and keeps only the answers that make sense on the way; everything else is
reported in `Resolution.problems`, so that the view can redirect to a clean URL with a notice.
"""

from __future__ import annotations

import re
import tomllib
from collections import deque
from collections.abc import Callable, Collection, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any

from wizard.diagnostics import (
    ErrorDetails,
    clean_code,
    clean_guid,
    clean_oauth_error,
    clean_timestamp,
)

LANGUAGES: tuple[str, ...] = ("fr", "en")

CHOICE = "choice"  # the user picks one of the answers
CODE = "code"  # the user pastes an error; the AADSTS code (or OAuth error) picks the outcome
QUESTION_KINDS = (CHOICE, CODE)

# The details read from a pasted error ride along in the URL next to the code question, so that
# the outcome page and the admin email can quote them. Query-string name -> ErrorDetails field.
DETAIL_PARAMS: Mapping[str, str] = MappingProxyType(
    {"cid": "correlation_id", "rid": "request_id", "ts": "timestamp"}
)
_DETAIL_CLEANERS: Mapping[str, Callable[[str], str | None]] = MappingProxyType(
    {"cid": clean_guid, "rid": clean_guid, "ts": clean_timestamp}
)

# No legitimate answer is longer than this; anything longer is tampering or an accident.
MAX_VALUE_CHARS = 100
_MAX_REPORTED_NAME_CHARS = 40

# Question ids become query-string names, so they are short; answer and outcome ids are values.
QUESTION_ID = re.compile(r"[a-z][a-z0-9_]{0,15}", re.ASCII)
NODE_ID = re.compile(r"[a-z][a-z0-9_]{0,39}", re.ASCII)

PLACEHOLDER_KINDS = ("label", "path", "path-older", "roles", "url", "code")
_PLACEHOLDER = re.compile(r"\[\[(.*?)\]\]", re.DOTALL)
_PLACEHOLDER_PARTS = re.compile(r"([a-z-]+):([a-z0-9_]+)", re.ASCII)

# Problem reasons: short and stable, so that the view can turn them into a sentence.
UNKNOWN_PARAMETER = "unknown_parameter"
UNKNOWN_ANSWER = "unknown_answer"
NOT_ON_PATH = "not_on_path"  # an answer to a question the other answers do not lead to
MALFORMED_CODE = "malformed_code"
MALFORMED_DETAIL = "malformed_detail"
TOO_LONG = "too_long"
MALFORMED_VALUE = "malformed_value"  # not a string at all


class FlowError(ValueError):
    """The flow file is not shaped as expected; the message names the field."""


# --- Data ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Localized[T]:
    """One value per language: a text, or a list of texts (steps)."""

    by_language: tuple[tuple[str, T], ...]

    @classmethod
    def of(cls, values: Mapping[str, T]) -> Localized[T]:
        return cls(tuple(values.items()))

    @property
    def languages(self) -> tuple[str, ...]:
        return tuple(language for language, _ in self.by_language)

    def get(self, language: str, fallback: str = "fr") -> T | None:
        """The value in `language`, else in `fallback` (French is the source language)."""
        values = dict(self.by_language)
        return values.get(language, values.get(fallback))


@dataclass(frozen=True)
class Answer:
    id: str  # the query-string value
    text: Localized[str] = field(repr=False)
    next: str  # a question id or an outcome id


@dataclass(frozen=True)
class Question:
    id: str  # the query-string name
    kind: str  # CHOICE or CODE
    text: Localized[str] = field(repr=False)
    help: Localized[str] | None = field(default=None, repr=False)
    answers: tuple[Answer, ...] = field(default=(), repr=False)
    unknown_next: str | None = None  # CODE only: the outcome for a code the flow does not map

    def answer(self, answer_id: str) -> Answer | None:
        return next((answer for answer in self.answers if answer.id == answer_id), None)


@dataclass(frozen=True)
class AdminRoute:
    """One of several ways for the admin to fix the same situation (case 3 has two)."""

    id: str
    title: Localized[str]
    steps: Localized[tuple[str, ...]]


@dataclass(frozen=True)
class Outcome:
    id: str
    title: Localized[str] = field(repr=False)
    summary: Localized[str] = field(repr=False)  # what it means
    user_steps: Localized[tuple[str, ...]] = field(repr=False)
    next_step: Localized[str] = field(repr=False)
    needs_admin: bool = False
    case: int | None = None  # 1, 2 or 3 for the article's three cases
    admin_steps: Localized[tuple[str, ...]] | None = field(default=None, repr=False)
    admin_routes: tuple[AdminRoute, ...] = field(default=(), repr=False)
    # How long the admin's change can take to apply; only where Microsoft says.
    delay: Localized[str] | None = field(default=None, repr=False)
    article_anchor: Localized[str] | None = field(default=None, repr=False)
    admin_guide: str | None = None  # which admin-guide page, e.g. "case-3"
    contact_support: bool = False  # show the way to Zeliq support
    error_lookup: bool = False  # show the link to Microsoft's page for the user's code


@dataclass(frozen=True, eq=False)
class Flow:
    start: str
    questions: Mapping[str, Question]
    outcomes: Mapping[str, Outcome]
    codes: Mapping[str, str]  # AADSTS code -> outcome id
    oauth_errors: Mapping[str, str]  # bare OAuth `error` value -> outcome id

    def node_exists(self, node_id: str) -> bool:
        return node_id in self.questions or node_id in self.outcomes


@dataclass(frozen=True)
class CodeAnswer:
    """The answer to a CODE question: an AADSTS code, or a known OAuth error such as access_denied."""

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


@dataclass(frozen=True)
class Resolution:
    answered: tuple[tuple[Question, Answer | CodeAnswer], ...]
    question: Question | None  # the next question to ask, or None
    outcome: Outcome | None  # the outcome reached, or None
    problems: tuple[Problem, ...]  # the parameters that were ignored, and why
    step: int  # 1-based; the outcome page counts as the last step
    total_steps: int  # an estimate while questions remain: "step 2 of about 3"
    details: ErrorDetails | None = None  # validated code, IDs and timestamp, when a code was given

    @property
    def is_clean(self) -> bool:
        return not self.problems


# --- Loading ---------------------------------------------------------------------------------------


def load_flow(path: str | Path) -> Flow:
    """Read and shape-check flow.toml. Raises FlowError (or tomllib's error) naming the field."""
    with Path(path).open("rb") as file:
        return parse_flow(tomllib.load(file))


def parse_flow(data: Mapping[str, Any]) -> Flow:
    _only_keys(data, {"start", "questions", "outcomes", "codes", "oauth_errors"}, "flow")
    questions = {
        question_id: _parse_question(question_id, raw)
        for question_id, raw in _table(data.get("questions"), "questions").items()
    }
    outcomes = {
        outcome_id: _parse_outcome(outcome_id, raw)
        for outcome_id, raw in _table(data.get("outcomes"), "outcomes").items()
    }
    return Flow(
        start=_string(data.get("start"), "start"),
        questions=MappingProxyType(questions),
        outcomes=MappingProxyType(outcomes),
        codes=MappingProxyType(_string_table(data.get("codes", {}), "codes")),
        oauth_errors=MappingProxyType(_string_table(data.get("oauth_errors", {}), "oauth_errors")),
    )


def _parse_question(question_id: str, raw: Any) -> Question:
    where = f"questions.{question_id}"
    table = _table(raw, where)
    _only_keys(table, {"kind", "text", "help", "answers", "unknown_next"}, where)
    kind = _string(table.get("kind"), f"{where}.kind")
    if kind not in QUESTION_KINDS:
        raise FlowError(f"{where}.kind: must be one of {', '.join(QUESTION_KINDS)}")
    answers = tuple(
        _parse_answer(raw_answer, f"{where}.answers[{index}]")
        for index, raw_answer in enumerate(_list(table.get("answers", []), f"{where}.answers"))
    )
    return Question(
        id=question_id,
        kind=kind,
        text=_text(table.get("text"), f"{where}.text"),
        help=_optional(table.get("help"), _text, f"{where}.help"),
        answers=answers,
        unknown_next=_optional(table.get("unknown_next"), _string, f"{where}.unknown_next"),
    )


def _parse_answer(raw: Any, where: str) -> Answer:
    table = _table(raw, where)
    _only_keys(table, {"id", "text", "next"}, where)
    return Answer(
        id=_string(table.get("id"), f"{where}.id"),
        text=_text(table.get("text"), f"{where}.text"),
        next=_string(table.get("next"), f"{where}.next"),
    )


_OUTCOME_KEYS = {
    "case",
    "needs_admin",
    "title",
    "summary",
    "user_steps",
    "admin_steps",
    "admin_routes",
    "delay",
    "next_step",
    "article_anchor",
    "admin_guide",
    "contact_support",
    "error_lookup",
}


def _parse_outcome(outcome_id: str, raw: Any) -> Outcome:
    where = f"outcomes.{outcome_id}"
    table = _table(raw, where)
    _only_keys(table, _OUTCOME_KEYS, where)
    routes = tuple(
        _parse_route(raw_route, f"{where}.admin_routes[{index}]")
        for index, raw_route in enumerate(
            _list(table.get("admin_routes", []), f"{where}.admin_routes")
        )
    )
    return Outcome(
        id=outcome_id,
        title=_text(table.get("title"), f"{where}.title"),
        summary=_text(table.get("summary"), f"{where}.summary"),
        user_steps=_steps(table.get("user_steps"), f"{where}.user_steps"),
        next_step=_text(table.get("next_step"), f"{where}.next_step"),
        needs_admin=_boolean(table.get("needs_admin"), f"{where}.needs_admin"),
        case=_optional(table.get("case"), _integer, f"{where}.case"),
        admin_steps=_optional(table.get("admin_steps"), _steps, f"{where}.admin_steps"),
        admin_routes=routes,
        delay=_optional(table.get("delay"), _text, f"{where}.delay"),
        article_anchor=_optional(table.get("article_anchor"), _text, f"{where}.article_anchor"),
        admin_guide=_optional(table.get("admin_guide"), _string, f"{where}.admin_guide"),
        contact_support=_boolean(table.get("contact_support", False), f"{where}.contact_support"),
        error_lookup=_boolean(table.get("error_lookup", False), f"{where}.error_lookup"),
    )


def _parse_route(raw: Any, where: str) -> AdminRoute:
    table = _table(raw, where)
    _only_keys(table, {"id", "title", "steps"}, where)
    return AdminRoute(
        id=_string(table.get("id"), f"{where}.id"),
        title=_text(table.get("title"), f"{where}.title"),
        steps=_steps(table.get("steps"), f"{where}.steps"),
    )


def _table(raw: Any, where: str) -> Mapping[str, Any]:
    if not isinstance(raw, Mapping):
        raise FlowError(f"{where}: expected a table")
    return raw


def _list(raw: Any, where: str) -> list[Any]:
    if not isinstance(raw, list):
        raise FlowError(f"{where}: expected a list")
    return raw


def _string(raw: Any, where: str) -> str:
    if not isinstance(raw, str):
        raise FlowError(f"{where}: expected a string")
    return raw


def _boolean(raw: Any, where: str) -> bool:
    if not isinstance(raw, bool):
        raise FlowError(f"{where}: expected true or false")
    return raw


def _integer(raw: Any, where: str) -> int:
    if isinstance(raw, bool) or not isinstance(raw, int):
        raise FlowError(f"{where}: expected a whole number")
    return raw


def _optional[T](raw: Any, parse: Callable[[Any, str], T], where: str) -> T | None:
    return None if raw is None else parse(raw, where)


def _only_keys(table: Mapping[str, Any], allowed: set[str], where: str) -> None:
    # A misspelt key ("nxt") would otherwise be silently ignored.
    unknown = sorted(set(table) - allowed)
    if unknown:
        raise FlowError(f"{where}: unknown key {', '.join(unknown)}")


def _string_table(raw: Any, where: str) -> dict[str, str]:
    return {key: _string(value, f"{where}.{key}") for key, value in _table(raw, where).items()}


def _text(raw: Any, where: str) -> Localized[str]:
    return Localized.of(_string_table(raw, where))


def _steps(raw: Any, where: str) -> Localized[tuple[str, ...]]:
    table = _table(raw, where)
    return Localized.of(
        {
            language: tuple(
                _string(step, f"{where}.{language}[{index}]")
                for index, step in enumerate(_list(steps, f"{where}.{language}"))
            )
            for language, steps in table.items()
        }
    )


# --- Checking --------------------------------------------------------------------------------------


def flow_problems(
    flow: Flow,
    languages: Collection[str] = LANGUAGES,
    known_placeholders: Mapping[str, Collection[str]] | None = None,
) -> list[str]:
    """Everything wrong with the flow, one readable sentence each; an empty list means it is sound.

    `known_placeholders` maps a placeholder kind ("label", "path", …) to the keys the facts store
    has; without it, only the placeholders' syntax is checked.
    """
    return [
        *_id_problems(flow),
        *_link_problems(flow),
        *_reachability_problems(flow),
        *_cycle_problems(flow),
        *_outcome_problems(flow),
        *_text_problems(flow, languages),
        *_placeholder_problems(flow, known_placeholders),
    ]


def _id_problems(flow: Flow) -> Iterator[str]:
    for question in flow.questions.values():
        if not QUESTION_ID.fullmatch(question.id):
            yield f"questions.{question.id}: a question id is 1-16 of a-z, 0-9, _ (it names a URL parameter)"
        if question.id in DETAIL_PARAMS:
            yield f"questions.{question.id}: this id is reserved for error details"
        if question.id in flow.outcomes:
            yield f"questions.{question.id}: an outcome has the same id"
        answer_ids = [answer.id for answer in question.answers]
        for answer_id in sorted({a for a in answer_ids if answer_ids.count(a) > 1}):
            yield f"questions.{question.id}: two answers are called {answer_id}"
        for answer_id in answer_ids:
            if not NODE_ID.fullmatch(answer_id):
                yield f"questions.{question.id}.{answer_id}: an answer id is a-z, 0-9, _"
    for outcome_id in flow.outcomes:
        if not NODE_ID.fullmatch(outcome_id):
            yield f"outcomes.{outcome_id}: an outcome id is a-z, 0-9, _"


def _link_problems(flow: Flow) -> Iterator[str]:
    if flow.start not in flow.questions:
        yield f"start: {flow.start} is not a question"
    for question in flow.questions.values():
        yield from _question_link_problems(flow, question)
    for code, target in flow.codes.items():
        if clean_code(code) is None:
            yield f"codes.{code}: a code is 5 to 7 digits, without AADSTS"
        if target not in flow.outcomes:
            yield f"codes.{code}: {target} is not an outcome"
    for error, target in flow.oauth_errors.items():
        if clean_oauth_error(error) != error or clean_code(error) is not None:
            yield f"oauth_errors.{error}: an OAuth error is lowercase letters and _"
        if target not in flow.outcomes:
            yield f"oauth_errors.{error}: {target} is not an outcome"
    if (flow.codes or flow.oauth_errors) and not _code_questions(flow):
        yield "codes: there is no question of kind code to ask for them"


def _code_questions(flow: Flow) -> list[Question]:
    return [question for question in flow.questions.values() if question.kind == CODE]


def _question_link_problems(flow: Flow, question: Question) -> Iterator[str]:
    where = f"questions.{question.id}"
    if question.kind == CHOICE:
        if len(question.answers) < 2:
            yield f"{where}: a choice question needs at least two answers"
        if question.unknown_next is not None:
            yield f"{where}.unknown_next: only a code question has one"
        for answer in question.answers:
            if not flow.node_exists(answer.next):
                yield f"{where}.{answer.id}: next {answer.next} is neither a question nor an outcome"
    else:
        if question.answers:
            yield f"{where}: a code question has no answers (codes are in [codes])"
        if question.unknown_next not in flow.outcomes:
            yield f"{where}.unknown_next: must name the outcome for codes the flow does not know"


def _reachability_problems(flow: Flow) -> Iterator[str]:
    reached = _reachable(flow)
    for question_id in flow.questions:
        if question_id not in reached:
            yield f"questions.{question_id}: no path from the start reaches it"
    for outcome_id in flow.outcomes:
        if outcome_id not in reached:
            yield f"outcomes.{outcome_id}: no path from the start reaches it"


def _reachable(flow: Flow) -> set[str]:
    reached: set[str] = set()
    waiting = [flow.start]
    while waiting:
        node_id = waiting.pop()
        if node_id in reached or not flow.node_exists(node_id):
            continue
        reached.add(node_id)
        if node_id in flow.questions:
            waiting.extend(_exits(flow, flow.questions[node_id]))
    return reached


def _exits(flow: Flow, question: Question) -> list[str]:
    """Where a question can lead: its answers, or for a code question, every mapped outcome."""
    if question.kind == CHOICE:
        return [answer.next for answer in question.answers]
    exits = [*flow.codes.values(), *flow.oauth_errors.values()]
    return [*exits, question.unknown_next] if question.unknown_next else exits


def _cycle_problems(flow: Flow) -> Iterator[str]:
    # A cycle would let the wizard ask the same question forever: depth-first search, and any
    # question met again while still on the current path closes a cycle.
    on_path: list[str] = []
    finished: set[str] = set()
    found: list[str] = []

    def visit(question_id: str) -> None:
        if question_id in finished:
            return
        if question_id in on_path:
            cycle = [*on_path[on_path.index(question_id) :], question_id]
            found.append(f"questions: cycle {' -> '.join(cycle)}")
            return
        on_path.append(question_id)
        for next_id in _exits(flow, flow.questions[question_id]):
            if next_id in flow.questions:
                visit(next_id)
        on_path.pop()
        finished.add(question_id)

    for question_id in flow.questions:
        visit(question_id)
    yield from found


def _outcome_problems(flow: Flow) -> Iterator[str]:
    for outcome in flow.outcomes.values():
        where = f"outcomes.{outcome.id}"
        if outcome.case is not None and outcome.case not in (1, 2, 3):
            yield f"{where}.case: must be 1, 2 or 3"
        if outcome.needs_admin and outcome.admin_steps is None and not outcome.admin_routes:
            yield f"{where}: needs_admin is true but there are no admin_steps or admin_routes"
        if outcome.needs_admin and not outcome.admin_guide:
            yield f"{where}: needs_admin is true but there is no admin_guide"
        if not outcome.needs_admin and outcome.admin_guide:
            yield f"{where}: admin_guide is set but needs_admin is false"
        route_ids = [route.id for route in outcome.admin_routes]
        if len(set(route_ids)) != len(route_ids):
            yield f"{where}.admin_routes: two routes have the same id"


def _text_problems(flow: Flow, languages: Collection[str]) -> Iterator[str]:
    for where, localized in _localized_fields(flow):
        for language in languages:
            value = dict(localized.by_language).get(language)
            if value is None:
                yield f"{where}: no {language} text"
            elif isinstance(value, str) and not value.strip():
                yield f"{where}.{language}: empty text"
            elif isinstance(value, tuple):
                yield from _step_problems(f"{where}.{language}", value)
        step_counts = {len(value) for _, value in localized.by_language if isinstance(value, tuple)}
        if len(step_counts) > 1:
            yield f"{where}: the languages do not have the same number of steps"


def _step_problems(where: str, steps: tuple[str, ...]) -> Iterator[str]:
    if not steps:
        yield f"{where}: no steps"
    for index, step in enumerate(steps):
        if not step.strip():
            yield f"{where}[{index}]: empty step"


def _localized_fields(flow: Flow) -> Iterator[tuple[str, Localized[Any]]]:
    for question in flow.questions.values():
        where = f"questions.{question.id}"
        yield f"{where}.text", question.text
        if question.help is not None:
            yield f"{where}.help", question.help
        for answer in question.answers:
            yield f"{where}.{answer.id}.text", answer.text
    for outcome in flow.outcomes.values():
        yield from _outcome_localized_fields(outcome)


def _outcome_localized_fields(outcome: Outcome) -> Iterator[tuple[str, Localized[Any]]]:
    where = f"outcomes.{outcome.id}"
    yield f"{where}.title", outcome.title
    yield f"{where}.summary", outcome.summary
    yield f"{where}.user_steps", outcome.user_steps
    yield f"{where}.next_step", outcome.next_step
    optional = {
        "admin_steps": outcome.admin_steps,
        "delay": outcome.delay,
        "article_anchor": outcome.article_anchor,
    }
    for name, localized in optional.items():
        if localized is not None:
            yield f"{where}.{name}", localized
    for route in outcome.admin_routes:
        yield f"{where}.admin_routes.{route.id}.title", route.title
        yield f"{where}.admin_routes.{route.id}.steps", route.steps


def _placeholder_problems(flow: Flow, known: Mapping[str, Collection[str]] | None) -> Iterator[str]:
    for where, localized in _localized_fields(flow):
        for language, value in localized.by_language:
            texts = value if isinstance(value, tuple) else (value,)
            for text in texts:
                yield from _text_placeholder_problems(f"{where}.{language}", text, known)


def _text_placeholder_problems(
    where: str, text: str, known: Mapping[str, Collection[str]] | None
) -> Iterator[str]:
    for match in _PLACEHOLDER.finditer(text):
        parts = _PLACEHOLDER_PARTS.fullmatch(match[1])
        if parts is None or parts[1] not in PLACEHOLDER_KINDS:
            yield f"{where}: {match[0]} is not a placeholder like [[label:save]]"
        elif known is not None and parts[2] not in _known_keys(known, parts[1]):
            yield f"{where}: {match[0]} names no known {parts[1]}"
    leftover = _PLACEHOLDER.sub("", text)
    if "[[" in leftover or "]]" in leftover:
        yield f"{where}: unbalanced [[ or ]]"


def _known_keys(known: Mapping[str, Collection[str]], kind: str) -> Collection[str]:
    # [[path-older:x]] renders the older names of the path x, so it takes path keys.
    return known.get(kind, known.get("path", ())) if kind == "path-older" else known.get(kind, ())


def placeholders(flow: Flow) -> set[tuple[str, str]]:
    """Every (kind, key) placeholder the flow's texts use, e.g. ("label", "save")."""
    found: set[tuple[str, str]] = set()
    for _, localized in _localized_fields(flow):
        for _, value in localized.by_language:
            for text in value if isinstance(value, tuple) else (value,):
                for match in _PLACEHOLDER.finditer(text):
                    parts = _PLACEHOLDER_PARTS.fullmatch(match[1])
                    if parts:
                        found.add((parts[1], parts[2]))
    return found


# --- Walking ---------------------------------------------------------------------------------------


def resolve(flow: Flow, params: Mapping[str, str], *, ignore: Collection[str] = ()) -> Resolution:
    """Follow the answers in `params` from the start question; never raises on bad input.

    `ignore` names parameters the caller handles itself (e.g. a tenant domain for the admin email):
    they are neither used nor reported.
    """
    pending, problems = _screen_params(params, ignore)
    answered: list[tuple[Question, Answer | CodeAnswer]] = []
    details: ErrorDetails | None = None
    node_id: str | None = flow.start
    while node_id in flow.questions and node_id in pending:
        question = flow.questions[node_id]
        given, next_id, problem = _read_answer(flow, question, pending.pop(node_id))
        if problem is not None:
            problems.append(problem)
            break
        answered.append((question, given))
        if isinstance(given, CodeAnswer):
            details = _read_details(given, pending, problems)
        node_id = next_id
    problems.extend(_leftover_problems(flow, pending))
    return _resolution(flow, answered, node_id, problems, details)


def _screen_params(
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


def _read_answer(
    flow: Flow, question: Question, raw: str
) -> tuple[Answer | CodeAnswer | None, str | None, Problem | None]:
    if question.kind == CODE:
        return _read_code(flow, question, raw)
    answer = question.answer(raw)
    if answer is None:
        return None, None, Problem(UNKNOWN_ANSWER, question.id)
    return answer, answer.next, None


def _read_code(
    flow: Flow, question: Question, raw: str
) -> tuple[CodeAnswer | None, str | None, Problem | None]:
    if raw in flow.oauth_errors:
        return CodeAnswer(raw, is_oauth_error=True), flow.oauth_errors[raw], None
    code = clean_code(raw)
    if code is None:
        return None, None, Problem(MALFORMED_CODE, question.id)
    return CodeAnswer(code), flow.codes.get(code, question.unknown_next), None


def _read_details(
    given: CodeAnswer, pending: dict[str, str], problems: list[Problem]
) -> ErrorDetails:
    fields: dict[str, str] = {}
    for param, field_name in DETAIL_PARAMS.items():
        raw = pending.pop(param, None)
        if raw is None:
            continue
        cleaned = _DETAIL_CLEANERS[param](raw)
        if cleaned is None:
            problems.append(Problem(MALFORMED_DETAIL, param))
        else:
            fields[field_name] = cleaned
    if given.is_oauth_error:
        return ErrorDetails(oauth_error=given.value, **fields)
    return ErrorDetails(code=given.value, **fields)


def _leftover_problems(flow: Flow, pending: Mapping[str, str]) -> Iterator[Problem]:
    for name in pending:
        known = name in flow.questions or name in DETAIL_PARAMS
        yield Problem(NOT_ON_PATH if known else UNKNOWN_PARAMETER, name)


def _resolution(
    flow: Flow,
    answered: list[tuple[Question, Answer | CodeAnswer]],
    node_id: str | None,
    problems: list[Problem],
    details: ErrorDetails | None,
) -> Resolution:
    outcome = flow.outcomes.get(node_id) if node_id else None
    question = flow.questions.get(node_id) if node_id and outcome is None else None
    step = len(answered) + 1
    total = step + _questions_left(flow).get(question.id, 0) if question else step
    return Resolution(
        answered=tuple(answered),
        question=question,
        outcome=outcome,
        problems=tuple(problems),
        step=step,
        total_steps=total,
        details=details,
    )


def _questions_left(flow: Flow) -> dict[str, int]:
    """For each question, the fewest questions (itself included) before an outcome."""
    left: dict[str, int] = {}
    # Relax until stable; the flow is a few questions, and a cycle simply never improves.
    for _ in range(len(flow.questions)):
        for question in flow.questions.values():
            options = [
                0 if next_id in flow.outcomes else left[next_id]
                for next_id in _exits(flow, question)
                if next_id in flow.outcomes or next_id in left
            ]
            if options:
                left[question.id] = 1 + min(options)
    return left


# --- Query strings ---------------------------------------------------------------------------------


def answers_query(resolution: Resolution) -> dict[str, str]:
    """The clean query string for the answers so far: the URL to redirect to after problems."""
    return _query(resolution.answered, resolution.details)


def change_answer_query(resolution: Resolution, question_id: str) -> dict[str, str]:
    """The answers before `question_id`: the link that lets the user answer it again.

    Later answers are dropped, because a new answer may lead down another branch.
    """
    ids = [question.id for question, _ in resolution.answered]
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
    path = _path_to_code_question(flow)
    if path is None:
        return {}
    query, code_question_id = path
    return {**query, **(_code_params(flow, code_question_id, details) or {})}


def outcome_query(flow: Flow, outcome_id: str) -> dict[str, str] | None:
    """The shortest answers that lead to an outcome (for support agents' links), or None.

    Outcomes reached only through an unmapped code have no such link: they need the user's code.
    """
    waiting: deque[tuple[str, dict[str, str]]] = deque([(flow.start, {})])
    seen: set[str] = set()
    while waiting:
        question_id, query = waiting.popleft()
        if question_id in seen or question_id not in flow.questions:
            continue
        seen.add(question_id)
        for value, next_id in _labelled_exits(flow, flow.questions[question_id]):
            step_query = {**query, question_id: value}
            if next_id == outcome_id:
                return step_query
            waiting.append((next_id, step_query))
    return None


def _labelled_exits(flow: Flow, question: Question) -> list[tuple[str, str]]:
    """(query-string value, where it leads) for every way out of a question."""
    if question.kind == CHOICE:
        return [(answer.id, answer.next) for answer in question.answers]
    return [*flow.codes.items(), *flow.oauth_errors.items()]


def _path_to_code_question(flow: Flow) -> tuple[dict[str, str], str] | None:
    waiting: deque[tuple[str, dict[str, str]]] = deque([(flow.start, {})])
    seen: set[str] = set()
    while waiting:
        question_id, query = waiting.popleft()
        question = flow.questions.get(question_id)
        if question is None or question_id in seen:
            continue
        if question.kind == CODE:
            return query, question_id
        seen.add(question_id)
        for answer in question.answers:
            waiting.append((answer.next, {**query, question_id: answer.id}))
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
        if value and _DETAIL_CLEANERS[param](value) is not None:
            query[param] = value
    return query


def _query(
    answered: tuple[tuple[Question, Answer | CodeAnswer], ...], details: ErrorDetails | None
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
