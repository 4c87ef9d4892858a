"""Turning spreadsheet cells into model values, with the messages users see when they can't."""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache
from typing import Any

TRUE = {"true", "yes", "ja", "y", "j", "1", "x", "sant", "open", "ope", "åpen", "opent", "ope arrangement"}
FALSE = {"false", "no", "nei", "n", "0", "", "usant", "closed", "lukka", "lukket"}
DATE_FORMATS = ("%Y-%m-%d", "%d.%m.%Y", "%d.%m.%y", "%d/%m/%Y")


class CellError(ValueError):
    """A cell that cannot become the value its column holds; the message says what was expected."""


def text(value: Any) -> str | None:
    """A cell as trimmed text, None when empty. Numbers Excel stored as floats lose their '.0'."""
    if value is None:
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, (dt.datetime, dt.date)):
        return value.isoformat()
    result = str(value).strip()
    return result or None


def date(value: Any, fmt: str | None = None) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    raw = text(value)
    return None if raw is None else _parse_date(raw, fmt)


@lru_cache(maxsize=1 << 14)  # a list repeats its few dates on every row
def _parse_date(raw: str, fmt: str | None) -> dt.date:
    for candidate in (fmt,) if fmt else DATE_FORMATS:
        try:
            return dt.datetime.strptime(raw, candidate).date()
        except ValueError:
            continue
    expected = f"a date as {fmt}" if fmt else "a date as YYYY-MM-DD or DD.MM.YYYY"
    raise CellError(f"{raw!r} is not {expected}")


def boolean(value: Any) -> bool | None:
    if isinstance(value, bool):
        return value
    raw = text(value)
    if raw is None:
        return None
    folded = raw.casefold()
    if folded in TRUE:
        return True
    if folded in FALSE:
        return False
    raise CellError(f"{raw!r} is not yes/no (ja/nei, true/false, 1/0)")


def digits(value: Any, width: int) -> str | None:
    """Codes such as kommunenummer: spaces dropped, leading zeros that Excel ate restored."""
    raw = text(value)
    if raw is None:
        return None
    compact = re.sub(r"\s", "", raw)
    if compact.isdigit() and len(compact) < width:
        compact = compact.zfill(width)
    return compact


def orgnr(value: Any) -> str | None:
    raw = text(value)
    return re.sub(r"[\s.]", "", raw) if raw else None


def items(value: Any) -> list[str]:
    """A list in one cell: separated by '|', ';' or new lines."""
    raw = text(value)
    return [part.strip() for part in re.split(r"[|;\n]", raw) if part.strip()] if raw else []


def integer(value: Any) -> int | None:
    raw = text(value)
    if raw is None:
        return None
    compact = re.sub(r"[\s\u00a0]", "", raw)
    if not re.fullmatch(r"-?\d+", compact):
        raise CellError(f"{raw!r} is not a whole number")
    return int(compact)
