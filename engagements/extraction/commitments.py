"""Commitments: who undertook to do what, sentence by sentence.

A commitment is anchored on a cue: a verb phrase ("agreed to", "pledged",
"affirmed their intention to", "will") or a possessive noun ("Tokyo's
decision to", "its plan to", "the Dutch decision to"). Its parties are the
subject before the cue (or the possessor), resolved to countries; its text is
the clause after the cue. Praise, discussion, concern and narrative carry no
cue and yield nothing; "will" after "discussed how ..." is a question, not a
pledge, and "which will ..." describes something rather than undertaking it.

Not undertakings either: what one side presses, urges or asks another to do
("pressed allies to commit to spending ..."). "X confirmed it will ..." is X's
undertaking, and "the commitment of the United States to ..." is a possessive
cue like "the United States' commitment to ...".

A possessive cue records the possessor's own decision or plan whatever verb
reports it: "welcomed Japan's decision to", "commended Germany's plan to" and
"discussed New Zealand's plans to" are each that country's undertaking, and
the undertaking stops where a second possession starts ("... to increase
defense spending and its contributions to regional security": the
contributions were discussed, not undertaken). Plans discussed without an
owner ("discussed plans to ...") are nobody's undertaking.

A relative clause describes the undertaking's object and is part of it:
"Germany will pay for two Patriot batteries that the United States will
deliver" is Germany's undertaking, whole; the "will" inside it is no
undertaking of its own (but "told Hegseth that the Netherlands will ..." and
"said that ..." report one). An undertaking ends at an attribution (", the
Ministry of Defence said"), at ", after ..." / ", with ..." and at "after X
met Y"; ", and" after a single country opens a new clause ("... in northern
Canada, and Canada will host ..."). "agreed to:" followed by bullets, numbers
or semicolons gives one undertaking per item.

Categories: the first category cue wins, except that cues running together
form one compound whose last word is its head ("joint fighter exercise" is an
exercise); an undertaking with no cue ("conclude the contract") takes the
category of its sentence's words before the cue.

Subjects: for a modal ("will", "would") the subject is the noun group right
before it; for other verbs it is the first noun group of the clause that is
not governed by a preposition or a verb such as "thanked" (so "Hegseth
thanked Japan for its support and pledged to ..." is a U.S. pledge).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from ..choices import CommitmentCategory
from .dates import RELATIVE_RE
from .dictionaries import CommitmentCue, Dictionaries
from .lexicon import Hit, Scan
from .officials import CountryMention, OfficialCandidate
from .text import Sentence, fold
from .types import ExtractedCommitment, Span

ALL = "*"  # stands for every country of the engagement
# The subject of a cue inside a relative clause: no undertaking of its own.
RELATIVE: tuple[int, frozenset[str]] = (-1, frozenset())
WIDER = "+"  # a group wider than the engagement's sides ("Allied ministers")

_STRENGTH_CONFIDENCE = {"strong": 0.8, "medium": 0.65, "weak": 0.55}
_ADJECTIVE_TAIL_RE = re.compile(
    r"\b(?:new|recent|latest|historic|firm|ironclad|stated)\s+$", re.IGNORECASE
)
_PRONOUN_TAIL_RE = re.compile(r"\b(?:its|their)\s+$", re.IGNORECASE)
_RELATIVE_BEFORE_RE = re.compile(
    r"\b(?:which|that|who|it|this|these|those|there)\s*$", re.IGNORECASE
)
_GOVERNED_RE = re.compile(
    r"\b(?:for|with|to|of|from|in|into|by|at|on|about|toward|towards|between|during|against|among|than|"
    r"including|like|thanked|told|urged|asked|invited|welcomed|briefed|praised|commended)\s+(?:the\s+)?$",
    re.IGNORECASE,
)
_JOINER_RE = re.compile(r"\s*(?:,\s*(?:and\s+)?|\s+and\s+|\s*&\s*)(?:(?:the|his|her|their)\s+)?")
_ADJACENT_RE = re.compile(r"(?:'s)?\s*(?:counterparts?,?\s*)?")
_HE_SHE_RE = re.compile(r"\b(?:he|she)\b", re.IGNORECASE)
_TITLE_REFERENCE_RE = re.compile(
    r"\b[Tt]he\s+(Secretary|Minister|Deputy Prime Minister|Prime Minister|President|Chancellor|"
    r"Deputy Secretary|Vice Minister|Under Secretary|General|Admiral)\b(?!\s+of\b)"
)
_THEIR_COUNTERPART_RE = re.compile(r"(?<=and )(?:his|her|their)\s+counterparts?\b")
_REPORTED_PRONOUN_RE = re.compile(
    r"\b(?:confirmed|said|announced|stated|added|indicated|pledged|promised|made clear|declared)"
    r"\s+(?:that\s+)?(?:it|they)\s+$",
    re.IGNORECASE,
)
_SECOND_UNDERTAKING_RE = re.compile(r",?\s+and\s+(?:to|will)\s+")
_NEW_CLAUSE_RE = re.compile(r"\s*,\s*and\s+(?:the\s+)?")  # "... in Caledonia, and France will"
_EXHORTED_RE = re.compile(r"^[^,;.]{0,80}\bto\s+$")
_OF_OWNER_RE = re.compile(r"\s+of\s+(?:the\s+)?")
_TO_RE = re.compile(r"\s+to\b")
_CONTENT_WORD_RE = re.compile(r"[^\W\d_]{3,}")
_EMPTY_WORDS = frozenset({"the", "that", "they", "their", "its", "this", "these", "those", "and"})
_CLAUSE_BREAK_RE = re.compile(
    r";|:|\s+[\u2014\u2013]\s+|\s+--\s+"
    r"|,\s+and\s+(?=(?:the|both|they|he|she|it|[A-Z]))"
    r"|,\s+(?:as|including|after|following|with)\s+"
    r"|\s+(?:after|following)\s+(?=[^,;.]*\b(?:met|visited|hosted|held)\b)"
    r"|\s+while\s+|\s+whereas\s+"
    r"|,\s*(?:the\s+)?(?:[A-Z][\w.'\-]*\s+(?:(?:of|for|and)\s+)?){1,4}"
    r"(?:said|says|told|added|noted|announced)\b"
)
_TEMPORAL_RE = re.compile(rf"^(?:{RELATIVE_RE.pattern})\s*,?\s*", re.VERBOSE | re.IGNORECASE)
_LEADING_RE = re.compile(r"^(?:to|that|on|upon)\s+", re.IGNORECASE)
_TRAILING_RE = re.compile(r"(?:[\s,]+(?:and|or|but|as well as|to))+$", re.IGNORECASE)
_CONJUNCTION_TAIL_RE = re.compile(r"(?:,|\band|\bbut|\bor)\s*(?:also\s+)?$")
_CLAUSE_OPENER_RE = re.compile(
    r",\s*(?:where|when|while|whereas|and|but|as|after|before|since|because|although)\b|;|:|\b(?:that|where)\b"
)
_SPEAKER_TAIL_RE = re.compile(r",\s*(?:[A-Z][\w.'\-]*\s*){1,4}$")
_ATTRIBUTION_TAIL_RE = re.compile(
    r",\s+(?:according\s+to\b[^,;]*|(?:[\w.'\-]+\s+){1,5}"
    r"(?:said|says|added|noted|stated|confirmed|told\s+\w+(?:\s+\w+)?)"
    r"(?:\s+(?:after|following|during|at|on|in)\b[^,;]*)?)\s*[.\"']*\s*$"
)
# "batteries that the United States will deliver": a relative clause describing the object,
# unless the word before "that" is a verb introducing reported speech ("said that").
_RELATIVE_SUBJECT_RE = re.compile(r"([\w']+),?\s+(?:that|which|whom)\s+$", re.IGNORECASE)
_REPORTING_WORDS = frozenset(
    {
        "say", "says", "said", "told", "tells", "clear", "sure", "ensure", "ensures",
        "agree", "agrees", "confirm", "confirms", "announce", "announces", "state", "states",
        "note", "notes", "stress", "stresses", "underline", "underlines", "emphasize",
        "emphasizes", "emphasise", "emphasises", "affirm", "affirms", "reaffirm", "reaffirms",
        "pledge", "pledges", "promise", "promises", "understand", "understood", "know", "knew",
        "believe", "believes", "hope", "hopes", "expect", "expects", "reiterate", "reiterates",
        "add", "adds", "view", "assurance", "assurances", "so", "adding", "saying", "noting",
        "stressing", "underscoring", "emphasizing", "emphasising", "stating", "confirming",
        "announcing", "insisting", "pledging", "promising", "warning", "indicating",
        "explaining", "arguing", "signaling", "signalling", "making", "reiterating",
    }
)  # fmt: skip
# "told Hegseth that the Netherlands will ...": reported speech addressed to someone.
_TOLD_SOMEONE_RE = re.compile(
    r"\b(?:told|tell|tells|assured|assures|informed|informs|reminded|reminds|briefed|"
    r"promised|promises|warned|warns|reassured|reassures)(?:\s+[\w.'\-]+){1,4}\s+$",
    re.IGNORECASE,
)
_SECOND_POSSESSION_RE = re.compile(r"\s+and\s+(?:its|their|his|her)\s+", re.IGNORECASE)
_LIST_OPENING_RE = re.compile(
    r"\s*(?P<announced>(?:the\s+following(?:\s+(?:steps|measures|actions))?|as\s+follows))?"
    r"\s*:\s*",
    re.IGNORECASE,
)
_MARKER = r"(?:[-*\u2022\u2013\u25aa\u25cf]|\(?\d{1,2}[.)]|\(?[a-z][.)])[ \t]+"
_LIST_ITEM_RE = re.compile(rf"(?:^|\n)[ \t]*{_MARKER}")  # a bullet or number opening a line
_ITEM_START_RE = re.compile(_MARKER)
_ITEM_HEAD_RE = re.compile(r"^\s*(?:and|or)\s+", re.IGNORECASE)
_ITEM_TAIL_RE = re.compile(r"[\s;,.]*(?:\b(?:and|or)\b)?[\s;,.]*$")
_DISCUSSED_GAP_RE = re.compile(r"\s+(?:(?:the|any|possible|future|new)\s+)*", re.IGNORECASE)
_COMPOUND_GAP_RE = re.compile(r"[ \t\-]+")
_NEGATED_AFTER_RE = re.compile(r"\s+(?:not|never)\b", re.IGNORECASE)
_NEGATION_WINDOW = 24  # characters between a negation and the cue it cancels
_MAX_TEXT = 220


@dataclass(frozen=True, slots=True)
class _Cue:
    start: int
    end: int
    cue: CommitmentCue | None  # None for possessive cues
    owner: tuple[int, frozenset[str]] | None  # (start, parties) of a possessive cue's possessor
    verb: str | None = None  # base verb put before the undertaking


def find_commitments(
    work: str,
    scan: Scan,
    sentences: Sequence[Sentence],
    dictionaries: Dictionaries,
    countries: Sequence[CountryMention],
    officials: Sequence[OfficialCandidate],
    engagement_countries: Sequence[str],
    skip: set[int],
    *,
    multilateral: bool = False,
) -> list[ExtractedCommitment]:
    """Commitments stated in ``sentences`` (except those whose index is in ``skip``).

    What a group wider than the engagement's sides undertakes ("Allied ministers
    agreed ...") belongs to the engagement only when it is itself ``multilateral``.
    """
    resolver = _SubjectResolver(work, scan, countries, officials)
    everyone = frozenset(engagement_countries)
    results: list[ExtractedCommitment] = []
    for sentence in sentences:
        if sentence.index in skip:
            continue
        cues = _cues_in(work, scan, sentence, resolver)
        subjects = _subjects(work, scan, resolver, sentence, cues)
        kept = [(c, s) for c, s in zip(cues, subjects, strict=True) if s is not RELATIVE]
        cues, subjects = [c for c, _ in kept], [s for _, s in kept]
        previous: frozenset[str] | None = None
        for position, (cue, subject) in enumerate(zip(cues, subjects, strict=True)):
            limit = sentence.end
            if position + 1 < len(cues):
                following = subjects[position + 1]
                # the next subject, unless it was named earlier ("X's decision to A and its
                # plan to B"): then the next cue
                after = following[0] if following and following[0] >= cue.end else None
                limit = max(cue.end, after if after is not None else cues[position + 1].start)
            parties = subject[1] if subject else None
            if parties is None and cue.cue is not None and cue.cue.strength != "weak":
                parties = previous or frozenset({ALL})
            if parties is None:
                continue
            previous = parties
            if WIDER in parties:
                if not multilateral:
                    continue  # "Allied ministers agreed ..." read beside a bilateral
                parties = frozenset({ALL})
            resolved = everyone if ALL in parties else parties & everyone
            if not resolved:
                continue
            context = work[sentence.start : cue.start]
            confidence = _STRENGTH_CONFIDENCE[cue.cue.strength if cue.cue else "strong"]
            verb = cue.verb
            items = _list_items(work, cue.end, sentences, sentence)
            if items is not None and verb and verb.endswith(" on"):
                verb = None  # "agreed on the following steps: - expand ..."
            if items is None:
                end = _clause_end(work, scan, cue.end, limit)
                if cue.cue is None and (second := _SECOND_POSSESSION_RE.search(work, cue.end, end)):
                    end = second.start()  # "X's plans to A and its contributions to B"
                items = [(work[cue.end : end], sentence)]
            for clause, evidence in items:
                text = _undertaking(clause, verb, dictionaries)
                if not _has_content(text, verb):
                    continue
                results.append(
                    ExtractedCommitment(
                        text=text,
                        parties=sorted(resolved),
                        category=_category(dictionaries, text, context),
                        evidence=Span(evidence.start, evidence.end, evidence.text),
                        confidence=confidence,
                    )
                )
    return _deduplicate(results)


def _list_items(
    work: str, start: int, sentences: Sequence[Sentence], sentence: Sentence
) -> list[tuple[str, Sentence]] | None:
    """ "The ministers agreed to: - expand ...; - establish ..." (bullets, numbered items or
    semicolons after a colon; "agreed to the following:"): each item is an undertaking, with
    the sentence holding it."""
    opening = _LIST_OPENING_RE.match(work, start)
    if opening is None:
        return None
    block_end = sentence.end
    for following in sentences[sentence.index + 1 :]:
        if not _ITEM_START_RE.match(work, following.start):
            break  # items written as sentences (or paragraphs) of their own
        block_end = following.end
    block = work[opening.end() : block_end]
    markers = list(_LIST_ITEM_RE.finditer(block))
    if len(markers) >= 2 and not block[: markers[0].start()].strip():
        bounds = [*(m.end() for m in markers), len(block)]
        starts = [m.start() for m in markers[1:]] + [len(block)]
        pieces = [
            (opening.end() + a, opening.end() + b) for a, b in zip(bounds, starts, strict=False)
        ]
    else:
        parts = block.split(";")
        if len(parts) < 2 and not opening.group("announced"):
            return None
        pieces, cursor = [], opening.end()
        for part in parts:
            pieces.append((cursor, cursor + len(part)))
            cursor += len(part) + 1
    items = []
    for a, b in pieces:
        piece = _ITEM_TAIL_RE.sub("", work[a:b]).lstrip()
        if marker := _ITEM_START_RE.match(piece):
            piece = piece[marker.end() :]
        piece = _ITEM_HEAD_RE.sub("", piece)
        holder = next((s for s in sentences if s.start <= a < s.end), sentence)
        items.append((piece, holder))
    return items


def _cues_in(work: str, scan: Scan, sentence: Sentence, resolver: _SubjectResolver) -> list[_Cue]:
    cues: list[_Cue] = []
    for hit in scan.within("possessive", sentence.start, sentence.end):
        position = hit.start
        if adjective := _ADJECTIVE_TAIL_RE.search(work, sentence.start, position):
            position = adjective.start()
        start = hit.start
        if pronoun := _PRONOUN_TAIL_RE.search(work, sentence.start, position):
            owner = resolver.last_before(sentence.start, pronoun.start())
            start = pronoun.start()  # "its plan to": the cue begins at the pronoun
        else:
            end = len(work[:position].rstrip())
            if work.startswith("'s", end - 2):
                end -= 2
            elif work.startswith("'", end - 1):
                end -= 1  # "the United States' commitment to"
            owner = resolver.possessor(end)
        if owner:
            verb = "commit to" if hit.label == "commitment" else None
            cues.append(_Cue(start, hit.end, None, owner, verb))
    for hit in scan.within("possessive_of", sentence.start, sentence.end):
        # "the commitment of the United States to provide ..."
        gap = _OF_OWNER_RE.match(work, hit.end)
        owner_at = resolver.starting_at(gap.end()) if gap else None
        if owner_at is None:
            continue
        owner_end, owner = owner_at
        to = _TO_RE.match(work, owner_end)
        if to is None:
            continue
        verb = "commit to" if hit.label == "commitment" else None
        cues.append(_Cue(hit.start, to.end(), None, owner, verb))
    for hit in scan.within("commitment", sentence.start, sentence.end):
        if any(cue.start <= hit.start < cue.end for cue in cues):
            continue
        discussed = scan.last("non_commitment", sentence.start, hit.start)
        if discussed is not None and _DISCUSSED_GAP_RE.fullmatch(work, discussed.end, hit.start):
            continue  # "discussed plans to ...": what was talked about, nobody's undertaking
        exhortation = scan.last("exhortation", sentence.start, hit.start)
        if exhortation is not None and _EXHORTED_RE.match(work[exhortation.end : hit.start]):
            continue  # "pressed allies to commit to ...": asked of others, not undertaken
        window = max(sentence.start, hit.start - _NEGATION_WINDOW)
        if scan.last("negation_before", window, hit.start) is not None or _NEGATED_AFTER_RE.match(
            work, hit.end
        ):
            continue  # "declined to commit to", "did not agree to", "will not ..."
        cues.append(_Cue(hit.start, hit.end, hit.label, None, hit.label.verb))
    cues.sort(key=lambda cue: cue.start)
    return cues


def _subjects(
    work: str,
    scan: Scan,
    resolver: _SubjectResolver,
    sentence: Sentence,
    cues: Sequence[_Cue],
) -> list[tuple[int, frozenset[str]] | None]:
    """For each cue, where its subject starts and which countries it names."""
    subjects: list[tuple[int, frozenset[str]] | None] = []
    window_start = sentence.start
    for cue in cues:
        if cue.owner is not None:
            subjects.append(cue.owner)
        elif cue.cue is not None and cue.cue.strength == "weak":
            if _not_an_undertaking(work, scan, sentence, cue):
                subjects.append(None)
                continue
            subject = resolver.subject(window_start, cue.start, nearest=True)
            if subject is not None and _object_relative(work, sentence.start, subject[0]):
                subjects.append(RELATIVE)
                continue
            reported = _REPORTED_PRONOUN_RE.search(work, sentence.start, cue.start)
            if subject is None and reported is not None:
                # "Sweden announced it will ...": the pronoun is the reporting subject
                subject = resolver.subject(sentence.start, reported.start(), nearest=False)
            if (
                subject is None
                and subjects
                and subjects[-1]
                and _CONJUNCTION_TAIL_RE.search(work, window_start, cue.start)
            ):
                subject = (cue.start, subjects[-1][1])  # "... will deliver X and will purchase Y"
            subjects.append(subject)
        else:
            subject = resolver.subject(window_start, cue.start, nearest=False)
            if cue.cue is not None and cue.cue.phrase.endswith("ing to"):
                # "..., with Seoul pledging to ...": the noun right before the participle
                end = len(work[: cue.start].rstrip())
                subject = resolver.possessor(end) or subject
            subjects.append(subject)
        window_start = cue.end
    return subjects


def _object_relative(work: str, start: int, subject_start: int) -> bool:
    """ "two Patriot batteries that the United States will deliver": the subject opens a
    relative clause describing something, not an undertaking of its own."""
    article = re.compile(r"(?:the\s+)?$").search(work, start, subject_start)
    before = article.start() if article else subject_start
    relative = _RELATIVE_SUBJECT_RE.search(work, start, before)
    if relative is None:
        return False
    word = relative.group(1).lower()
    if word in _REPORTING_WORDS or word.endswith("ed"):
        return False
    return not _TOLD_SOMEONE_RE.search(
        work, max(start, relative.start() - 60), relative.start(1) + len(word) + 1
    )


def _not_an_undertaking(work: str, scan: Scan, sentence: Sentence, cue: _Cue) -> bool:
    """ "which will ...", or "discussed how X will ..."."""
    if _RELATIVE_BEFORE_RE.search(work, sentence.start, cue.start) and not (
        _REPORTED_PRONOUN_RE.search(work, sentence.start, cue.start)
    ):
        return True
    non_commitment = scan.first("non_commitment", sentence.start, cue.start)
    return bool(non_commitment and scan.first("indirect_question", non_commitment.end, cue.start))


class _SubjectResolver:
    """Turns the words before a cue into the countries that are its subject."""

    def __init__(
        self,
        work: str,
        scan: Scan,
        countries: Sequence[CountryMention],
        officials: Sequence[OfficialCandidate],
    ) -> None:
        self.work = work
        self.scan = scan
        self.officials = [official for official in officials if official.country]
        self.mentions: list[tuple[int, int, frozenset[str]]] = sorted(
            [(m.start, m.end, frozenset({m.code})) for m in countries]
            + [
                (m.start, m.end, frozenset({o.country})) for o in self.officials for m in o.mentions
            ],
            key=lambda item: (item[0], -item[1]),
        )
        self.by_end = {end: (start, codes) for start, end, codes in self.mentions}

    def starting_at(self, start: int) -> tuple[int, tuple[int, frozenset[str]]] | None:
        """The country or official named at ``start``: (its end, (start, parties))."""
        for m_start, m_end, codes in self.mentions:
            if m_start == start:
                return m_end, (m_start, codes)
        return None

    def possessor(self, end: int) -> tuple[int, frozenset[str]] | None:
        """The country or official whose name ends at ``end`` ("Tokyo's", "the Dutch")."""
        return self.by_end.get(end)

    def last_before(self, start: int, end: int) -> tuple[int, frozenset[str]] | None:
        """What "its" or "their" refers to: the last country or official named before ``end``."""
        earlier = [
            (m_start, codes)
            for m_start, m_end, codes in self.mentions
            if start <= m_start and m_end <= end
        ]
        return earlier[-1] if earlier else None

    def subject(self, start: int, end: int, *, nearest: bool) -> tuple[int, frozenset[str]] | None:
        groups = self._groups(start, end)
        if not groups:
            if _HE_SHE_RE.search(self.work, start, end):
                earlier = [
                    (m_start, codes)
                    for m_start, m_end, codes in self.mentions
                    if m_end <= start and ALL not in codes
                ]
                official_codes = {frozenset({o.country}) for o in self.officials}
                earlier = [item for item in earlier if item[1] in official_codes]
                if earlier:
                    return start, earlier[-1][1]
            return None
        if nearest:
            free = [group for group in groups if not self._governed(start, group[0])]
            return free[-1] if free else None
        opener = None
        for opener in _CLAUSE_OPENER_RE.finditer(self.work, start, end):  # noqa: B007
            pass
        if opener is not None and any(group_start >= opener.end() for group_start, _ in groups):
            groups = [group for group in groups if group[0] >= opener.end()]
        for group_start, codes in groups:
            if not self._governed(start, group_start):
                return group_start, codes
        return None

    def _governed(self, start: int, group_start: int) -> bool:
        """Whether a preposition or a verb such as "thanked" governs the noun group."""
        return bool(_GOVERNED_RE.search(self.work, max(start, group_start - 30), group_start))

    def _groups(self, start: int, end: int) -> list[tuple[int, frozenset[str]]]:
        """Noun groups naming countries in ``[start, end)``.

        "Japan and the United States" is one group; so is "both sides".
        """
        candidates: list[tuple[int, int, frozenset[str]]] = [
            (hit.start, hit.end, frozenset({ALL}))
            for hit in self.scan.within("collective_subjects", start, end)
        ]
        candidates += [
            (hit.start, hit.end, frozenset({WIDER}))
            for hit in self.scan.within("wider_subjects", start, end)
        ]
        candidates += [
            (m_start, m_end, codes)
            for m_start, m_end, codes in self.mentions
            if start <= m_start and m_end <= end
        ]
        for match in _TITLE_REFERENCE_RE.finditer(self.work, start, end):
            holders = {o.country for o in self.officials if match.group(1) in o.title}
            if len(holders) == 1:
                candidates.append((match.start(), match.end(), frozenset(holders)))
        for match in _THEIR_COUNTERPART_RE.finditer(self.work, start, end):
            candidates.append((match.start(), match.end(), frozenset({ALL})))
        candidates.sort(key=lambda item: (item[0], -item[1]))
        # [start, codes, members]; ", and" closes a clause after one member ("training in
        # northern Canada, and Canada will host ...") but ends a list after two or more.
        groups: list[list] = []
        cursor = -1
        for c_start, c_end, codes in candidates:
            if c_start < cursor:
                continue  # nested inside the previous candidate
            if groups and (
                _ADJACENT_RE.fullmatch(self.work, cursor, c_start)
                or (
                    _JOINER_RE.fullmatch(self.work, cursor, c_start)
                    and not (
                        _NEW_CLAUSE_RE.fullmatch(self.work, cursor, c_start)
                        and (groups[-1][2] == 1 or self._governed(start, groups[-1][0]))
                    )
                )
            ):
                groups[-1][1] = groups[-1][1] | codes
                groups[-1][2] += 1
            else:
                groups.append([c_start, codes, 1])
            cursor = c_end
        return [(group_start, frozenset(codes)) for group_start, codes, _ in groups]


def _clause_end(work: str, scan: Scan, start: int, limit: int) -> int:
    end = limit
    if brk := _CLAUSE_BREAK_RE.search(work, start, end):
        end = brk.start()
    if closing := scan.first("clause_end", start, end):
        end = closing.start
        if speaker := _SPEAKER_TAIL_RE.search(work, start, end):
            end = speaker.start()  # "..., Teodoro told reporters"
    if attribution := _ATTRIBUTION_TAIL_RE.search(work, start, end):
        end = attribution.start()  # "..., an Indian official said"
    return end


def _undertaking(clause: str, verb: str | None, dictionaries: Dictionaries) -> str:
    """A concise statement of what was undertaken, e.g. "Increase its defense spending"."""
    text = " ".join(clause.split()).strip(" ,;:.\"'")
    if temporal := _TEMPORAL_RE.match(text):
        text = text[temporal.end() :]
        if verb and verb.endswith(" on"):
            verb = None  # "agreed on Sunday to ..."
    text = _LEADING_RE.sub("", text)
    if (adverb := dictionaries.scan(text).first("leading_adverbs")) and adverb.start == 0:
        text = text[adverb.end :].lstrip()
    text = _TRAILING_RE.sub("", text).strip(" ,;:.\"'")
    if not text:
        return ""
    if verb:
        text = f"{verb} {text}"
    if len(text) > _MAX_TEXT:
        text = text[:_MAX_TEXT].rsplit(" ", 1)[0] + "…"
    return text[:1].upper() + text[1:]


def _has_content(text: str, verb: str | None) -> bool:
    """Whether ``text`` says what was undertaken (not just "It" or "The")."""
    body = text[len(verb) :] if verb and text.lower().startswith(verb) else text
    return any(word.lower() not in _EMPTY_WORDS for word in _CONTENT_WORD_RE.findall(body))


def _category(dictionaries: Dictionaries, text: str, context: str = "") -> str:
    """The category of the first undertaking in ``text`` ("deepen cooperation on X and
    to hold an exercise" is cooperation), else of the whole text: the category whose
    cue appears first; generic cues ("cooperate", "memorandum") count only when no
    specific one appears. An undertaking naming no category ("conclude the contract")
    takes the category of the words before its cue in the sentence ("welcomed progress on
    the frigate program and confirmed that they will ...")."""
    first = _SECOND_UNDERTAKING_RE.split(text, maxsplit=1)[0]
    parts = (first, text) if first != text else (text,)
    for part in (*parts, context) if context else parts:
        scan = dictionaries.scan(part)
        if hit := _head(part, scan.all("category")):
            return hit.label
        if hit := scan.first("category_generic"):
            return hit.label
    return CommitmentCategory.OTHER.value


def _head(text: str, hits: Sequence[Hit]) -> Hit | None:
    """The first category cue, or, when cues run together into one compound noun ("joint
    fighter exercise", "missile production"), the last of them: English compounds put the
    head last."""
    if not hits:
        return None
    head = hits[0]
    for hit in hits[1:]:
        if not _COMPOUND_GAP_RE.fullmatch(text, head.end, hit.start):
            break
        head = hit
    return head


def _deduplicate(commitments: list[ExtractedCommitment]) -> list[ExtractedCommitment]:
    seen: set[tuple[str, tuple[str, ...]]] = set()
    unique = []
    for commitment in commitments:
        key = (fold(commitment.text), tuple(commitment.parties))
        if key not in seen:
            seen.add(key)
            unique.append(commitment)
    return unique
