"""The document being read, named as its title names it, and found wherever the text calls it "this report".

A sidecar title names the text: "Sir Alex Allan review: executive summary (independent report, Home
Office)", "Review of the USMS Office of Internal Investigations (DOJ OIG ..., I-2010-003, March 2010), cover
and Executive Digest", "Appendix 2: National Audit Office Response — Letter from the Comptroller and Auditor
General, 18 April 2018 (...)". A reader calls the document by the title's parts: the title before its
bracketed publisher or genre note, the main title and the subtitle around ": " and " — ", a statement's or
letter's heading before its first comma ("Statement of Ann Lee"), and the identifiers printed in it
("GAO-14-177R", "I-2010-003", "CM 5207(I)"). Those are the own node's aliases (`DocumentRun._document_report`
names it by the title before its note). Parts that alone name no document ("executive summary", "Appendix
2", "Home Office") are left out, because cross-document resolution links a node by an alias exactly one
other node carries.

A title that is a headline ("OSC Report Finds Hatch Act Violations") names the news, not the text: a press
release's "this report" is the report it announces, so only a title that is a name gives the document its
kind. In a document its title calls a report (or a review, a notice, a statement), "this report" and "the
present report" are the document itself, whoever wrote it. The words are data (`own_title_*` and
`self_reference_*` in `data/lexicon/words.yaml`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from spacy.tokens import Token

from graph.model import Node
from graph.names import name_key
from loaders.extract import letter_headings
from loaders.extract.lexicon import LEX

if TYPE_CHECKING:
    from loaders.extract.rules import DocumentRun

MIN_WORDS = 2  # a one-word part ("Sequestration") is a topic, not the document's name
BODY_LIKE_WORDS = 3  # a short part with no document noun ("Home Office", "Inspectors General") is a body
HEADING_WORDS = 4  # a heading before the first comma names one document only with a name in it
_DASHES = re.compile(r"\s+[—–-]\s+")
_CODE = re.compile(r"(?<![\w/-])[A-Z][A-Za-z0-9]*(?:[-/][A-Za-z0-9]+)+(?![\w/-])")
_WORD = re.compile(r"[A-Za-z]+")


@dataclass(frozen=True)
class TitleNames:
    """What a title calls the document: its name, its aliases and the document nouns it is (report, review)."""

    name: str
    aliases: tuple[str, ...]
    kinds: frozenset[str]


def _document_nouns() -> frozenset[str]:
    return LEX.document_nouns | LEX.own_documents | LEX.correspondence


def _core_and_notes(title: str) -> tuple[str, str]:
    """The title before its closing bracketed note(s) and anything after them, and those notes:
    "X (GAO-14-177R), letter to ..." -> ("X", "GAO-14-177R"). A bracket inside the title ("Hope Creek 1
    (Company): Notice of ...") is part of it."""
    depth, start = 0, None
    for index, char in enumerate(title):
        if char == "(":
            if depth == 0:
                start = index
            depth += 1
        elif char == ")" and depth:
            depth -= 1
            rest = title[index + 1 :].lstrip()
            if depth == 0 and start is not None and (not rest or rest.startswith((",", "("))):
                return title[:start].strip(), title[start:]
    return title.strip(), ""


def identifiers(text: str) -> list[str]:
    """Document numbers in a title: "GAO-14-177R", "OAS-L-08-07", "I-2010-003", "EA 93-189", "CM 5207(I)"."""
    series = "|".join(sorted({w.upper() for w in LEX.document_series} | {w.capitalize() for w in LEX.document_series}))
    found = [m.group() for m in re.finditer(rf"\b(?:{series})\.? \d[\d-]*(?:\([IVX]+\))?", text)]
    found += [m.group() for m in _CODE.finditer(text) if any(c.isdigit() for c in m.group())]
    return list(dict.fromkeys(found))


def _names_a_document(part: str) -> bool:
    """Not a bare genre word ("executive summary", "Appendix 2"), a topic word or a body's name."""
    tokens = [w.lower() for w in _WORD.findall(part)]
    if len(tokens) < MIN_WORDS or all(w in LEX.own_title_generic_words for w in tokens):
        return False
    return len(tokens) >= BODY_LIKE_WORDS or any(_lemma(w) in _document_nouns() for w in tokens)


def _lemma(word: str) -> str:
    return word[:-1] if word.endswith("s") and word[:-1] in _document_nouns() else word


def _parts(core: str) -> list[str]:
    """The title, its pieces around spaced dashes, each piece's main title and subtitle around ": ", and
    a piece's heading before its first comma when it opens with a document noun ("Statement of Ann Lee, ...")."""
    found = [core]
    for piece in _DASHES.split(core):
        found.append(piece)
        main, sub = _main_and_subtitle(piece)
        if sub:  # "Decision notice X: Home Office": a main title naming a document leaves the rest to say what about
            found += [main] if _has_document_noun(main) else [main, sub]
        for part in (piece, sub) if sub else (piece,):
            first = _WORD.findall(part)[:1]
            head, comma, rest = part.partition(", ")
            if first and first[0].lower() in _document_nouns() and comma and len(head.split()) >= HEADING_WORDS:
                found.append(head)  # "Statement of Ann Lee"; not "Notice of Violation", which every such notice is
            elif comma and identifiers(head) == [head]:  # "OAS-L-08-07, Analysis of Open Recommendations"
                found.append(rest)
    return [p.strip(" ,:") for p in found]


def _has_document_noun(text: str) -> bool:
    return any(_lemma(w.lower()) in _document_nouns() for w in _WORD.findall(text))


def _main_and_subtitle(piece: str) -> tuple[str, str]:
    """ "Learning from Bristol: The Report of ..." -> both; a colon inside a quoted hearing title is no split."""
    main, colon, sub = piece.partition(": ")
    if not colon or main.count("\u201c") != main.count("\u201d") or main.count('"') % 2:
        return piece, ""
    return main, sub


# The pipeline's components that decide a token's tag and part of speech: the attribute ruler's rules read
# the parse (DEP), so the parser stays; the entity components after it (most of a parse's cost) set no tag.
_TAGGING = ("tok2vec", "tagger", "kflow_numbered_references", "parser", "attribute_ruler")


def _tagged(text: str):
    """`text` parsed as the full pipeline tags it, without the entity components (a title is parsed per document)."""
    from loaders.extract.nlp import load_pipeline

    nlp = load_pipeline()
    return nlp(text, disable=[name for name in nlp.pipe_names if name not in _TAGGING])


def _is_headline(core: str) -> bool:
    """ "OSC Report Finds Flagrant ... Violations": a sentence with a finite verb, not a name."""
    main = _main_and_subtitle(core)[0]  # "INS Budget: Overhiring Has Created ...": a name
    sentence_case = main[:1] + " ".join(w if w.isupper() else w.lower() for w in main[1:].split(" "))
    return any(  # Title Case hides a verb from the tagger ("Police Publishes Report"): read both forms
        t.pos_ in ("VERB", "AUX") and t.tag_ in ("VBZ", "VBP", "VBD")
        for text in dict.fromkeys((main, sentence_case))
        for t in _tagged(text)
    )


@lru_cache(maxsize=64)
def title_names(title: str) -> TitleNames:
    core, notes = _core_and_notes(title.strip())
    codes = identifiers(title)
    if any(core.lower().endswith(", " + tail) for tail in LEX.own_title_cover_tails):
        return TitleNames(core, tuple(codes), frozenset({"letter"}))
    aliases = [p for p in _parts(core) if p and _names_a_document(p)]
    headline = _is_headline(core)
    kinds = (
        frozenset()
        if headline
        else frozenset(
            _lemma(w.lower())
            for w in [*_WORD.findall(core), *(w for w in _WORD.findall(_first_note(notes)) if w.islower())]
            if _lemma(w.lower()) in _document_nouns()
        )
    )
    return TitleNames(core, tuple(dict.fromkeys([*aliases, *codes])) if not headline else tuple(codes), kinds)


def _first_note(notes: str) -> str:
    """ "(independent report, Home Office)" -> "independent report": what the note says the document is
    (in lower case: "(Wilson Report)" names what a debate is about, not the debate)."""
    return notes.strip("( ").split(",")[0].split(")")[0]


def name(title: str) -> str:
    """The own document's name: its title before the bracketed note."""
    return title_names(title).name or title


def self_reference(run: DocumentRun, token: Token) -> bool:
    """ "this report" / "the present report" in a document its title calls a report: the document itself."""
    if not run.document.title or token.pos_ not in ("NOUN", "PROPN"):
        return False
    children = list(token.children)
    pointed = any(c.dep_ == "det" and c.lower_ in LEX.self_reference_determiners for c in children) or (
        any(c.dep_ == "det" and c.lower_ == "the" for c in children)
        and any(c.dep_ == "amod" and c.lower_ in LEX.self_reference_adjectives for c in children)
    )
    # the determiners first: reading the title's kinds parses the title, which most documents never need
    return pointed and token.lemma_.lower() in title_names(run.document.title).kinds


def name_own_document(run: DocumentRun) -> None:
    """After every pass: the own node, however it was made (a heading letter, "this letter", a signature),
    is also called by its title's parts."""
    own = run.own_document
    if own is None or not run.document.title or own.id not in run.nodes:
        return
    names = title_names(run.document.title)
    known = {name_key(a) for a in (own.name, *run.nodes[own.id].aliases)}
    heading = letter_headings.read(names.name, run.published, run.precision)  # "Letter from X to Y, 8 May 2014"
    letter = letter_headings.aliases(heading, run.document_date()) if heading is not None else []
    extra = list(dict.fromkeys(a for a in [*names.aliases, *letter] if name_key(a) not in known))
    if extra:
        run.add_node(Node(own.id, own.label, run.nodes[own.id].name, extra, {}))
