"""Reading error details out of pasted Microsoft error pages and OAuth redirects, and validating them."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from wizard.diagnostics import (
    MAX_INPUT_CHARS,
    MAX_MESSAGE_CHARS,
    ErrorDetails,
    clean_code,
    clean_guid,
    clean_oauth_error,
    clean_timestamp,
    details_from_oauth,
    error_lookup_url,
    extract_details,
)

REQUEST_ID = "5f6a7b8c-1d2e-4f30-9a1b-2c3d4e5f6a7b"
CORRELATION_ID = "0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d"

ENGLISH_PAGE = f"""\
Microsoft
Sign in
Sorry, but we're having trouble signing you in.

AADSTS90094: Administrator consent is required.

Troubleshooting details
If you contact your administrator, send this info to them.
Copy info to clipboard

Request Id: {REQUEST_ID}
Correlation Id: {CORRELATION_ID}
Timestamp: 2026-11-27T09:41:07.123Z
Message: AADSTS90094: Administrator consent is required.
App name: Zeliq
Device identifier: Not available
Advanced diagnostics: Enable

If you plan on getting support for an issue, turn this on and try to reproduce the error.
"""

# French labels, the narrow no-break spaces of French typography before the colons, an uppercase
# request ID, a correlation ID in braces and a timestamp with a space instead of the T.
FRENCH_PAGE = f"""\
Connexion
Désolé, nous ne parvenons pas à vous connecter.

Détails de la résolution des problèmes
Si vous contactez votre administrateur, envoyez-lui ces informations.

