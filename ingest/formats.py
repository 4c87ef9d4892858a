"""Which kind of file an input is: by what it says it is, else by its name, else its bytes."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path

from ingest.bounds import open_maybe_gzipped
from ingest.errors import InputError


class Format(StrEnum):
    AUTO = "auto"  # detect from the name, else the content
    CSV = "csv"
    XLSX = "xlsx"
    JSON = "json"
    YAML = "yaml"
    BRREG = "brreg"


_SUFFIXES = {
    ".csv": Format.CSV,
    ".tsv": Format.CSV,
    ".txt": Format.CSV,
    ".xlsx": Format.XLSX,
    ".xlsm": Format.XLSX,
    ".json": Format.JSON,
    ".yaml": Format.YAML,
    ".yml": Format.YAML,
}


def head(path: Path, size: int = 4096) -> bytes:
    """The first bytes, inflated if the file is gzipped (a cut-off or false gzip file is an InputError)."""
    with open_maybe_gzipped(path) as handle:
        return handle.read(size)


def detect_format(path: Path) -> Format:
    suffixes = [s for s in path.suffixes if s != ".gz"]
    if suffixes and suffixes[-1].lower() in _SUFFIXES:
        found = _SUFFIXES[suffixes[-1].lower()]
    else:
        start = head(path)
        if start[:4] == b"PK\x03\x04":
            found = Format.XLSX
        elif start.lstrip()[:1] in (b"{", b"["):
            found = Format.JSON
        else:
            raise InputError(path, "cannot tell the format from the name or content; pass --format")
    if found == Format.JSON and _looks_like_brreg(head(path, 65536)):
        return Format.BRREG
    return found


def _looks_like_brreg(start: bytes) -> bool:
    # Register records carry these keys; Samspill documents never do.
    return b'"organisasjonsnummer"' in start and b'"organisasjonsform"' in start
