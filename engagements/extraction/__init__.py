"""Pure text extraction: readouts and news stories in, candidate records out.

Nothing here touches the database. The import service calls::

    dictionaries = load_dictionaries(extra_country_aliases=..., extra_official_aliases=...)
    result = extract(body, published=..., reference_date=..., title=..., dictionaries=dictionaries)

and resolves the returned records against stored officials and engagements.
Bump :data:`EXTRACTOR_VERSION` whenever rules or dictionaries change what is
extracted, so re-imports can tell which version produced a record.
"""

from .dictionaries import Dictionaries, load_dictionaries
from .engine import extract
from .text import fold
from .types import (
    ExtractedCommitment,
    ExtractedEngagement,
    ExtractedOfficial,
    ExtractionResult,
    Span,
)

EXTRACTOR_VERSION = "1.5.0"

__all__ = [
    "EXTRACTOR_VERSION",
    "Dictionaries",
    "ExtractedCommitment",
    "ExtractedEngagement",
    "ExtractedOfficial",
    "ExtractionResult",
    "Span",
    "extract",
    "fold",
    "load_dictionaries",
]
