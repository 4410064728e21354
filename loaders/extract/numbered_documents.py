"""Documents the text names by number: "NRC Inspection Report (IR) Nos. 05000250/2011005", "Inspection
Report 98-02", "OI Investigation Report No. 3-96-041", "Form NRC-241", "Appendix 11", "GAO-07-700T",
"Cm 5730", "S. 870".

A number makes a document noun a name: the reader knows which one document is meant, and the gold (like a
careful reader) names it by its body prefix, its noun and its number, without the "No." between them or an
abbreviation in brackets ("NRC Inspection Report 05000250/2011005"); the words as written stay an alias.
The grammar is lexicon data (`words.yaml`): document nouns (`nominals.yaml`), `number_marks`,
`document_series`, `numbered_nouns` (nouns that are documents only with a number: "Form", "Appendix") and
`bill_marks` ("S.", "H.R."). A bare number after a document noun needs a separator ("98-02",
"05000250/2011005", "NRC-241") and is no span of years ("Annual Report 2023-24" is a title, read elsewhere).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from graph.names import name_key
from loaders.extract.lexicon import LEX
from loaders.extract.mentions import Mention
from loaders.extract.token_filter import any_word

if TYPE_CHECKING:
    from loaders.extract.reports import ReportCluster
    from loaders.extract.rules import DocumentRun

# words before a document noun that belong to no name ("the Inspection Report", "see Report No. 5")
_NOT_PREFIX = frozenset(
    [
        "the",
        "a",
        "an",
        "this",
        "that",
        "these",
        "those",
        "our",
        "its",
        "his",
        "her",
        "their",
        "your",
        "my",
        "see",
        "in",
        "and",
        "of",
        "per",
        "under",
        "with",
        "from",
        "to",
        "by",
    ]
)
_YEARS = re.compile(r"(?:19|20)\d\d[-/\u2013](?:\d\d|(?:19|20)\d\d)$")  # "2023-24", "2010/2011": a span of years


@dataclass(frozen=True)
class NumberedName:
    """One numbered document as found: where, what to call it, and the words as written."""

    start: int
    end: int
    name: str
    written: str
    prefix: str  # the words before the noun ("NRC", "OI"): the issuing body, when the text names one so
    kind: str  # noun ("Inspection Report 98-02"), part ("Appendix 11"), or other (a code, a series number, a bill)


def _alternation(words) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


@lru_cache(maxsize=4)
def _pattern(
    document_nouns: frozenset[str],
    numbered_nouns: frozenset[str],
    number_marks: frozenset[str],
    series_words: frozenset[str],
    bill_marks: frozenset[str],
) -> re.Pattern:
    number = r"[A-Z]{0,5}-?\d[\w./-]*\w|\d"
    separated = r"[A-Z]{0,6}-?\d+(?:[-/.][A-Za-z0-9]+)+"  # "98-02", "NRC-241", "05000250/2011005"
    nouns = r"(?i:" + _alternation(document_nouns | numbered_nouns) + r")s?"
    numbered = r"(?i:" + _alternation(numbered_nouns) + r")"
    marks = r"(?i:" + _alternation(number_marks) + r")\.?"
    series = "(?:" + _alternation({f(w) for w in series_words for f in (str.capitalize, str.upper)}) + r")\.?"
    code = r"[A-Z]{2,6}(?:/[A-Z]{1,6}(?:-[A-Z]{1,6})?)*-\d{2,4}-\d{2,5}[A-Z]{0,2}"
    bills = "(?:" + _alternation(bill_marks).replace(r"\ ", r"[ \t]?") + ")"
    prefix = r"(?P<prefix>(?:(?:[A-Z][a-z]+|[A-Z]{2,12})[ \t]+){0,2})"
    abbreviation = r"(?:\([A-Z]{1,6}\)[ \t]*)?"  # "Inspection Report (IR) Nos. ..."
    return re.compile(
        rf"(?<![\w.])(?:{prefix}(?P<noun>{nouns})[ \t]+{abbreviation}"
        rf"(?:{marks}[ \t]*(?P<marked>{number})|(?P<bare>{separated}))"
        rf"|(?P<part>{numbered})[ \t]+(?P<plain>\d{{1,4}})"
        rf"|(?P<code>{code})|{series}[ \t]+\d{{1,2}}-?\d{{2,5}}"
        rf"|(?P<bill>{bills})[ \t]?\d{{1,5}})\b"
    )


def numbered_pattern() -> re.Pattern:
    """The whole grammar from the lexicon (cached per lexicon)."""
    return _pattern(LEX.document_nouns, LEX.numbered_nouns, LEX.number_marks, LEX.document_series, LEX.bill_marks)


def _singular(noun: str) -> str:
    return noun[:-1] if noun.lower().endswith("s") and noun[:-1].lower() in LEX.document_nouns else noun


def _prefix_words(prefix: str) -> list[str]:
    words = prefix.split()
    while words and words[0].lower() in _NOT_PREFIX:
        words = words[1:]
    return words


def _cased(words: list[str]) -> list[str]:
    """ "NRC INSPECTION REPORT" -> "NRC Inspection Report": an upper-case heading's words as a name (short
    words stay, they are acronyms)."""
    if not all(w.isupper() for w in words if any(c.isalpha() for c in w)):
        return words
    return [w if len(w) <= 4 or not w.isalpha() else w.capitalize() for w in words]


def _line_start(found: re.Match) -> bool:
    return not found.string[found.string.rfind("\n", 0, found.start()) + 1 : found.start()].strip()


def _named(found: re.Match) -> NumberedName | None:
    written = " ".join(found.group().split())
    if found.group("noun"):
        number = found.group("marked") or found.group("bare")
        if found.group("bare") and _YEARS.match(number):
            return None
        words = _prefix_words(found.group("prefix") or "")
        start = found.start() + found.group().index(words[0]) if words else found.start("noun")
        name = " ".join([*_cased([*words, _singular(found.group("noun"))]), number])
        return NumberedName(
            start, found.end(), name, " ".join(found.string[start : found.end()].split()), " ".join(words), "noun"
        )
    if found.group("part"):
        if _line_start(found):  # "Appendix 2" heading a line: a part of the document being read, not one it cites
            return None
        return NumberedName(
            found.start(), found.end(), f"{found.group('part')} {found.group('plain')}", written, "", "part"
        )
    return NumberedName(found.start(), found.end(), written, written, "", "other")


_DIGIT = re.compile(r"\d")


def _holds_digit(word: str) -> bool:
    return _DIGIT.search(word) is not None


def numbered_names(text: str) -> list[NumberedName]:
    """Every document the text names by number, in order (see the module docstring)."""
    if not _DIGIT.search(text):
        return []  # every branch of the grammar holds a digit; most paragraphs have none
    return [named for found in numbered_pattern().finditer(text) if (named := _named(found)) is not None]


def is_numbered_name(name: str) -> bool:
    """ "Bulletin 2001-001", "GAO-07-700T": the whole name is a document's number (see the module docstring)."""
    return bool(_DIGIT.search(name)) and numbered_pattern().fullmatch(name) is not None


