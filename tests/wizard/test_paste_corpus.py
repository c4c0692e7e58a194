"""The paste reader on what people really paste (tests/wizard/pastes/*.toml), and on hostile pastes.

Each sample is a `[[paste]]` table: `name`, `source` (where its shape comes from), `text`, and the
details expected from it (`code`, `correlation_id`, `request_id`, `timestamp`, `message`,
`oauth_error`; a field left out is expected to be None). `redirect = true` marks a URL that is also
read the way the wizard's /wizard/error/ entry reads it. Adding a sample needs no code: add a table.

Hostile pastes (10,000 characters built to make a regular expression backtrack) are timed against a
normal paste of the same length, as ratios.
"""

from __future__ import annotations

import time
import tomllib
from collections.abc import Callable
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from wizard.diagnostics import (
    MAX_INPUT_CHARS,
    MAX_MESSAGE_CHARS,
    ErrorDetails,
    details_from_oauth,
    extract_details,
)

PASTES = Path(__file__).parent / "pastes"
FIELDS = ("code", "correlation_id", "request_id", "timestamp", "message", "oauth_error")
# Microsoft's error_description carries these after the sentence; the message shown must not.
NOT_IN_MESSAGE = ("Trace ID", "Correlation ID", "Timestamp", "Request Id", "\\r", "\\n", '"')


def load_corpus() -> list[dict]:
    samples = []
    for path in sorted(PASTES.glob("*.toml")):
        for sample in tomllib.loads(path.read_text(encoding="utf-8"))["paste"]:
            unknown = set(sample) - {"name", "source", "text", "redirect", *FIELDS}
            assert not unknown, f"{path.name}: {sample.get('name')}: unknown keys {unknown}"
            samples.append({**sample, "file": path.name})
    return samples


CORPUS = load_corpus()


def expected(sample: dict) -> ErrorDetails:
    return ErrorDetails(**{field: sample.get(field) for field in FIELDS})


def sample_id(sample: dict) -> str:
    return f"{sample['file']}: {sample['name']}"


@pytest.mark.parametrize("sample", CORPUS, ids=sample_id)
def test_every_paste_gives_its_code_ids_timestamp_oauth_error_and_message(sample: dict) -> None:
    assert extract_details(sample["text"]) == expected(sample)


@pytest.mark.parametrize(
    "sample", [sample for sample in CORPUS if sample.get("redirect")], ids=sample_id
)
def test_a_redirect_read_from_its_query_string_gives_the_same_details(sample: dict) -> None:
    url = urlsplit(sample["text"].strip())
    parameters = parse_qs(url.query or url.fragment)
    error = parameters.get("error", [None])[0]
    description = parameters.get("error_description", [None])[0]
    assert details_from_oauth(error, description) == expected(sample)


@pytest.mark.parametrize("sample", [s for s in CORPUS if s.get("message")], ids=sample_id)
def test_the_message_is_microsofts_sentence_alone_on_one_line(sample: dict) -> None:
    message = extract_details(sample["text"]).message
    assert message is not None
    assert message.startswith(f"AADSTS{sample['code']}: ")
    assert "\n" not in message and len(message) <= MAX_MESSAGE_CHARS
    assert not [part for part in NOT_IN_MESSAGE if part in message]


def test_the_corpus_covers_every_shape_people_paste() -> None:
    files = {sample["file"] for sample in CORPUS}
    assert files >= {
        "browser.toml",
        "json.toml",
        "redirects.toml",
        "exceptions.toml",
        "sentences.toml",
    }
    texts = [sample["text"] for sample in CORPUS]
    assert any("\\r\\n" in text for text in texts)  # literal backslash-r backslash-n
    assert any("\r\n" in text for text in texts)  # a real CRLF
    assert any("%0d%0a" in text.lower() for text in texts)
    assert any("ID de corrélation" in text for text in texts)
    assert any(not expected(sample).code for sample in CORPUS)  # text that must give no code
    assert len(CORPUS) >= 30


# --- Hostile pastes, read in linear time (issue 9) --------------------------------------------------
# A hostile paste may cost a few full passes over its text, never more: each costs at most
# HOSTILE_RATIO times a normal paste of the same length, read to its end (its details are at the
# bottom, below the person's own words, so no search stops early). Ratios, never absolute times,
# so that the test holds on a slow or busy machine; the best of several runs, to leave out pauses.

HOSTILE_RATIO = 5
RUNS = 5


