"""Page headers and footers read into a body's name (issue #13).

Web and PDF copies print a page's section over its text ("Select Committee on Foreign Affairs Written
Evidence", "... Minutes of Evidence"), split an address block's lines in the middle of a name ("Committee on
Oversight and Reform" over "USS. House of Representatives", an OCR'd "U.S."), and the tagger reads on past a
body's name into what qualifies the phrase around it ("the Committee for its Inquiry into ...", "the FCO's
submission to the Committee of 3 October 2005"). None of that is part of the body's name: it is cut off, so
the body the text means is the node (and one node, not one per page header). Parliament's web pages head a
committee's report with the committee and the report's number ("Select Committee on Public Accounts Sixth
Report"): the "Sixth Report" is the committee's document, not part of its name.

A page flattened into one line runs a letterhead or an address block's name into what the next line held: the
city of its address ("U.S. House of Representatives Washington, D.C. 20515", "Office of Inspector General
Washington, D.C"), or a form's next field label ("To: NTSB Date: 5/23/2018", "Department of X GAO ID: GAO-07-659R",
"Office of Audits Report Type: Review"). Neither is part of the name: a city before ", D.C." or a state and ZIP
code is the address, and a label before its colon is the next field.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span, Token

from loaders.dates import is_month_name
from loaders.extract.entity_spans import respan_entities
from loaders.extract.lexicon import LEX

_LINKS = frozenset({"of", "and", "the", "for", "on"})  # "Minutes of Evidence"; a name's own link words
# "First" ... "Twelfth", "Nineteenth", "Fortieth", "Twenty-First", "1st", "22nd": a report's number in its series
_ORDINAL = re.compile(
    r"(?i)^(?:\w+-)?(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth"
    r"|\w+teenth|\w+tieth|\d+(?:st|nd|rd|th))$"
)


def numbered_report_at_end(words: Span) -> bool:
    """Whether the words close with a numbered report of a series: "... Sixth Report", "... First Report"."""
    return len(words) > 2 and words[-1].lower_ == "report" and bool(_ORDINAL.match(words[-2].text))


def committee_report_apart(doc: Doc) -> Doc:
    """A report entity that runs a committee's field into its numbered report ("Select Committee on [Public
    Accounts Sixth Report]") keeps only "Sixth Report"; the field's words are left free for the committee's
    name ("Select Committee on Public Accounts", `nlp.kflow_body_complements`)."""
    return respan_entities(doc, _numbered_report_only)


def _numbered_report_only(ent: Span) -> list[Span] | None:
    before = ent.doc[ent.start - 1] if ent.start else None
    if ent.label_ == "REPORT" and before is not None and before.lower_ in _LINKS and numbered_report_at_end(ent):
        return [Span(ent.doc, ent.end - 2, ent.end, label=ent.label_)]
    return None


def without_furniture(span: Span) -> Span | None:
    """The body's name without the page's furniture after it; None when nothing of a name is left."""
    end = _before_qualifier(span)
    end = _before_line_fragment(span, end)
    end = _before_section_words(span, end)
    end = _before_field_label(span, end)
    end = _before_address_city(span, end)
    if numbered_report_at_end(span.doc[span.start : end]) and _has_head(span.doc[span.start : end - 2]):
        end -= 2  # "Select Committee on Standards and Privileges Eighth Report": the page's heading
    while end > span.start + 1 and span.doc[end - 1].lower_ in _LINKS:
        end -= 1  # a dangling "of the" left by a cut: "Office of the Leader of the"
    return span.doc[span.start : end] if end > span.start else None


def _before_qualifier(span: Span) -> int:
    """Where a possessive determiner or a date begins inside the name, with the preposition before it: a
    name never holds "its" or a day ("the Committee for its Inquiry", "the Committee of 3 October 2005")."""
    for token in span[1:]:
        if token.text in LEX.possessive_pronouns or _day_of_month(span, token):
            start = token.i
            if start - 1 > span.start and span.doc[start - 1].pos_ == "ADP":
                start -= 1
            return start
    return span.end


def _day_of_month(span: Span, token: Token) -> bool:
    """ "3 October", "October 3": a day of a month inside the name."""
    after = span.doc[token.i + 1] if token.i + 1 < span.end else None
    return (token.like_num and after is not None and is_month_name(after.text)) or (
        is_month_name(token.text) and token.is_title and after is not None and after.like_num
    )


def _before_line_fragment(span: Span, end: int) -> int:
    """Where a next line begins with a word in capitals only, after a body's name that ends its own line
    ("Committee on Oversight and Reform" / "USS. House of Representatives"): the next line of a layout."""
    for token in span[1:end]:
        previous = span.doc[token.i - 1]
        line_break = "\n" in previous.whitespace_ + (previous.text if previous.is_space else "")
        capitals = token.is_upper and token.is_alpha and len(token) > 1
        if line_break and capitals and _has_head(span.doc[span.start : token.i]):
            return previous.i if previous.is_space else token.i
    return end


def _before_section_words(span: Span, end: int) -> int:
    """Where a trailing run of section words begins after a body head ("... Foreign Affairs Written
    Evidence"); the run must start with a capital and the name before it keep its head word."""
    cut = end
    while cut - 1 > span.start and (
        span.doc[cut - 1].lower_ in LEX.page_section_words or span.doc[cut - 1].lower_ in _LINKS
    ):
        cut -= 1
    while cut < end and span.doc[cut].lower_ in _LINKS:
        cut += 1  # the run starts at a section word, not at a link word of the name
    if cut == end or not span.doc[cut].is_title or not _has_head(span.doc[span.start : cut]):
        return end
    return cut


def _before_field_label(span: Span, end: int) -> int:
    """Where a form's field label closing the name begins, when its colon follows the name ("NTSB Date:",
    "Department of X GAO ID:"); the name before it must still say it is a body (a head word or an acronym)."""
    doc = span.doc
    if end != span.end or end >= len(doc) or doc[end].text != ":":
        return end
    labels = LEX.form_field_labels | LEX.header_other_fields | LEX.subject_fields | LEX.sender_fields
    for size in (2, 1):  # the longer label first: "Report Type" before "Type"
        label = doc[end - size : end]
        if end - size <= span.start or not all(t.is_title or t.is_upper for t in label):
            continue
        rest = doc[span.start : end - size]
        if label.text.lower() in labels and (_has_head(rest) or any(_acronym(t) for t in rest)):
            return end - size
    return end


def _acronym(token: Token) -> bool:
    return token.is_upper and token.is_alpha and len(token) > 1


_DISTRICT = re.compile(r"^D\.?C\.?$")  # "D.C.", "DC", an OCR'd "D.C"
_STATE_ZIP = re.compile(r"^\d{5}(?:-\d{4})?$")


def _before_address_city(span: Span, end: int) -> int:
    """Where the city of an address closing the name begins: a capitalised last word, no body head and no
    name's complement ("Bank of Westbrook"), followed by ", D.C." or ", XX 12345" (a state and its ZIP code)."""
    doc = span.doc
    if end != span.end or end - span.start < 2 or end + 1 >= len(doc) or doc[end].text != ",":
        return end
    city, before = doc[end - 1], doc[end - 2]
    if not city.is_title or city.lower_ in LEX.body_words or not before.is_alpha or before.is_lower:
        return end  # "Bank of Washington, D.C.": after a link word the place is the name's own
    after = doc[end + 1]
    state = len(after) == 2 and _acronym(after) and end + 2 < len(doc) and bool(_STATE_ZIP.match(doc[end + 2].text))
    return end - 1 if _DISTRICT.match(after.text) or state else end


def _has_head(name: Span) -> bool:
    """The name holds a body head word written with its capital ("Committee", "Department")."""
    return any(t.is_title and t.lower_ in LEX.body_words for t in name)
