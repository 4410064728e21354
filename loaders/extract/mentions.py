"""Mentions: the spans of a parsed document that name bodies, people, roles, reports, topics, places.

A `DocumentParse` holds the parsed chunks, their sentences with document-level offsets (for
evidence), and a token index so relation rules can ask "what does this token refer to?" in O(1).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from spacy.attrs import LEMMA
from spacy.tokens import Doc, Span, Token

from graph.model import Node
from loaders.extract import address_people, page_furniture
from loaders.extract.lexicon import LEX
from loaders.extract.non_entities import addressed_person, member_address
from loaders.extract.split_names import join_split_names, joined_hyphen
from loaders.extract.token_filter import tokens_with

ENT_KINDS = {
    "ORG": "agency",
    "PERSON": "person",
    "GPE": "place",
    "LOC": "place",
    "ROLE": "role",
    "REPORT": "report",
    "TOPIC": "topic",
}


@dataclass
class Sentence:
    index: int
    doc_index: int
    span: Span
    start: int  # offsets into Document.text, whitespace trimmed
    end: int
    text: str
    heading: bool = (
        False  # a headline or heading line ("Memo Warned of Abuse at Care Home"): read for names, not for claims
    )


@dataclass(eq=False)
class Mention:
    kind: str  # agency | person | role | report | topic | place | generic
    doc_index: int
    start: int  # token range in its chunk doc
    end: int
    sentence: int
    text: str
    ent_id: str = ""
    node: Node | None = None
    confidence: float = 1.0
    context: str | None = None  # for generic nouns and context roles: council | force | department

    @property
    def key(self) -> tuple[int, int]:
        return self.doc_index, self.start


@dataclass
class DocumentParse:
    docs: list[Doc]
    offsets: list[int]
    sentences: list[Sentence] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    _by_token: dict[tuple[int, int], Mention] = field(default_factory=dict)
    _sentence_of: dict[tuple[int, int], int] = field(default_factory=dict)  # (doc, sentence start token) -> index
    # per doc, per token: its sentence's first token. `token.sent` rebuilds the sentence span on every call,
    # and the rules ask it for nearly every token (a third of extraction time before this table)
    _sent_starts: list[list[int]] = field(default_factory=list)
    _sent_ends: list[list[int]] = field(default_factory=list)  # per doc, per token: its sentence's end
    _revision: int = 0  # counts `add` and `remove`, so a count kept from the mentions knows when it is stale
    _counts: tuple[int, Counter[int]] | None = None  # (revision, mentions per sentence index)

    def add(self, mention: Mention) -> None:
        self.mentions.append(mention)
        self._revision += 1
        for i in range(mention.start, mention.end):
            self._by_token[(mention.doc_index, i)] = mention

    def remove(self, mention: Mention) -> None:
        self.mentions.remove(mention)
        self._revision += 1
        for i in range(mention.start, mention.end):
            if self._by_token.get((mention.doc_index, i)) is mention:
                del self._by_token[(mention.doc_index, i)]

    def mentions_in(self, sentence: int) -> int:
        """How many mentions the sentence (by index) holds: counted for all sentences at once, again only after
        a mention was added or removed (the learned scorer asks for every claim)."""
        if self._counts is None or self._counts[0] != self._revision:
            self._counts = (self._revision, Counter(m.sentence for m in self.mentions))
        return self._counts[1][sentence]

    def at(self, doc_index: int, token: Token) -> Mention | None:
        return self._by_token.get((doc_index, token.i))

    def at_position(self, doc_index: int, i: int) -> Mention | None:
        """`at` for the token at position `i`, without making the Token."""
        return self._by_token.get((doc_index, i))

    def sentence_of(self, doc_index: int, token: Token) -> Sentence:
        return self.sentences[self._sentence_of[(doc_index, self.sent_start(doc_index, token))]]

    def sent_start(self, doc_index: int, token: Token) -> int:
        """`token.sent.start`, read from a table made once per doc."""
        return self._sent_starts[doc_index][token.i]

    def sentence_bounds(self, doc_index: int, i: int) -> tuple[int, int]:
        """(start, end) of the sentence of the token at position `i` (`Token.sent`, without making the span)."""
        return self._sent_starts[doc_index][i], self._sent_ends[doc_index][i]

    def sentence_index(self, doc_index: int, token: Token) -> int | None:
        """The index in `sentences` of the token's sentence; None for one left out (no letters or digits)."""
        return self._sentence_of.get((doc_index, self._sent_starts[doc_index][token.i]))


