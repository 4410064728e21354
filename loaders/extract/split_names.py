"""Person names the tagger cut in two (issue #13, entities round 11).

"Mr. Chichester-Clark asked ..." was tagged "Mr. Chichester"; "Pamela Cabell-Edelen" "Pamela Cabell"; and
"Mr. Wm. Ross" (an abbreviated given name, common in older Hansard) "Mr. Wm" and "Ross": two people, neither
the member. A double-barrelled surname runs over a hyphen with no space either side; an abbreviated given
name (`name_abbreviations`) runs on into the name after it. The tagger's entities are joined before
mentions are read.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from loaders.extract.lexicon import LEX


def joined_hyphen(token: Token) -> bool:
    """The hyphen of a double-barrelled name: no space on either side and a capitalised word after it.
    A spaced dash ("Tom Tugendhat - Minister") still ends a name."""
    doc = token.doc
    return (
        token.text == "-"
        and token.i > 0
        and not doc[token.i - 1].whitespace_
        and not token.whitespace_
        and token.i + 1 < len(doc)
        and doc[token.i + 1].is_title
    )


def _run_on(doc: Doc, end: int) -> int:
    """Where a person's name cut at `end` really ends: over "-Clark" and over what follows "Wm"."""
    while end + 1 < len(doc) and joined_hyphen(doc[end]):
        end += 2
    if doc[end - 1].lower_ in LEX.name_abbreviations:
        after = end
        while after < len(doc) and (doc[after].is_space or doc[after].text == "."):
            after += 1
        if after < len(doc) and doc[after].is_title and doc[after].pos_ == "PROPN":
            return _run_on(doc, after + 1)
    return end


def join_split_names(doc: Doc) -> None:
    """Extend PERSON entities over the rest of a name the tagger cut off, dropping entities inside it."""
    ents = list(doc.ents)
    out: list[Span] = []
    changed = False
    for ent in ents:
        if out and ent.start < out[-1].end:
            changed = True
            continue  # swallowed by the name before it ("Ross" after "Mr. Wm")
        if ent.label_ == "PERSON":
            end = _run_on(doc, ent.end)
            if end != ent.end:
                ent = Span(doc, ent.start, end, label=ent.label_)
                changed = True
        out.append(ent)
    if changed:
        doc.ents = out
