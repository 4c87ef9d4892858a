"""Reading files from anyone within bounds: how deep a document nests, how many YAML aliases it
uses, how far a compressed file inflates. A file past a bound is refused with the bound named
before any of it is parsed further, so a 500-byte file cannot make minutes of work or a
gigabyte of memory (docs/reliability.md lists every bound)."""

from __future__ import annotations

import gzip
import io
import json
import zipfile
import zlib
from pathlib import Path
from typing import IO, Any

import yaml

from ingest.errors import InputError

MAX_DEPTH = 64  # a Samspill document nests five levels; JSON's parser gives up near a thousand
MAX_YAML_ALIASES = 100
MAX_INFLATION = 100  # uncompressed : compressed. Register JSON inflates 10-20x, XLSX sheets 5-30x
MAX_UNCOMPRESSED_BYTES = 8 << 30  # the whole Enhetsregisteret is about 2 GB of JSON
_CHUNK = 1 << 20


class _BoundedLoader(yaml.SafeLoader):
    """PyYAML's safe loader with a depth and an alias budget. Aliases are cheap to write and
    expand when read: ten levels of ten make ten billion values out of 500 bytes. An alias
    may not point at a node that itself holds aliases, so what they expand to stays linear."""

    def __init__(self, stream: Any) -> None:
        super().__init__(stream)
        self._depth = 0
        self._aliases = 0
        self._aliased: set[int] = set()  # nodes that are, or contain, an alias

    def compose_node(self, parent: Any, index: Any) -> Any:
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()
            self._aliases += 1
            if self._aliases > MAX_YAML_ALIASES:
                raise yaml.composer.ComposerError(None, None, f"more than {MAX_YAML_ALIASES} aliases (*name)", event.start_mark)
            target = self.anchors.get(event.anchor)
            if target is not None and id(target) in self._aliased:
                raise yaml.composer.ComposerError(
                    None,
                    None,
                    f"the alias *{event.anchor} points at a value that holds aliases itself; nested aliases are not read",
                    event.start_mark,
                )
            node = super().compose_node(parent, index)
            self._aliased.add(id(parent))
            return node
        self._depth += 1
        if self._depth > MAX_DEPTH:
            raise yaml.composer.ComposerError(None, None, f"nested deeper than {MAX_DEPTH} levels", self.peek_event().start_mark)
        try:
            node = super().compose_node(parent, index)
        finally:
            self._depth -= 1
        if any(id(child) in self._aliased for child in _children(node)):
            self._aliased.add(id(node))
        return node


def _children(node: Any) -> list[Any]:
    if isinstance(node, yaml.MappingNode):
        return [part for pair in node.value for part in pair]
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    return []


def load_yaml(text: str) -> Any:
    """yaml.safe_load within the bounds; a file past one raises yaml.YAMLError saying which."""
    loader = _BoundedLoader(text)
    try:
        return loader.get_single_data()
    finally:
        loader.dispose()


def load_json(text: str) -> Any:
    """json.loads within the depth bound; past it, a ValueError saying so."""
    try:
        data = json.loads(text)
    except RecursionError:  # the C parser's own limit, near a thousand levels
        raise ValueError(f"nested deeper than {MAX_DEPTH} levels") from None
    if _depth(data) > MAX_DEPTH:
        raise ValueError(f"nested deeper than {MAX_DEPTH} levels")
    return data


def _depth(data: Any) -> int:
    """How deep lists and objects nest, walked without recursion."""
    deepest, stack = 0, [(data, 1)]
    while stack:
        value, depth = stack.pop()
        if isinstance(value, dict):
            value = list(value.values())
        if isinstance(value, list):
            deepest = max(deepest, depth)
            if deepest > MAX_DEPTH:
                return deepest
            stack.extend((child, depth + 1) for child in value)
    return deepest


class _Inflating(io.RawIOBase):
    """A gzip stream that stops with an InputError once it has inflated past the bounds."""

    def __init__(self, path: Path):
        self.path = path
        self.compressed = max(path.stat().st_size, 1)
        self.limit = min(self.compressed * MAX_INFLATION, MAX_UNCOMPRESSED_BYTES)
        self.inner = gzip.open(path, "rb")  # noqa: SIM115 (held for the reader's life; close() closes it)
        self.read_so_far = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        try:
            data = self.inner.read(len(buffer))
        except (EOFError, OSError, zlib.error) as exc:  # gzip.BadGzipFile is an OSError
            raise InputError(self.path, f"is not a whole gzip file ({exc}); nothing was imported") from exc
        self.read_so_far += len(data)
        if self.read_so_far > self.limit:
            raise InputError(
                self.path,
                f"inflates to more than {self.limit:,} bytes ({MAX_INFLATION}x its "
                f"{self.compressed:,} compressed bytes); refused as a compression bomb",
            )
        buffer[: len(data)] = data
        return len(data)

    def close(self) -> None:
        self.inner.close()
        super().close()


def open_maybe_gzipped(path: Path) -> IO[bytes]:
    """The file's bytes, inflated within the bounds if it is gzipped."""
    with path.open("rb") as probe:
        gzipped = probe.read(2) == b"\x1f\x8b"
    if not gzipped:
        return path.open("rb")
    return io.BufferedReader(_Inflating(path), buffer_size=_CHUNK)


def check_zip(path: Path) -> None:
    """An XLSX is a zip: its members' sizes, as its directory states them, are checked before
    any is parsed (openpyxl reads all shared strings at once). zipfile itself stops a member
    that inflates past its stated size."""
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return  # not a zip: the XLSX reader says so in its own words
    stated = sum(m.file_size for m in members)
    compressed = max(sum(m.compress_size for m in members), 1)
    limit = min(max(compressed, 1 << 16) * MAX_INFLATION, MAX_UNCOMPRESSED_BYTES)
    if stated > limit:
        raise InputError(
            path,
            f"its parts inflate to {stated:,} bytes, more than {MAX_INFLATION}x its "
            f"{compressed:,} compressed bytes; refused as a compression bomb",
        )