ID de demande\u202f: {REQUEST_ID.upper()}
ID de corrélation\u202f: {{{CORRELATION_ID}}}
Horodatage\u202f: 2026-11-27 09:41:07Z
Message\u202f: AADSTS90094: Administrator consent is required.
"""

OAUTH_DESCRIPTION = (
    "AADSTS65004: User declined to consent to access the app.\r\n"
    f"Trace ID: {REQUEST_ID}\r\n"
    f"Correlation ID: {CORRELATION_ID}\r\n"
    "Timestamp: 2019-01-17 18:50:19Z"
)


# --- Extraction -------------------------------------------------------------------------------------


def test_an_english_troubleshooting_block_gives_every_detail() -> None:
    assert extract_details(ENGLISH_PAGE) == ErrorDetails(
        code="90094",
        correlation_id=CORRELATION_ID,
        request_id=REQUEST_ID,
        timestamp="2026-11-27T09:41:07.123Z",
        message="AADSTS90094: Administrator consent is required.",
    )


def test_a_french_troubleshooting_block_gives_every_detail() -> None:
    assert extract_details(FRENCH_PAGE) == ErrorDetails(
        code="90094",
        correlation_id=CORRELATION_ID,
        request_id=REQUEST_ID,
        timestamp="2026-11-27 09:41:07Z",
        message="AADSTS90094: Administrator consent is required.",
    )


def test_labels_are_found_whatever_their_case_spacing_and_line_breaks() -> None:
    text = (
        f"some text before REQUEST-ID:\n{REQUEST_ID}  correlationid = {CORRELATION_ID.upper()}\n"
        "TIMESTAMP 2026-01-02T03:04:05+01:00 and after"
    )
    details = extract_details(text)
    assert details.request_id == REQUEST_ID
    assert details.correlation_id == CORRELATION_ID
    assert details.timestamp == "2026-01-02T03:04:05+01:00"


def test_a_guid_without_dashes_is_written_the_usual_way() -> None:
    details = extract_details(f"Correlation Id: {CORRELATION_ID.replace('-', '')}")
    assert details.correlation_id == CORRELATION_ID


def test_an_accent_written_as_a_combining_mark_still_matches() -> None:
    details = extract_details(f"ID de corre\u0301lation : {CORRELATION_ID}")
    assert details.correlation_id == CORRELATION_ID


def test_a_json_error_response_gives_every_detail() -> None:
    text = (
        '{"error":"invalid_client","error_description":"AADSTS7000112: Application is disabled.",'
        f'"error_codes":[7000112],"timestamp":"2026-11-27 09:41:07Z","trace_id":"{REQUEST_ID}",'
        f'"correlation_id":"{CORRELATION_ID}"}}'
    )
    details = extract_details(text)
    assert details.code == "7000112"
    assert details.request_id == REQUEST_ID
    assert details.correlation_id == CORRELATION_ID
    assert details.timestamp == "2026-11-27 09:41:07Z"


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("90094", "90094"),
        ("  AADSTS900941 \n", "900941"),
        ("aadsts 7000112", "7000112"),
        ("Error: AADSTS-50105 something", "50105"),
        ("Error code: 53003", "53003"),
        ("Code d’erreur : 530035", "530035"),
        ("AADSTS90094 then AADSTS65001", "90094"),
        ("Call me on 0612345678", None),
        ("I waited 12345 seconds", None),
        ("AADSTS1234", None),
        ("XAADSTS90094", None),
        ("AADSTS12345678", None),
        ("", None),
    ],
)
def test_the_code_is_found_only_where_it_is_clearly_a_code(text: str, code: str | None) -> None:
    assert extract_details(text).code == code


def test_nothing_recognisable_gives_empty_details() -> None:
    details = extract_details("Hello, Outlook does not work, can you help?")
    assert details == ErrorDetails()
    assert details.is_empty


def test_bad_ids_and_impossible_timestamps_are_not_kept() -> None:
    details = extract_details(
        "Request Id: 5f6a7b8c-1d2e-4f30-9a1b-2c3d4e5f6a7\n"  # one digit short
        "Correlation Id: not-a-guid\n"
        "Timestamp: 2026-02-30T10:00:00Z\n"
    )
    assert (details.request_id, details.correlation_id, details.timestamp) == (None, None, None)


def test_only_the_first_ten_thousand_characters_are_read() -> None:
    padding = "x" * MAX_INPUT_CHARS
    assert extract_details(padding + "AADSTS90094").code is None
    assert extract_details("AADSTS90094" + padding).code == "90094"


def test_a_very_large_paste_is_handled_quickly_and_safely() -> None:
    details = extract_details("Request Id: " + "a-" * 2_000_000)
    assert details == ErrorDetails()


def test_the_message_is_cleaned_and_bounded() -> None:
    details = extract_details("Message: AADSTS90094:\tAdmin\x00 consent   " + "é" * 1000)
    assert details.message is not None
    assert details.message.startswith("AADSTS90094: Admin consent éé")
    assert len(details.message) == MAX_MESSAGE_CHARS
    assert details.message.endswith("…")
    assert "\x00" not in details.message and "\t" not in details.message


def test_not_a_string_gives_empty_details() -> None:
    assert extract_details(None) == ErrorDetails()  # type: ignore[arg-type]


def test_a_label_with_a_bad_value_does_not_hide_a_later_good_one() -> None:
    details = extract_details(
        "Trace ID: xxxx-xxxx Timestamp: 2026-02-30T10:00:00Z\n"
        f'"trace_id":"{REQUEST_ID}","timestamp":"2026-11-27 09:41:07Z"'
    )
    assert (details.request_id, details.timestamp) == (REQUEST_ID, "2026-11-27 09:41:07Z")


def test_client_request_id_is_the_correlation_id_not_the_request_id() -> None:
    details = extract_details(f"client-request-id: {CORRELATION_ID}\nx-ms-request-id: {REQUEST_ID}")
    assert (details.correlation_id, details.request_id) == (CORRELATION_ID, REQUEST_ID)


@pytest.mark.parametrize(
    ("text", "oauth_error"),
    [
        ('{"error":"invalid_grant"}', "invalid_grant"),
        ("error=access_denied&state=1", "access_denied"),
        ("ErrorCode: invalid_grant , StatusCode: 400", "invalid_grant"),
        ("interaction_required: AADSTS50076: Due to…", "interaction_required"),
        ("'(invalid_grant) AADSTS700082: The refresh token…", "invalid_grant"),
        ("Error: AADSTS-50105 something", None),
        ("Error: something went wrong", None),
        ("error_description: access_denied", None),
        ("'suberror': 'bad_token'", None),
        ("Error code: 53003", None),
    ],
)
def test_the_oauth_error_is_read_only_where_it_is_clearly_one(
    text: str, oauth_error: str | None
) -> None:
    assert extract_details(text).oauth_error == oauth_error


@pytest.mark.parametrize(
    "text",
    ["I get AADSTS90094 again", "j'ai l'erreur AADSTS 53003", "Error code: 53003", "90094"],
)
def test_a_code_typed_in_a_sentence_is_a_code_but_not_microsofts_message(text: str) -> None:
    details = extract_details(text)
    assert details.code is not None
    assert details.message is None


def test_a_flattened_message_ends_where_the_next_field_starts() -> None:
    details = extract_details(
        f"AADSTS90094: Administrator consent is required. - Trace ID: {REQUEST_ID} - "
        f"Correlation ID: {CORRELATION_ID}"
    )
    assert details.message == "AADSTS90094: Administrator consent is required."


# Pieces of real pastes, so that random text also meets labels, escapes and encodings.
FRAGMENTS = (
    "AADSTS",
    "AADSTS90094: ",
    "Trace ID: ",
    "Correlation ID: ",
    "ID de corrélation\u202f: ",
    "Timestamp: ",
    "2026-11-27 09:41:07Z",
    CORRELATION_ID,
    CORRELATION_ID.replace("-", ""),
    '"error":"',
    "error=access_denied&error_description=",
    "%0d%0a",
    "%3a+",
    "%",
    "\\r\\n",
    "\\u00e9",
    "\\",
    "'",
    '"',
    'error_codes":[',
    "interaction_required: ",
    "\r\n",
)


def assert_only_valid_values(details: ErrorDetails) -> None:
    assert details.code is None or clean_code(details.code) == details.code
    assert details.request_id is None or clean_guid(details.request_id) == details.request_id
    assert details.correlation_id is None or clean_guid(details.correlation_id)
    assert details.timestamp is None or clean_timestamp(details.timestamp) == details.timestamp
    assert details.oauth_error is None or clean_oauth_error(details.oauth_error)
    assert details.message is None or len(details.message) <= MAX_MESSAGE_CHARS


@given(st.text(max_size=2000))
def test_extraction_never_raises_and_keeps_only_valid_values(text: str) -> None:
    assert_only_valid_values(extract_details(text))


@given(st.lists(st.sampled_from(FRAGMENTS) | st.text(max_size=12), max_size=60).map("".join))
def test_pieces_of_real_pastes_in_any_order_never_break_the_reader(text: str) -> None:
    assert_only_valid_values(extract_details(text))
    assert_only_valid_values(details_from_oauth("access_denied", text))


# --- OAuth redirects --------------------------------------------------------------------------------


def test_an_oauth_error_description_gives_code_ids_and_message() -> None:
    assert details_from_oauth("consent_required", OAUTH_DESCRIPTION) == ErrorDetails(
        code="65004",
        correlation_id=CORRELATION_ID,
        request_id=REQUEST_ID,
        timestamp="2019-01-17 18:50:19Z",
        message="AADSTS65004: User declined to consent to access the app.",
        oauth_error="consent_required",
    )


def test_a_bare_access_denied_has_no_code() -> None:
    assert details_from_oauth("access_denied", None) == ErrorDetails(oauth_error="access_denied")


def test_a_description_without_a_code_is_kept_as_the_message() -> None:
    details = details_from_oauth("permission_denied", "The admin canceled the request")
    assert details == ErrorDetails(
        message="The admin canceled the request", oauth_error="permission_denied"
    )


def test_a_tampered_oauth_error_is_dropped() -> None:
    details = details_from_oauth('"><script>alert(1)</script>', "AADSTS90094: x")
    assert details.oauth_error is None
    assert details.code == "90094"


# --- Strict validators for query-string values ------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("90094", "90094"),
        ("7000112", "7000112"),
        ("9009", None),
        ("12345678", None),
        ("AADSTS90094", None),
        (" 90094", None),
        ("90094\n", None),
        ("٩٠٠٩٤", None),  # Arabic-Indic digits are digits to \d, not to us
        ("", None),
    ],
)
def test_clean_code(value: str, expected: str | None) -> None:
    assert clean_code(value) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (CORRELATION_ID, CORRELATION_ID),
        (CORRELATION_ID.upper(), CORRELATION_ID),
        ("{" + CORRELATION_ID + "}", None),
        (CORRELATION_ID.replace("-", ""), None),
        (CORRELATION_ID[:-1] + "g", None),
        (CORRELATION_ID + "0", None),
        ("", None),
    ],
)
def test_clean_guid(value: str, expected: str | None) -> None:
    assert clean_guid(value) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2026-11-27T09:41:07.123Z", "2026-11-27T09:41:07.123Z"),
        ("2026-11-27T09:41:07.1234567Z", "2026-11-27T09:41:07.1234567Z"),
        ("2019-01-17 18:50:19Z", "2019-01-17 18:50:19Z"),
        ("2026-11-27T09:41", "2026-11-27T09:41"),
        ("2026-11-27T09:41:07+01:00", "2026-11-27T09:41:07+01:00"),
        ("2026-02-30T10:00:00Z", None),
        ("2026-11-27T24:00:00Z", None),
        ("2026-11-27T09:60:00Z", None),
        ("2026-11-27", None),
        ("yesterday", None),
        ("2026-11-27T09:41:07Z<script>", None),
        ("2026-11-27T09:41:07.123Z" + " " * 30, None),
    ],
)
def test_clean_timestamp(value: str, expected: str | None) -> None:
    assert clean_timestamp(value) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("access_denied", "access_denied"),
        (" Access_Denied ", "access_denied"),
        ("access denied", None),
        ("access-denied", None),
        ("a" * 65, None),
        ("", None),
    ],
)
def test_clean_oauth_error(value: str, expected: str | None) -> None:
    assert clean_oauth_error(value) == expected


def test_error_lookup_url_fills_in_a_valid_code_only() -> None:
    template = "https://login.microsoftonline.com/error?code={code}"
    assert (
        error_lookup_url(template, "90094") == "https://login.microsoftonline.com/error?code=90094"
    )
    assert error_lookup_url(template, "90094&x=1") is None
    assert error_lookup_url("javascript:alert('{code}')", "90094") is None
    assert error_lookup_url("https://login.microsoftonline.com/error", "90094") is None