def parse_document(text: str, docs: list[Doc], offsets: list[int]) -> DocumentParse:
    """Sentences with trimmed document offsets, and entity mentions from NER and the ruler."""
    parse = DocumentParse(docs, offsets)
    for doc_index, (doc, offset) in enumerate(zip(docs, offsets)):
        heading = is_heading(doc) or (doc_index == 0 and len(docs) > 1 and is_lead_headline(doc))
        starts: list[int] = []
        ends: list[int] = []
        parse._sent_starts.append(starts)
        parse._sent_ends.append(ends)
        for sent in doc.sents:
            starts.extend([sent.start] * (sent.end - sent.start))
            ends.extend([sent.end] * (sent.end - sent.start))
            start = offset + sent.start_char
            end = offset + sent.end_char
            while start < end and text[start].isspace():
                start += 1
            while end > start and text[end - 1].isspace():
                end -= 1
            if end <= start or not any(c.isalnum() for c in text[start:end]):
                continue
            parse._sentence_of[(doc_index, sent.start)] = len(parse.sentences)
            parse.sentences.append(
                Sentence(len(parse.sentences), doc_index, sent, start, end, text[start:end], heading)
            )
        join_split_names(doc)  # "Mr. Chichester-Clark", "Mr. Wm. Ross": one name, not two
        for ent in doc.ents:
            kind = ENT_KINDS.get(ent.label_)
            span = _trimmed(ent)
            if (
                ent.label_ == "LAW"
                and span is not None
                and span[-1].is_title
                and span[-1].lemma_.lower() in LEX.documents
            ):
                kind = "report"  # "the Harbour Safety Act", "the Prisons Bill"; not "Section 5" or "Article 8"
            if not kind or span is None or (doc_index, starts[ent.start]) not in parse._sentence_of:
                continue
            if kind == "agency" and not ent.ent_id_ and span is not None:
                span = address_people.without_leading_title(span, names_a_body)  # "Chairman Committee on X"
                span = page_furniture.without_furniture(span)  # "Select Committee on X Written Evidence"
                if span is None:
                    continue
            if kind in ("person", "agency") and not ent.ent_id_ and _junk_name(span, kind):
                continue
            if kind in ("person", "agency") and not ent.ent_id_:
                kind = _retyped(span, kind)
                if kind is None:
                    continue
            if kind == "agency" and not ent.ent_id_ and _generic_only(span):
                continue  # "the council and" / a lone "Council": left to the generic-noun reading
            if kind == "agency" and not ent.ent_id_ and not any(c.isupper() for c in span.text):
                continue  # "the council's social services department": a unit of a body, not a named body
            if kind == "agency" and not ent.ent_id_ and _names_a_role_holder(span):
                kind = "person"  # "the permanent secretary, Tomasz Novak," that NER took for an ORG
            if kind == "agency" and not ent.ent_id_ and names_an_office(span):
                continue  # "To: Federal Railroad Administrator", "former National Security Advisor Tom Briggs"
            if kind == "agency" and not ent.ent_id_ and names_a_portfolio(span):
                continue  # "Executive Director for Operations": the holder's field of work, not a body
            sentence = parse._sentence_of[(doc_index, starts[ent.start])]
            parse.add(Mention(kind, doc_index, span.start, span.end, sentence, span.text, ent.ent_id_))
        _add_generic_bodies(parse, doc_index, doc)
    return parse


HEADING_TITLED = 0.75  # share of a line's words written with capitals that makes it a headline


