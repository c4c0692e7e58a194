"""The wizard's flow as data: questions, answers, outcomes and the error-code mapping.

The schema of content/wizard/flow.toml, written with the help center's schema library, so that a
mistake in the file is reported with its path, like any other content. A question's id is its name
in the page address (`?seen=need_admin_approval`); answer and outcome ids are values.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterator, Mapping
from functools import cached_property
from typing import Annotated, Any, Literal

from pydantic import Field, StringConstraints, model_validator

from helpcenter.content.localized import Steps, Text
from helpcenter.content.schema import Flag, Schema, Slug

CHOICE = "choice"  # the user picks one of the answers
CODE = "code"  # the user pastes an error; the AADSTS code (or OAuth error) picks the outcome

# Question ids become query-string names, so they are short; answer and outcome ids are values.
QuestionId = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]{0,15}$")]
NodeId = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]{0,39}$")]
CodeValue = Annotated[str, StringConstraints(pattern=r"^[0-9]{5,7}$")]
OAuthError = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z_]{0,63}$")]


class Answer(Schema):
    id: NodeId  # the query-string value
    text: Text
    next: str  # a question id or an outcome id


class Question(Schema):
    id: str  # the query-string name: the question's key in the file
    kind: Literal["choice", "code"]
    text: Text
    help: Text | None = None
    answers: tuple[Answer, ...] = ()
    unknown_next: str | None = None  # code only: the outcome for a code the flow does not map

    def answer(self, answer_id: str) -> Answer | None:
        return next((answer for answer in self.answers if answer.id == answer_id), None)


class AdminRoute(Schema):
    """One of several ways for the admin to fix the same situation (case 3 has two)."""

    id: NodeId
    title: Text
    steps: Steps


class Outcome(Schema):
    id: str  # its key in the file
    case: Annotated[int, Field(ge=1, le=3, strict=True)] | None = None  # the article's cases
    needs_admin: Flag
    title: Text
    summary: Text  # what it means
    user_steps: Steps
    admin_steps: Steps | None = None
    admin_routes: tuple[AdminRoute, ...] = ()
    delay: Text | None = None  # how long the admin's change can take; only where Microsoft says
    next_step: Text
    article_anchor: Text | None = None  # the section of the help article that explains it
    admin_guide: Slug | None = None  # which admin-guide page, e.g. "case-3"
    contact_support: Flag = False  # show the way to Zeliq support
    # The outcome for codes the flow does not explain: the page shows Microsoft's own message for
    # the user's code (from the paste). Microsoft's error lookup page is "for developer usage only,
    # don't present it to users", so it is not linked.
    error_lookup: Flag = False

    def admin_texts(self) -> tuple[Text, ...]:
        """Every step the admin is given, whichever route."""
        return (*(self.admin_steps or ()), *(s for route in self.admin_routes for s in route.steps))


class Flow(Schema):
    start: str
    article: Slug | None = None  # the help article whose sections `article_anchor` names
    questions: dict[QuestionId, Question]
    outcomes: dict[NodeId, Outcome]
    codes: dict[CodeValue, str] = {}  # AADSTS code -> outcome id
    oauth_errors: dict[OAuthError, str] = {}  # bare OAuth `error` value -> outcome id

    @model_validator(mode="before")
    @classmethod
    def _ids_from_keys(cls, data: Any) -> Any:
        # In the file a question or an outcome is named by its table key; the model carries it.
        if not isinstance(data, Mapping):
            return data
        named = dict(data)
        for table in ("questions", "outcomes"):
            entries = data.get(table)
            if isinstance(entries, Mapping):
                named[table] = {
                    key: {**entry, "id": key} if isinstance(entry, Mapping) else entry
                    for key, entry in entries.items()
                }
        return named

    def is_node(self, node_id: str | None) -> bool:
        return node_id in self.questions or node_id in self.outcomes

    def exits(self, question: Question) -> list[tuple[str | None, str]]:
        """(query-string value, where it leads) for every way out of a question.

        A code question leads wherever a mapped code or OAuth error leads, and any other code to
        `unknown_next` (value None: it takes the user's own code).
        """
        if question.kind == CHOICE:
            return [(answer.id, answer.next) for answer in question.answers]
        exits: list[tuple[str | None, str]] = [*self.codes.items(), *self.oauth_errors.items()]
        return exits + [(None, question.unknown_next)] if question.unknown_next else exits

    def walk(self) -> Iterator[tuple[Question, dict[str, str]]]:
        """Every question reachable from the start, once, with the shortest answers reaching it.

        The one walk of the graph: reachability, support agents' links and the way to the code
        question all read it.
        """
        waiting: deque[tuple[str, dict[str, str]]] = deque([(self.start, {})])
        seen: set[str] = set()
        while waiting:
            question_id, query = waiting.popleft()
            question = self.questions.get(question_id)
            if question is None or question_id in seen:
                continue
            seen.add(question_id)
            yield question, query
            for value, next_id in self.exits(question):
                if value is not None:
                    waiting.append((next_id, {**query, question_id: value}))

    @cached_property
    def questions_left(self) -> dict[str, int]:
        """For each question, the fewest questions (itself included) before an outcome."""
        left: dict[str, int] = {}
        # Relax until stable: the flow is a few questions, and a cycle simply never improves.
        for _round in self.questions:
            for question in self.questions.values():
                options = [
                    0 if next_id in self.outcomes else left[next_id]
                    for _value, next_id in self.exits(question)
                    if next_id in self.outcomes or next_id in left
                ]
                if options:
                    left[question.id] = 1 + min(options)
        return left
