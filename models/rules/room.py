"""The rules of the room on their phones (DESIGN §5a): codes, tokens and the cap on phone votes.

Pure functions, no database. Three secrets are made here, all with :mod:`secrets`:

- the **meeting code** on the beamer: :data:`MEETING_CODE_LENGTH` characters of
  :data:`CODE_ALPHABET` (about 30 bits; the room is open for one evening, the web server
  limits how often a phone may guess, and the code changes each time the room opens);
- a **voting card**'s code: :data:`CARD_CODE_LENGTH` characters of the same alphabet, about
  79 bits (at least 64, as §5a asks), printed in groups of four: ``K7QM-P4XA-…``;
- a **phone's token** in its cookie: 128 random bits.

Only a code's or a token's SHA-256 (:func:`digest`) is kept for cards and phones; a code typed
on a phone is first brought to its one written form (:func:`normalise_code`), and hashes are
compared in constant time (:func:`same_digest`).

The alphabet leaves out what is read wrongly from a printed card or a beamer: 0 and O, 1, I and
L. So a typed code needs no guessing: case, spaces and dashes do not count, and any other
character makes the code simply unknown.
"""

from __future__ import annotations

import hashlib
import hmac
import math
import secrets

#: Capitals and digits without the look-alikes 0/O and 1/I/L: 31 characters.
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
MEETING_CODE_LENGTH = 6
CARD_CODE_LENGTH = 16
#: Characters of a voting card's code per group as printed ("K7QM-P4XA-…").
CARD_GROUP = 4
#: Bytes of a phone's token (128 bits).
TOKEN_BYTES = 16
#: Longer typed text is no code or token of BaZ: refused before any work is done on it.
TYPED_MAX = 200
#: What may separate the characters of a typed code: spaces, dashes, dots, underscores.
_SEPARATORS = frozenset(" \t-_.\u00a0\u2010\u2011\u2012\u2013\u2014")


def new_code(length: int) -> str:
    """A fresh random code of ``length`` characters of :data:`CODE_ALPHABET`."""
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(length))


def new_meeting_code() -> str:
    """A fresh meeting code for the beamer."""
    return new_code(MEETING_CODE_LENGTH)


def new_card_code() -> str:
    """A fresh voting card code, without its dashes (see :func:`grouped`)."""
    return new_code(CARD_CODE_LENGTH)


def code_bits(length: int) -> float:
    """The entropy of a code of ``length`` characters, in bits."""
    return length * math.log2(len(CODE_ALPHABET))


def grouped(code: str, size: int = CARD_GROUP) -> str:
    """A code as printed: groups of ``size`` characters joined by dashes."""
    return "-".join(code[i : i + size] for i in range(0, len(code), size))


def normalise_code(typed: object, length: int) -> str | None:
    """The one written form of a typed code, or None when it cannot be a code of ``length``.

    Capitals or small letters, spaces and dashes do not count; a character outside the
    alphabet (also the look-alikes 0, O, 1, I, L, which no code holds) makes it no code.
    """
    if not isinstance(typed, str) or len(typed) > TYPED_MAX:
        return None
    kept = "".join(ch for ch in typed if ch not in _SEPARATORS).upper()
    if len(kept) != length or any(ch not in CODE_ALPHABET for ch in kept):
        return None
    return kept


def new_token() -> str:
    """A fresh token for a phone's cookie (URL-safe text, 128 random bits)."""
    return secrets.token_urlsafe(TOKEN_BYTES)


def digest(secret: str) -> str:
    """The SHA-256 of a code or token, as 64 hexadecimal characters: what is stored."""
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def same_digest(a: str, b: str) -> bool:
    """Whether two digests (or codes) are equal, compared in constant time."""
    return hmac.compare_digest(a.encode("utf-8"), b.encode("utf-8"))


def usable_token(token: object) -> bool:
    """Whether a cookie's value may be a phone's token at all (text of a sane length)."""
    return isinstance(token, str) and 0 < len(token) <= TYPED_MAX


# ----------------------------------------------------------------------------- the cap


def phone_vote_allowed(
    room_total: int,
    phone_total: int,
    present_eligible: int,
    *,
    digital_total: int = 0,
    eligible_count: int | None = None,
) -> bool:
    """Whether one more phone vote fits (DESIGN §5a).

    The people in the room vote by hand or by phone, so the room's count and the phone votes
    together never exceed the eligible voters present (frozen when the poll opened). Digital
    votes were cast in advance by people who need not be present; like the room's, they are
    bounded only by the number of all eligible voters, when it was entered. A phone vote that
    does not fit is refused; the room's count stays the chair's to correct.
    """
    if room_total + phone_total + 1 > present_eligible:
        return False
    return eligible_count is None or room_total + phone_total + digital_total + 1 <= eligible_count


def room_count_allowed(room_total: int, phone_total: int, present_eligible: int) -> bool:
    """Whether the chair's room count fits beside the phone votes already counted: the chair's
    rule (no more room votes than eligible voters present) with the phones in the sum."""
    return room_total + phone_total <= present_eligible


#: The longest address of a room the Store keeps (``http://[IPv6]:port`` fits many times).
ADDRESS_MAX = 200


def join_url(address: str, code: str) -> str:
    """The address in the room's QR code: ``address`` with the meeting code, so a scan joins
    (``http://192.168.1.20:8765/?c=K7P2QX``)."""
    return f"{address.rstrip('/')}/?c={code}"


def valid_address(address: str) -> bool:
    """An address a room is served on: ``http://`` and a host, no spaces or controls, not
    longer than :data:`ADDRESS_MAX`; an empty one means none."""
    if not address:
        return True
    return (
        len(address) <= ADDRESS_MAX
        and address.startswith("http://")
        and len(address) > len("http://")
        and address.isprintable()
        and not any(c.isspace() for c in address)
    )
