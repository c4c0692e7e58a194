"""The content rules of the flow: what the schema alone cannot see.

Every path ends in an outcome, nothing is unreachable, no question comes back, ids fit in a URL and
do not clash, and outcomes that need an admin say what the admin does. Each rule yields
(field, what is wrong); an empty result means the flow is sound. Texts and their references are
checked when the library renders them.
"""

from __future__ import annotations

from collections.abc import Iterator

from wizard.flow.model import CHOICE, Flow, Question
from wizard.flow.walk import DETAIL_PARAMS

Found = tuple[str, str]  # (field, message)


def flow_problems(flow: Flow) -> list[Found]:
    return [
        *_id_problems(flow),
        *_link_problems(flow),
        *_reachability_problems(flow),
        *_cycle_problems(flow),
        *_outcome_problems(flow),
    ]


def _id_problems(flow: Flow) -> Iterator[Found]:
    for question in flow.questions.values():
        where = f"questions.{question.id}"
        if question.id in DETAIL_PARAMS:
            yield where, "this id is reserved for error details"
        if question.id in flow.outcomes:
            yield where, "an outcome has the same id"
        answer_ids = [answer.id for answer in question.answers]
        for answer_id in sorted({a for a in answer_ids if answer_ids.count(a) > 1}):
            yield where, f"two answers are called {answer_id}"


def _link_problems(flow: Flow) -> Iterator[Found]:
    if flow.start not in flow.questions:
        yield "start", f"{flow.start} is not a question"
    for question in flow.questions.values():
        yield from _question_link_problems(flow, question)
    for table, targets in (("codes", flow.codes), ("oauth_errors", flow.oauth_errors)):
        for value, target in targets.items():
            if target not in flow.outcomes:
                yield f"{table}.{value}", f"{target} is not an outcome"
    has_code_question = any(q.kind != CHOICE for q in flow.questions.values())
    if (flow.codes or flow.oauth_errors) and not has_code_question:
        yield "codes", "there is no question of kind code to ask for them"


def _question_link_problems(flow: Flow, question: Question) -> Iterator[Found]:
    where = f"questions.{question.id}"
    if question.kind == CHOICE:
        if len(question.answers) < 2:
            yield where, "a choice question needs at least two answers"
        if question.unknown_next is not None:
            yield f"{where}.unknown_next", "only a code question has one"
        for answer in question.answers:
            if not flow.is_node(answer.next):
                yield (
                    f"{where}.{answer.id}",
                    f"next {answer.next} is neither a question nor an outcome",
                )
    else:
        if question.answers:
            yield where, "a code question has no answers (codes are in [codes])"
        if question.unknown_next not in flow.outcomes:
            yield f"{where}.unknown_next", "must name the outcome for codes the flow does not know"


def _reachability_problems(flow: Flow) -> Iterator[Found]:
    reached = {flow.start}
    for question, _query in flow.walk():
        reached.update(next_id for _value, next_id in flow.exits(question))
    for table, ids in (("questions", flow.questions), ("outcomes", flow.outcomes)):
        for node_id in ids:
            if node_id not in reached:
                yield f"{table}.{node_id}", "no path from the start reaches it"


def _cycle_problems(flow: Flow) -> Iterator[Found]:
    # A cycle would let the wizard ask the same question forever: depth-first search, and any
    # question met again while still on the current path closes a cycle.
    on_path: list[str] = []
    finished: set[str] = set()
    found: list[Found] = []

    def visit(question_id: str) -> None:
        if question_id in finished:
            return
        if question_id in on_path:
            cycle = [*on_path[on_path.index(question_id) :], question_id]
            found.append(("questions", f"cycle {' -> '.join(cycle)}"))
            return
        on_path.append(question_id)
        for _value, next_id in flow.exits(flow.questions[question_id]):
            if next_id in flow.questions:
                visit(next_id)
        on_path.pop()
        finished.add(question_id)

    for question_id in flow.questions:
        visit(question_id)
    yield from found


def _outcome_problems(flow: Flow) -> Iterator[Found]:
    for outcome in flow.outcomes.values():
        where = f"outcomes.{outcome.id}"
        if outcome.needs_admin and outcome.admin_steps is None and not outcome.admin_routes:
            yield where, "needs_admin is true but there are no admin_steps or admin_routes"
        if outcome.needs_admin and not outcome.admin_guide:
            yield where, "needs_admin is true but there is no admin_guide"
        if not outcome.needs_admin and outcome.admin_guide:
            yield f"{where}.admin_guide", "is set but needs_admin is false"
        route_ids = [route.id for route in outcome.admin_routes]
        if len(set(route_ids)) != len(route_ids):
            yield f"{where}.admin_routes", "two routes have the same id"