def is_heading(doc: Doc) -> bool:
    """A paragraph that is a headline or heading: no closing punctuation and (nearly) every word
    capitalised ("Memo Warned of Abuse at Care Home", "Agency Sent Dossier to Trust, Letters Reveal",
    "NOTICE OF VIOLATION"). Prose capitalises its first word and its names, not its verbs and nouns."""
    if len(doc) and doc[-1].text in (".", "!", "?", ":", ";", '"', "\u201d", ","):
        return False  # checked first: prose paragraphs end so, and this needs no walk over their words
    words = [t for t in doc if t.is_alpha]
    if len(words) < 3:
        return False
    capitalised = [t for t in words if t.is_title or t.is_upper]
    lower = [t for t in words if t.text[:1].islower() and t.lower_ not in LEX.title_function_words]
    return not lower and len(capitalised) >= HEADING_TITLED * len(words)


HEADLINE_MAX_WORDS = 25  # a news headline or a release's title line is short


def is_lead_headline(doc: Doc) -> bool:
    """The document's first chunk (its first line or paragraph, newlines made spaces), with no closing
    punctuation, when more text follows: a headline or title in sentence case ("Home Office knew about
    abuse 12 years before report, review finds"). Its facts are the story's in short, often re-dated or
    re-worded ("review finds"); the story under it states them with their dates, so it is read for names,
    not for claims, as a capitalised headline is. A title with no finite verb ("Letter to Chairman X on Y")
    names its document and is read."""
    if not len(doc) or doc[-1].text in (".", "!", "?", ":", ";", '"', "\u201d", ","):
        return False
    words = [t for t in doc if t.is_alpha]
    if not 3 <= len(words) <= HEADLINE_MAX_WORDS:
        return False
    return any(t.tag_ in _FINITE_VERB_TAGS for t in words)  # a sentence; "Letter to X on Y" is a title, read as one


_FINITE_VERB_TAGS = frozenset({"VBD", "VBZ", "VBP"})


def names_a_body(name: str) -> bool:
    """A name that says it is a body: a capitalised body head word or company ending in it ("Department
    of Justice", "Federal Aviation Administration", "Kestrel Motors", "Acme Widgets Inc"), not only a job
    title made of one ("Chief Executive"). A bare name with no such word ("State", "Westbrook") may be
    anything."""
    words = [w.strip(",.()'\u2019\"") for w in name.split()]
    if not words or words[-1].lower() in LEX.role_nouns and words[-1].lower() not in LEX.body_words:
        return False  # "Committee Clerk", "Council Leader": a job at a body
    if any(c.isdigit() for c in words[0]):
        return False  # "03,Northshire Police": a number glued to a name is a misread line
    for i, word in enumerate(words):
        if (
            word[:1].isupper()
            and word.lower() in LEX.body_words
            and not (i and words[i - 1] in LEX.role_words_before_heads)
        ):
            return True
    return False


_DASHES = ("-", "\u2013", "\u2014", "(", "|", "/")


def _retyped(span: Span, kind: str) -> str | None:
    """The kind a PERSON or unlisted ORG span really names, on general signals of its shape, or None
    when it names nothing:
    - a titled name ending in a document noun is a document ("the Linfield Memo", "the Inspector General Act");
    - a "person" whose name has a body or company word is a body ("Vantor Analytics", "the Ombudsman"),
      and so is one written as an acronym ("HMIP");
    - a "person" with a function word inside is a headline or a phrase, not a name ("Memo Warned of
      Abuse"), unless a title opens it ("Baroness Hale of Richmond")."""
    words = [t for t in span if t.pos_ != "DET"]
    last = span[-1]
    if len(words) >= 2 and last.is_title and last.lemma_.lower() in LEX.documents and not names_a_body(span.text):
        return "report"
    if member_address(span):
        return None  # "my right hon. Friend the Home Secretary": an address, not an organisation
    if kind == "agency" and addressed_person(words):
        return None  # "The Honorable Ann Lee Deputy Director Department of X": an address block, not a body
    if kind != "person":
        return kind
    if names_a_body(span.text) or len(words) == 1 and last.is_upper and last.is_alpha and len(last) > 1:
        return "agency"
    if (
        any(t.lower_ in LEX.title_function_words and not t.is_title for t in words[1:])
        and words[0].text.rstrip(".") not in LEX.person_titles
    ):
        return None
    return kind


