"""The one error type of the domain: its message is written for the person at the keyboard."""

from __future__ import annotations


class BazError(Exception):
    """A refusal or failure that a user can understand and act on."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class NotFoundError(BazError):
    """An id that does not (or no longer) exist."""


class InvalidInputError(BazError):
    """Input that breaks a rule: empty, out of range, or not allowed now."""


class DatabaseError(BazError):
    """The database cannot be opened, read or written."""


class DamagedDatabaseError(DatabaseError):
    """The database file is damaged: reading it fails however often it is tried."""


class ChangedMeanwhileError(InvalidInputError):
    """The action depended on what the user saw, and someone else changed that first.

    Nothing was changed; the screen reads the data again so the user sees what is true now.
    """


class RoomClosedError(InvalidInputError):
    """The room (the phones' page of a meeting) is not open, or a typed code names no open room."""


class UnknownPhoneError(NotFoundError):
    """A phone's token that belongs to no phone of this meeting."""


class AlreadyVotedError(InvalidInputError):
    """This phone, or this voting card, has already voted in this poll."""
