"""The rules of the room on their phones: codes, their entropy, typing them, and the cap."""

from __future__ import annotations

import re

import pytest

from models.rules.room import (
    CARD_CODE_LENGTH,
    CODE_ALPHABET,
    MEETING_CODE_LENGTH,
    code_bits,
    digest,
    grouped,
    new_card_code,
    new_meeting_code,
    new_token,
    normalise_code,
    phone_vote_allowed,
    room_count_allowed,
    same_digest,
    usable_token,
)


def test_the_alphabet_has_no_look_alikes() -> None:
    assert len(set(CODE_ALPHABET)) == len(CODE_ALPHABET) == 31
    for confusing in "0O1IL":
        assert confusing not in CODE_ALPHABET


def test_voting_card_codes_have_at_least_64_bits() -> None:
    assert code_bits(CARD_CODE_LENGTH) >= 64
    assert code_bits(MEETING_CODE_LENGTH) > 29


def test_codes_are_of_the_alphabet_and_differ() -> None:
    cards = {new_card_code() for _ in range(2000)}
    assert len(cards) == 2000
    for code in cards:
        assert len(code) == CARD_CODE_LENGTH and set(code) <= set(CODE_ALPHABET)
    meetings = [new_meeting_code() for _ in range(200)]
    assert all(len(m) == MEETING_CODE_LENGTH and set(m) <= set(CODE_ALPHABET) for m in meetings)
    # Every character turns up: the codes use the whole alphabet.
    assert set("".join(cards)) == set(CODE_ALPHABET)


def test_a_card_code_is_printed_in_groups_of_four() -> None:
    assert grouped("K7QMP4XAB2CDEFGH") == "K7QM-P4XA-B2CD-EFGH"


@pytest.mark.parametrize(
    "typed",
    ["K7QM-P4XA-B2CD-EFGH", "k7qm p4xa b2cd efgh", " K7QMP4XAB2CDEFGH ", "k7qm–p4xa–b2cd–efgh"],
)
def test_case_spaces_and_dashes_do_not_count(typed: str) -> None:
    assert normalise_code(typed, CARD_CODE_LENGTH) == "K7QMP4XAB2CDEFGH"


@pytest.mark.parametrize(
    "typed",
    [
        "K7QM-P4XA-B2CD-EFG",  # one short
        "K7QM-P4XA-B2CD-EFGHJ",  # one too many
        "K7QM-P4XA-B2CD-EFG0",  # 0 is in no code
        "K7QM-P4XA-B2CD-EFGO",  # nor O
        "K7QM-P4XA-B2CD-EFGI",
        "K7QM-P4XA-B2CD-EFG1",
        "K7QM-P4XA-B2CD-EFGÉ",
        "",
        "x" * 10_000,
        None,
        16,
    ],
)
def test_anything_else_is_no_code(typed: object) -> None:
    assert normalise_code(typed, CARD_CODE_LENGTH) is None


def test_tokens_have_128_bits_and_only_their_hash_is_kept() -> None:
    token = new_token()
    assert len(token) >= 22 and re.fullmatch(r"[A-Za-z0-9_-]+", token)
    assert len({new_token() for _ in range(1000)}) == 1000
    hashed = digest(token)
    assert re.fullmatch(r"[0-9a-f]{64}", hashed) and token not in hashed
    assert same_digest(hashed, digest(token))
    assert not same_digest(hashed, digest(token + "x"))
    assert usable_token(token)
    assert not usable_token("") and not usable_token("a" * 201) and not usable_token(None)


# --------------------------------------------------------------------------------- the cap


def test_room_and_phone_votes_never_exceed_the_present_eligible() -> None:
    assert phone_vote_allowed(5, 4, 10)
    assert not phone_vote_allowed(6, 4, 10)
    assert not phone_vote_allowed(0, 0, 0)
    assert phone_vote_allowed(0, 0, 1)


def test_digital_votes_count_only_against_all_eligible_voters() -> None:
    # Digital pre-votes are of people who need not be present.
    assert phone_vote_allowed(5, 4, 10, digital_total=30)
    assert phone_vote_allowed(5, 4, 10, digital_total=30, eligible_count=40)
    assert not phone_vote_allowed(5, 4, 10, digital_total=31, eligible_count=40)


def test_the_chairs_room_count_includes_the_phone_votes() -> None:
    assert room_count_allowed(6, 4, 10)
    assert not room_count_allowed(7, 4, 10)
    assert room_count_allowed(10, 0, 10)