STREET_WORDS = frozenset(
    ["lane", "road", "street", "avenue", "close", "drive", "crescent", "terrace", "way", "row", "place", "square"]
    + ["gardens", "grove", "mews", "walk", "house", "court", "ward"]
)  # "12 Mill Lane", "Fenhallow House": addresses and buildings, never people
_CELL_MARKS = "#|*_>- \t"


def _junk_name(span: Span, kind: str) -> bool:
    """Spans that are never a person or a body: a street or building as a "person", a lone word
    standing as its own line (a heading "### Background", a table cell "| Name |"), a lone role or
    body word ("the Examiner", "Department") that names nothing by itself, a lone word of an office's title taken
    for a body ("Ranking" of "Ranking Member")."""
    words = [t for t in span if t.pos_ != "DET" and t.dep_ != "case" and t.lower_ not in LEX.first_person_possessives]
    if not words:
        return True
    if kind == "person" and words[-1].lower_ in STREET_WORDS:
        return True
    if kind == "person" and _only_role_words(words):
        return True  # a role, not a person: "Chief Nurse" (a table cell, "the Chief Nurse told ...")
    if kind == "person" and words[0].lower_ in LEX.numbered_nouns | LEX.document_nouns:
        return True  # a document's part or kind the tagger read as a name: "Appendix C", "Annex A. Annex B"
    if len(words) != 1 or words[0].is_upper and len(words[0]) > 1:
        return False
    if kind == "agency" and words[0].text in LEX.office_titles:
        return True  # "the Ranking | Member of X": the tagger cut an office's title in two, no body
    word = words[0].lower_
    line = span.sent.text.strip(_CELL_MARKS)
    if kind == "person" and line == span.text and span.sent.text.strip()[:1] in "#|*" + span.text[:1]:
        return True
    return word in LEX.role_nouns or word in LEX.body_words or word in LEX.generic_bodies or word in _ROLE_ONLY


def _only_role_words(words: list[Token]) -> bool:
    """ "Chief Nurse", "Director of Finance": role nouns (and function words between them), no name."""
    return any(t.lower_ in LEX.role_nouns for t in words) and all(
        t.lower_ in LEX.role_nouns or t.lower_ in LEX.title_function_words or t.lower_ in _ROLE_ONLY for t in words
    )


_ROLE_ONLY = frozenset(["examiner", "finance", "group", "review", "background", "name"])


def _trimmed(ent: Span) -> Span | None:
    """The entity without trailing conjunctions and punctuation ("the council and" -> "the council"),
    and without what follows a dash or a bracket NER swallowed ("the Federal Bureau of Investigation
    (FBI", "Tom Tugendhat - Minister")."""
    end = ent.end
    cut = next((t.i for t in ent[1:] if t.text in _DASHES and not joined_hyphen(t)), None)
    if cut is not None:
        end = cut
    while end > ent.start and (
        ent.doc[end - 1].pos_ in ("CCONJ", "PUNCT", "VERB", "AUX", "ADP", "PART")
        or ent.doc[end - 1].lower_ in ("and", "or")
    ):
        end -= 1  # also a fragment ending in a verb: "Greyfield academy trust sent to" -> "Greyfield academy trust"
    return ent.doc[ent.start : end] if end > ent.start else None


def _names_a_role_holder(span: Span) -> bool:
    """A proper name in apposition to a person's title ("the chief executive, Ana Ruiz") names a person,
    unless its own last word makes it a body ("the regulator, Coastal Standards Agency")."""
    root = span.root
    title = root.head if root.dep_ == "appos" else next((c for c in root.children if c.dep_ == "appos"), None)
    if title is None or not all(t.pos_ == "PROPN" or t.pos_ == "DET" for t in span) or len(span) > 4:
        return False
    return span[-1].lower_ not in LEX.body_words and (
        title.lemma_.lower() in LEX.role_nouns or title.ent_type_ == "ROLE"
    )


