"""The errors SafeCase raises on purpose.

Every error carries one sentence a person can act on. The CLI prints that sentence
and exits with ``exit_code``: 2 when the person gave us something wrong (a wrong
passphrase, a file that is not an export), 1 when something failed on our side.
"""

from __future__ import annotations


class SafecaseError(Exception):
    """Base class: ``str(err)`` is the one line shown to the person."""

    exit_code = 1

    def __init__(self, message: str) -> None:
        message = " ".join(message.split())  # always one line, whatever a library said
        super().__init__(message)
        self.message = message


class UserError(SafecaseError):
    """Something the person can fix: a wrong argument, a missing file."""

    exit_code = 2


class WrongPassphrase(UserError):
    def __init__(self, message: str = "wrong passphrase for this case") -> None:
        super().__init__(message)


class CaseNotFound(UserError):
    pass


class CaseExists(UserError):
    pass


class CaseLocked(UserError):
    """Another SafeCase process is writing to this case."""


class UnknownFormat(UserError):
    pass


class BadInput(UserError):
    """A file that claims a format but is broken, hostile or out of limits."""

    def __init__(self, path: object, problem: str) -> None:
        super().__init__(f"{path}: {problem}")
        self.path = path
        self.problem = problem


class NotFound(UserError):
    """An id (event, person, identity, exhibit) that the case does not hold."""


class IntegrityError(SafecaseError):
    """Verification found something that does not match what was recorded."""
