"""Spreadsheets as tables: CSV files (Norwegian dialects detected) and XLSX sheets.

A table can be read more than once (`Table.rows()` opens the file again), so an import can
validate everything in one pass and write in a second without holding the file in memory.
"""

from __future__ import annotations

import codecs
import csv
import io
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from zipfile import BadZipFile

from ingest.bounds import check_zip
from ingest.errors import InputError, InputErrors

Row = tuple[str, dict[str, Any]]  # (where: "file:line", header -> cell)
DELIMITERS = (";", ",", "\t", "|")


@dataclass(frozen=True)
class Table:
    file: Path
    sheet: str | None
    headers: list[str]
    rows: Callable[[], Iterator[Row]]

    @property
    def name(self) -> str:
        """What names the table kind: the sheet's name, else the file's stem."""
        return self.sheet or self.file.stem.split(".")[0]

    @property
    def where(self) -> str:
        return f"{self.file}[{self.sheet}]" if self.sheet else str(self.file)


# -- CSV ------------------------------------------------------------------------------------------


def detect_encoding(path: Path) -> str:
    """UTF-8 (with or without BOM) when every byte decodes as UTF-8, else Windows-1252 (what
    Excel writes on Norwegian Windows). UTF-16 files are named as such, not guessed at."""
    with path.open("rb") as handle:
        start = handle.read(4)
        if start.startswith(codecs.BOM_UTF8):
            return "utf-8-sig"
        if start[:2] in (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE):
            return "utf-16"
        handle.seek(0)
        decoder = codecs.getincrementaldecoder("utf-8")()
        try:
            for chunk in iter(lambda: handle.read(1 << 20), b""):
                decoder.decode(chunk)
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            return "cp1252"
    return "utf-8"


def _sniff_delimiter(header_line: str) -> str:
    counts = {d: 0 for d in DELIMITERS}
    quoted = False
    for ch in header_line:
        if ch == '"':
            quoted = not quoted
        elif not quoted and ch in counts:
            counts[ch] += 1
    best = max(DELIMITERS, key=lambda d: counts[d])
    return best if counts[best] else ","


def read_csv(path: Path, encoding: str | None = None, delimiter: str | None = None) -> Table:
    if encoding is not None:
        try:
            codecs.lookup(encoding)
        except LookupError as exc:
            raise InputError(path, f"unknown encoding {encoding!r} (try utf-8 or cp1252)") from exc
    used = encoding or detect_encoding(path)
    try:
        with path.open(encoding=used, newline="") as handle:
            first = handle.readline()
    except UnicodeDecodeError as exc:
        raise InputError(path, f"cannot be read as {used}: {exc.reason} (use --encoding)") from exc
    if not first.strip():
        raise InputError(path, "the file is empty (expected a header line)", record="1")
    if "\x00" in first:
        raise InputError(path, "looks like UTF-16 or binary; save it as CSV UTF-8 or pass --encoding", record="1")
    sep = delimiter or _sniff_delimiter(first)
    headers = next(csv.reader(io.StringIO(first), delimiter=sep))
    headers = [h.strip() for h in headers]
    problems = [InputError(path, f"column {i + 1} has no header", record="1") for i, h in enumerate(headers) if not h]
    seen: set[str] = set()
    for header in headers:
        if header and header.casefold() in seen:
            problems.append(InputError(path, f"the header {header!r} appears twice", record="1"))
        seen.add(header.casefold())
    if problems:
        raise InputErrors(problems)

    def rows() -> Iterator[Row]:
        with path.open(encoding=used, newline="") as handle:
            reader = csv.reader(handle, delimiter=sep)
            next(reader, None)
            start = reader.line_num + 1
            prefix, width = f"{path}:", len(headers)
            try:
                for cells in reader:
                    if "".join(cells).strip():
                        if len(cells) > width:
                            yield f"{prefix}{start}", {"__extra__": cells[width:], **dict(zip(headers, cells))}
                        else:
                            yield f"{prefix}{start}", dict(zip(headers, cells))
                    start = reader.line_num + 1
            except UnicodeDecodeError as exc:
                raise InputError(path, f"cannot be read as {used}: {exc.reason} (use --encoding)", record=str(start)) from exc
            except csv.Error as exc:
                raise InputError(path, f"malformed CSV: {exc}", record=str(start)) from exc

    table = Table(file=path, sheet=None, headers=headers, rows=rows)
    if next(rows(), None) is None:
        raise InputError(path, "has a header but no rows", record="1")
    return table


# -- XLSX -----------------------------------------------------------------------------------------


def read_xlsx(path: Path, sheet: str | None = None) -> list[Table]:
    """One table per sheet that has content (or just `sheet`). Cells that look like formulas
    are read as the text of the formula, never evaluated."""
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    check_zip(path)
    try:
        # Opened once for every pass over every sheet: a read-only workbook reads all its
        # shared strings when it opens, and iterates a sheet anew each time it is asked.
        workbook = load_workbook(path, read_only=True, data_only=False)
    except (InvalidFileException, BadZipFile, OSError, KeyError, ValueError) as exc:
        raise InputError(path, f"is not a readable XLSX workbook: {exc}") from exc
    names = workbook.sheetnames
    if sheet is not None and sheet not in names:
        workbook.close()
        raise InputError(path, f"has no sheet {sheet!r}; it has {names}")
    tables = []
    for name in [sheet] if sheet else names:
        table = _sheet_table(path, workbook, name)
        if table is not None:
            tables.append(table)
    if not tables:
        raise InputError(path, "has no sheet with a header and rows")
    return tables


def _sheet_table(path: Path, workbook: Any, name: str) -> Table | None:
    def raw_rows() -> Iterator[tuple[int, tuple[Any, ...]]]:
        number = 0
        try:
            for number, values in enumerate(workbook[name].iter_rows(values_only=True), start=1):
                if any(v is not None and str(v).strip() for v in values):
                    yield number, values
        except (BadZipFile, OSError, KeyError, ValueError, TypeError, SyntaxError) as exc:
            # A damaged sheet (its XML cut off or not XML): what was read stands, the rest is an error.
            raise InputError(path, f"sheet {name!r} cannot be read after row {number}: {exc}") from exc

    first = next(raw_rows(), None)
    if first is None:
        return None
    header_row, header_values = first
    headers = [str(v).strip() if v is not None else "" for v in header_values]
    while headers and not headers[-1]:
        headers.pop()

    def rows() -> Iterator[Row]:
        for number, values in raw_rows():
            if number <= header_row:
                continue
            cells = dict(zip(headers, values))
            cells.pop("", None)
            yield f"{path}[{name}]:{number}", cells

    if next(rows(), None) is None:
        return None
    return Table(file=path, sheet=name, headers=[h for h in headers if h], rows=rows)
