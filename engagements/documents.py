"""Reading readout files: bytes in, a checked document (front matter + body) out.

Pure functions, no database. Every problem raises :class:`DocumentError` with a
message a clerk can act on; the importer prefixes it with the file name.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

DOCUMENT_SUFFIXES = (".txt", ".md")
FRONT_MATTER_KEYS = {"title", "published", "source_url"}
_KEY_ALIASES = {"url": "source_url", "date": "published"}
_FRONT_MATTER_LINE = re.compile(r"^(?P<key>[A-Za-z_][A-Za-z0-9_-]*)\s*:\s*(?P<value>.*)$")


class DocumentError(ValueError):
    """A document cannot be imported; the message says why."""


@dataclass(frozen=True, slots=True)
class ParsedDocument:
    """A readout ready for extraction."""

    name: str
    sha256: str
    body: str
    title: str = ""
    published: dt.date | None = None
    source_url: str = ""


def sha256_of(raw: bytes) -> str:
    return hashlib.sha256(raw).hexdigest()


def iter_document_paths(paths: list[Path]) -> list[tuple[Path, str | None]]:
    """Expand folders into their ``.txt``/``.md`` files, in name order.

    Returns ``(path, problem)`` pairs; ``problem`` is set for a path that cannot be
    read as a document (missing, wrong kind of file) so the caller can report it.
    """
    found: list[tuple[Path, str | None]] = []
    for path in paths:
        if path.is_dir():
            found.extend(
                (child, None)
                for child in sorted(path.rglob("*"))
                if child.is_file() and child.suffix.lower() in DOCUMENT_SUFFIXES
            )
        elif path.is_file():
            if path.suffix.lower() in DOCUMENT_SUFFIXES:
                found.append((path, None))
            else:
                found.append((path, "is not a .txt or .md document"))
        elif path.exists():
            found.append((path, "is not a regular file"))
        else:
            found.append((path, "does not exist"))
    return found


def read_bytes(path: Path, *, max_bytes: int) -> bytes:
    """Read a file, refusing ones larger than ``max_bytes`` without loading them."""
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise DocumentError(f"is {size:,} bytes, larger than the {max_bytes:,}-byte limit")
        with path.open("rb") as handle:
            return handle.read(max_bytes + 1)
    except PermissionError as exc:
        raise DocumentError("cannot be read (permission denied)") from exc
    except OSError as exc:
        raise DocumentError(f"cannot be read ({exc.strerror or exc})") from exc


def decode_text(raw: bytes) -> str:
    """Decode UTF-8 (a byte-order mark is allowed) and refuse binary content."""
    if b"\x00" in raw[:8192]:
        raise DocumentError("looks like a binary file (it contains NUL bytes), not text")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise DocumentError(
            f"is not UTF-8 text (invalid byte 0x{raw[exc.start]:02x} at offset {exc.start})"
        ) from exc
    controls = sum(1 for ch in text[:8192] if ord(ch) < 32 and ch not in "\n\r\t\f")
    if controls > 8:
        raise DocumentError("looks like a binary file (it is full of control characters)")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def split_front_matter(text: str) -> tuple[dict[str, str], str]:
    """Split optional ``---`` front matter from the body.

    Front matter is ``key: value`` lines between two ``---`` lines at the very top.
    """
    if not text.startswith("---\n") and text.strip() != "---":
        return {}, text
    end = text.find("\n---", 3)
    while end != -1 and text[end + 4 : end + 5] not in ("", "\n"):
        end = text.find("\n---", end + 4)
    if end == -1:
        raise DocumentError("has front matter that is never closed (no second '---' line)")
    fields: dict[str, str] = {}
    for number, line in enumerate(text[4:end].split("\n"), start=2):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        match = _FRONT_MATTER_LINE.match(line)
        if not match:
            raise DocumentError(
                f"has malformed front matter on line {number}: expected 'key: value'"
            )
        key = match["key"].lower()
        key = _KEY_ALIASES.get(key, key)
        if key not in FRONT_MATTER_KEYS:
            allowed = ", ".join(sorted(FRONT_MATTER_KEYS))
            raise DocumentError(
                f"has an unknown front matter key {match['key']!r} on line {number} "
                f"(allowed: {allowed})"
            )
        fields[key] = match["value"].strip().strip("\"'")
    body = text[end + 4 :]
    return fields, body.removeprefix("\n")


def _parse_published(value: str) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError as exc:
        raise DocumentError(
            f"has a front matter 'published' value {value!r} that is not a date (YYYY-MM-DD)"
        ) from exc


def _parse_url(value: str) -> str:
    if not value:
        return ""
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise DocumentError(f"has a front matter 'source_url' {value!r} that is not an http(s) URL")
    return value


def parse_document(raw: bytes, *, name: str) -> ParsedDocument:
    """Check and split a readout's raw bytes into front matter and body."""
    if not raw.strip():
        raise DocumentError("is empty")
    text = decode_text(raw)
    fields, body = split_front_matter(text)
    if not body.strip():
        raise DocumentError("has no text after its front matter")
    return ParsedDocument(
        name=name,
        sha256=sha256_of(raw),
        body=body,
        title=fields.get("title", "")[:300],
        published=_parse_published(fields.get("published", "")),
        source_url=_parse_url(fields.get("source_url", "")),
    )