def numbered_noun(name: str) -> str | None:
    """ "bulletin" of "Bulletin 2001-001": the document noun a numbered name is built on (None for a code or
    series number, or a name no number makes)."""
    found = numbered_pattern().fullmatch(name) if _DIGIT.search(name) else None
    noun = found.group("noun") if found else None
    return _singular(noun).lower() if noun else None


def _rejoin(span) -> None:
    """Hang the pieces of a numbered name the parser attached outside it on its first piece that is attached
    outside ("identified in NRC Inspection Report Nos. 05000250/2011005": the number was the verb's object, so
    the report took the object's role)."""
    outside = [t for t in span if not span.start <= t.head.i < span.end]
    if not outside or outside[0].dep_ != "pobj" or len({t.head.i for t in outside}) < 2:
        return  # one attachment, or not the split "in NAME ... NUMBER" shape
    for token in outside[1:]:
        if token.sent == outside[0].sent:
            token.head, token.dep_ = outside[0], "appos"


def numbered_reports(run: DocumentRun) -> None:
    """A document named by its number is a named report, whatever the parser made of its pieces; the number
    inside is no date ("Cm 8812" is no year)."""
    for doc_index, doc in enumerate(run.parse.docs):
        if not any_word(doc, _holds_digit):
            continue  # no digit, no numbered name: the doc's text is not even joined
        for named in numbered_names(doc.text):
            span = doc.char_span(named.start, named.end, alignment_mode="expand")
            if span is None or (doc_index, span.sent.start) not in run.parse._sentence_of:
                continue
            for token in span:
                existing = run.parse.at(doc_index, token)
                if existing is not None:
                    run.parse.remove(existing)
            doc.ents = [e for e in doc.ents if e.end <= span.start or e.start >= span.end]
            _rejoin(span)
            sentence = run.parse._sentence_of[(doc_index, span.sent.start)]
            run.parse.add(Mention("report", doc_index, span.start, span.end, sentence, named.name))


def add_written_aliases(clusters: list[ReportCluster]) -> None:
    """A numbered report is also found by the words as written ("Investigation Report No. 3-96-041")."""
    for cluster in clusters:
        node = cluster.node
        if node is None:
            continue
        for report in cluster.mentions:
            mention = report.mention
            written = report.head.doc[mention.start : mention.end].text
            for named in numbered_names(written):
                if name_key(named.name) == name_key(node.name) and named.written not in (node.name, *node.aliases):
                    node.aliases = [*node.aliases, named.written]
