"""Errors that name where bad input is: the file, the line or record, and the field."""

from __future__ import annotations

import reprlib
from pathlib import Path

from pydantic import ValidationError


class InputError(Exception):
    """Bad input. `str()` reads as `file:line: field: what was expected`."""

    def __init__(self, file: str | Path, message: str, record: str | None = None, field: str | None = None):
        self.file = str(file)
        self.record = record
        self.field = field
        self.message = message
        where = ":".join(p for p in (self.file, record) if p)
        super().__init__(f"{where}: {field + ': ' if field else ''}{message}")


def split_where(where: str) -> tuple[str, str]:
    """A row's place as readers write it, "FILE:LINE" or "FILE:/json/pointer", into its parts."""
    file, _, record = where.rpartition(":")
    return file, record


def error_at(where: str, message: str, field: str | None = None) -> InputError:
    file, record = split_where(where)
    return InputError(file, message, record=record, field=field)


def from_validation(file: str | Path, record: str, exc: ValidationError) -> list[InputError]:
    """One InputError per problem pydantic found, with the dotted field path."""
    errors = []
    for problem in exc.errors():
        field = ".".join(str(p) for p in problem["loc"]) or None
        message = problem["msg"].removeprefix("Value error, ")
        errors.append(InputError(file, f"{message} (got {quoted(problem.get('input'))})", record=record, field=field))
    return errors


QUOTED_CHARS = 200


def quoted(value: object) -> str:
    """A value as an error quotes it: its repr, cut at about 200 characters, so one large or
    alias-expanded value cannot make an error report of megabytes. reprlib stops early in
    large containers instead of building the whole repr first."""
    limited = reprlib.Repr()
    limited.maxstring = limited.maxother = QUOTED_CHARS
    limited.maxlist = limited.maxtuple = limited.maxdict = limited.maxset = 10
    limited.maxlevel = 3
    text = limited.repr(value)
    return text if len(text) <= QUOTED_CHARS else text[:QUOTED_CHARS] + "…"


class InputErrors(Exception):
    """Every problem found in one input, reported together so a user fixes them in one go."""

    def __init__(self, errors: list[InputError]):
        self.errors = errors
        shown = "\n".join(f"  {e}" for e in errors[:50])
        more = f"\n  … and {len(errors) - 50} more" if len(errors) > 50 else ""
        super().__init__(f"{len(errors)} problem(s) in the input:\n{shown}{more}")
