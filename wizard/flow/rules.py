"""The content rules of the flow: what the schema alone cannot see.

Every path ends in an outcome, nothing is unreachable, no question comes back, ids fit in a URL and
do not clash, and outcomes that need an admin say what the admin does. Each rule yields
(field, what is wrong); an empty result means the flow is sound. Texts and their references are
checked when the library renders them; `fact_problems` checks, against the facts, that no text
states a Microsoft fact by hand and that the codes are sourced and grouped.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from helpcenter.content.documents import localized_texts
from helpcenter.content.facts import FactStore
from helpcenter.content.references import REFERENCE
from wizard.flow.model import CHOICE, Flow, Question
from wizard.flow.walk import DETAIL_PARAMS

# A code typed by hand ("AADSTS90094", "AADSTS 90094"): it would not follow the facts.
_TYPED_CODE = re.compile(r"AADSTS\s?[0-9]{5,7}", re.ASCII)

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


def fact_problems(flow: Flow, facts: FactStore) -> Iterator[Found]:
    """A Microsoft fact written by hand in a flow text, and mapped codes without source or family.

    A label counts as written by hand when a text has its exact words outside any [[…]]: only
    labels of two words or more, since one word ("Save", "Yes") is too common to tell. Labels that
    are also the name of a feature (`prose = true` in the facts) may be written in prose.
    """
    typed = sorted(
        (
            (text, key)
            for key, label in facts.labels.items()
            if not label.prose
            for text in label.text.texts.values()
            if len(text.split()) >= 2
        ),
        key=lambda item: -len(item[0]),
    )
    for where, text in localized_texts(flow):
        for lang, source in text.texts.items():
            bare = re.sub(REFERENCE, " ", source)
            found = _TYPED_CODE.search(bare)
            if found:
                yield f"{where}.{lang}", f"writes {found[0]} by hand: use [[code:…]]"
            for words, key in typed:
                if re.search(rf"(?<!\w){re.escape(words)}(?!\w)", bare):
                    yield (
                        f"{where}.{lang}",
                        f"writes Microsoft's “{words}” by hand: use [[label:{key}]]",
                    )
                    break
    yield from _code_problems(flow, facts)


def _code_problems(flow: Flow, facts: FactStore) -> Iterator[Found]:
    outcomes_of: dict[str, set[str]] = {}
    for code, outcome in flow.codes.items():
        entry = facts.codes.get(code)
        if entry is None:
            continue  # reported by the flow document: the code has no entry at all
        if entry.family is None:
            yield f"codes.{code}", "has no family in content/facts/ (codes.<code>.family)"
        else:
            outcomes_of.setdefault(entry.family, set()).add(outcome)
    for family, outcomes in sorted(outcomes_of.items()):
        if len(outcomes) > 1:
            yield (
                "codes",
                f"the family {family!r} leads to {', '.join(sorted(outcomes))}: "
                "one outcome per family",
            )
