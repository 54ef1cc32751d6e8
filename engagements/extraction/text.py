"""Text utilities: folding, normalisation and sentence splitting.

Every function here preserves character offsets unless its docstring says
otherwise, so spans found in the normalised text index the original body.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

_WHITESPACE = re.compile(r"\s+")

# Same-length substitutions: curly quotes, exotic spaces and hyphens are
# mapped to their ASCII forms so patterns only need to handle one spelling.
_SAME_LENGTH = {
    "\u2018": "'",
    "\u2019": "'",
    "\u02bc": "'",
    "\u201c": '"',
    "\u201d": '"',
    "\u00a0": " ",
    "\u2007": " ",
    "\u202f": " ",
    "\u2009": " ",
    "\u2010": "-",
    "\u2011": "-",
}
_SAME_LENGTH_RE = re.compile("[" + "".join(_SAME_LENGTH) + "]")


def fold(text: str) -> str:
    """Return the search key of ``text``.

    NFKD-decompose, drop combining marks, casefold and collapse whitespace:
    ``fold("Shinjirō  Koizumi") == "shinjiro koizumi"``.
    """
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _WHITESPACE.sub(" ", stripped.casefold()).strip()


def normalise(text: str) -> str:
    """Map typographic variants to ASCII without changing any offset."""
    return _SAME_LENGTH_RE.sub(lambda match: _SAME_LENGTH[match.group()], text)


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence of the body: ``body[start:end] == text``."""

    index: int
    start: int
    end: int
    text: str


# Tokens after which a full stop does not end the sentence.
_ABBREVIATIONS = frozenset(
    {
        "adm",
        "apr",
        "aug",
        "brig",
        "capt",
        "cmdr",
        "col",
        "cpl",
        "dec",
        "dr",
        "feb",
        "gen",
        "gov",
        "hon",
        "jan",
        "jul",
        "jun",
        "lt",
        "maj",
        "mar",
        "mr",
        "mrs",
        "ms",
        "no",
        "nov",
        "oct",
        "pres",
        "prof",
        "rep",
        "rt",
        "sen",
        "sept",
        "sep",
        "sgt",
        "st",
        "supt",
        "vs",
    }
)

# A sentence ends at a full stop before a capital, a digit or a bullet opening a line.
_BOUNDARY = re.compile(
    r"[.!?][\"')\]]*(?=\s+[\"'(\[]?[A-Z0-9\u00c0-\u024f]|[ \t]*\n\s*[-*\u2022\u25aa\u25cf][ \t])"
)
_PARAGRAPH = re.compile(r"\n[ \t]*\n")
_TOKEN_BEFORE = re.compile(r"(\S+)$")
_DOTTED_ACRONYM = re.compile(r"(?:[A-Za-z]\.)+$")


def split_sentences(body: str, *, normalised: str | None = None) -> list[Sentence]:
    """Split ``body`` into sentences, keeping offsets into ``body``.

    Paragraph breaks always end a sentence. A full stop does not end one after
    common abbreviations ("Jan.", "Gen.", "Dr."), initials ("J.") or dotted
    acronyms ("U.S.", "U.K."). Pass ``normalised`` when the caller already has
    ``normalise(body)``.
    """
    text = normalised if normalised is not None else normalise(body)
    sentences: list[Sentence] = []
    block_start = 0
    blocks = [*(m.start() for m in _PARAGRAPH.finditer(text)), len(text)]
    for block_end in blocks:
        cursor = block_start
        for boundary in _BOUNDARY.finditer(text, block_start, block_end):
            if boundary.group()[0] == "." and _is_abbreviation(text, boundary.start()):
                continue
            _append(sentences, body, text, cursor, boundary.end())
            cursor = boundary.end()
        _append(sentences, body, text, cursor, block_end)
        block_start = block_end
    return sentences


def _is_abbreviation(text: str, dot: int) -> bool:
    match = _TOKEN_BEFORE.search(text, max(0, dot - 20), dot + 1)
    if match is None:
        return False
    token = match.group(1).lstrip("\"'([")
    token = token.rsplit("-", 1)[-1]  # "Japan-U.S." ends like "U.S."
    if _DOTTED_ACRONYM.fullmatch(token) and (len(token) == 2 or token.count(".") > 1):
        return True  # "J." or "U.S."
    return token[:-1].lower() in _ABBREVIATIONS


def _append(sentences: list[Sentence], body: str, text: str, start: int, end: int) -> None:
    """Add ``body[start:end]`` trimmed of what is blank in ``text`` (the normalised body,
    where a caller may have blanked out parts it does not read)."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start < end:
        sentences.append(Sentence(len(sentences), start, end, body[start:end]))
