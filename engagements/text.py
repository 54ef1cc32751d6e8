"""Small text helpers shared by models and extraction."""

import re
import unicodedata

_WHITESPACE = re.compile(r"\s+")


def fold(text: str) -> str:
    """Search key for names: no diacritics, case-folded, single spaces.

    >>> fold("Shinjirō  Koizumi")
    'shinjiro koizumi'
    """
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _WHITESPACE.sub(" ", stripped.casefold()).strip()