def names_an_office(span: Span) -> bool:
    """An organisation "name" that is a one-person office's title: it ends in a `holder_title_heads` word
    ("National Security Advisor", "Federal Railroad Administrator"), or a bare "the Inspector General" (a job noun
    closed by a qualifier, alone or cut short of the body after it: "the Inspector General of the" before "Department
    of X"; "the Naval Inspector General" stays a body), and no word of it is a body head word
    ("Office of the Director", "Audit Office Director" stay bodies). Read as a body, its holder's letters and
    posts became the body's, and the people titled by it members of a body that does not exist."""
    words = [t for t in span if t.is_alpha]
    title = [t.lower_ for t in words]
    cut = title[-2:] == ["of", "the"] or title[-1:] == ["of"]
    if cut:  # "the Inspector General of the": the tagger stopped short of the body the office is of
        title = title[: title.index("of")]
    if len(title) > 1 and title[-1] in LEX.title_qualifiers:
        title.pop()  # "Inspector General": the job noun closed by a qualifier
        if not cut and any(w not in LEX.title_function_words for w in title[:-1]):
            return False  # "the Naval Inspector General": a named office, which US texts write as a body
    if len(words) < 2 or not title or title[-1] not in LEX.holder_title_heads:
        return False
    return not any(t.lower_ in LEX.body_words for t in words)


def names_a_portfolio(span: Span) -> bool:
    """An organisation "name" that is the field of a title it follows after "for" ("Executive Director for
    Operations", "Assistant Inspector General for Audits", "Minister for Justice"): the holder's portfolio,
    no body, unless it says it is one ("Minister for the Cabinet Office") or is an acronym ("Director for
    NSPCC"). After "of" a bare name may well be a body ("Chief Executive of Kestrel"), so only "for" is read."""
    doc = span.doc
    if span.start < 2 or doc[span.start - 1].lower_ != "for":
        return False
    title = doc[span.start - 2].lower_
    if title not in LEX.role_nouns and title not in LEX.title_qualifiers:
        return False
    return not names_a_body(span.text) and not any(t.is_upper and len(t) > 1 for t in span)


def _generic_only(span: Span) -> bool:
    """True for a body "name" that is only a determiner and a generic body noun ("the council", "Council")."""
    words = [t for t in span if t.pos_ != "DET"]
    return len(words) == 1 and words[0].lemma_.lower() in LEX.generic_bodies


def _generic_body_noun(lemma: str) -> bool:
    return lemma.lower() in LEX.generic_bodies or lemma.lower() == "authority"


def _add_generic_bodies(parse: DocumentParse, doc_index: int, doc: Doc) -> None:
    """ "the council", "the local authority", "the force", "the police", "the department"."""
    starts = parse._sent_starts[doc_index]
    for token in tokens_with(doc, LEMMA, _generic_body_noun):
        lemma = token.lemma_.lower()  # a generic body noun: the only words read below
        if (
            parse.at(doc_index, token)
            or token.tag_ in ("NNS", "NNPS")
            or (doc_index, starts[token.i]) not in parse._sentence_of
        ):
            continue
        context = LEX.generic_bodies.get(lemma)
        if lemma in LEX.proper_generic_bodies and not token.is_title:
            continue  # "the house" is a building; "the House" the chamber
        if lemma == "authority" and any(c.lower_ == "local" for c in token.lefts):
            context = "council"
        sentence_initial = token.i == starts[token.i] and token.is_title  # "Council leader Janet Pryce said"
        speakers = [
            c for c in token.lefts if c.dep_ == "poss" and c.lower_ in LEX.first_person_possessives
        ]  # "my Department", "our council"
        if (
            not context
            or not sentence_initial
            and not speakers
            and not any(c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in token.lefts)
        ):
            continue
        if any(c.dep_ == "compound" or c.dep_ == "poss" and c not in speakers for c in token.lefts) or any(
            c.dep_ == "amod" and c.lower_ != "local" for c in token.lefts
        ):
            continue
        start = min([token.i, *(c.i for c in token.lefts if c.dep_ in ("det", "amod") or c in speakers)])
        sentence = parse._sentence_of[(doc_index, starts[token.i])]
        parse.add(
            Mention(
                "generic",
                doc_index,
                start,
                token.i + 1,
                sentence,
                doc[start : token.i + 1].text,
                context=context,
                confidence=0.7,
            )
        )