def exactly(length: int, piece: str) -> str:
    return (piece * (length // len(piece) + 1))[:length]


REQUEST_ID = "3f2b8c1d-6e4a-4b7f-9c20-5d8e1a7b3c64"
CORRELATION_ID = "b71e0d5c-2a9f-4c3e-8d16-0f4a6b2c9e85"
NORMAL_BLOCK = f"""
Request Id: {REQUEST_ID}
Correlation Id: {CORRELATION_ID}
Timestamp: 2026-11-27T09:41:07.123Z
Message: AADSTS90094: Administrator consent is required.
"""
NORMAL_PASTE = (
    exactly(
        MAX_INPUT_CHARS - len(NORMAL_BLOCK),
        "Bonjour, depuis ce matin Outlook ne se connecte plus à Zeliq. J'ai essayé de me "
        "reconnecter deux fois, et la page de Microsoft affiche un message que je copie ici. "
        "Hello, since this morning I cannot connect my mailbox, the page says something went "
        "wrong and asks me to send these details to my administrator.\n",
    )
    + NORMAL_BLOCK
)
N = MAX_INPUT_CHARS
HOSTILE_PASTES = {
    "spaces then x (issue 9)": " " * (N - 1) + "x",
    "spaces": " " * N,
    "line breaks": "\n" * N,
    "CR without LF": "\r" * N,
    "tabs and no-break spaces": exactly(N, "\t\u00a0\u202f"),
    "digits": "9" * N,
    "dashes": "-" * N,
    "hex digits": "a" * N,
    "GUID-like pieces": exactly(N, "0a1b2c3d-4e5f-"),
    "Correlation ID labels without values": exactly(N, "Correlation ID: "),
    "Request Id labels without values": exactly(N, "Request Id: "),
    "Timestamp labels without values": exactly(N, "Timestamp: "),
    "Error Code labels without values": exactly(N, "Error Code: "),
    "French labels without values": exactly(N, "ID de la corrélation\u202f: "),
    "repeated AADSTS": exactly(N, "AADSTS"),
    "repeated AADSTS with a space": exactly(N, "AADSTS "),
    "message starts without an end": exactly(N, "AADSTS90094: x "),
    "message then labels": "AADSTS90094: " + exactly(N - 13, "Trace ID "),
    "backslashes": "\\" * N,
    "escaped line breaks": exactly(N, "\\r\\n"),
    "percent signs": "%" * N,
    "percent escapes": exactly(N, "%0d%0a"),
    "query separators": exactly(N, "=&"),
    "double quotes": '"' * N,
    "single quotes": "'" * N,
    "snake_case words": exactly(N, "a_b_"),
    "error labels": exactly(N, "error: a_b "),
    "combining accents": exactly(N, "e\u0301"),
    "mixed": exactly(N, "AADSTS Correlation ID: 0a1b-2c3d \\r\\n %0d%0a ''\"\" error=x& 12345 "),
}
READERS: dict[str, Callable[[str], ErrorDetails]] = {
    "extract_details": extract_details,
    "details_from_oauth": lambda text: details_from_oauth("access_denied", text),
}


def best_time(read: Callable[[str], ErrorDetails], text: str) -> float:
    timings = []
    for _ in range(RUNS):
        start = time.perf_counter()
        read(text)
        timings.append(time.perf_counter() - start)
    return min(timings)


@pytest.fixture(scope="module")
def normal_time() -> dict[str, float]:
    return {name: best_time(read, NORMAL_PASTE) for name, read in READERS.items()}


def test_the_normal_paste_is_read_whole_and_correctly() -> None:
    assert len(NORMAL_PASTE) == MAX_INPUT_CHARS
    details = extract_details(NORMAL_PASTE)
    assert (details.code, details.correlation_id) == ("90094", CORRELATION_ID)


@pytest.mark.parametrize("reader", READERS)
@pytest.mark.parametrize("hostile", HOSTILE_PASTES)
def test_a_hostile_paste_costs_no_more_than_a_few_normal_ones(
    reader: str, hostile: str, normal_time: dict[str, float]
) -> None:
    text = HOSTILE_PASTES[hostile]
    assert len(text) == MAX_INPUT_CHARS
    ratio = best_time(READERS[reader], text) / normal_time[reader]
    assert ratio <= HOSTILE_RATIO, f"{hostile}: {ratio:.1f} times a normal paste"
