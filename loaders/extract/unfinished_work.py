"""Work still under way has no author yet: "its ongoing investigation", "its review, which is currently ongoing".

"X's report" or "its investigation" names X as the author of a finished document (`rules._report_phrase_claims`).
When the phrase itself says the work is not finished ("the Committee continued its ongoing investigation", "during
its review, which is currently ongoing", "the OIG's pending inquiry"), there is no document yet that X authored:
the text reports work in progress, which the gold reads as no authorship (an ongoing review is not yet published,
nor written), so no AUTHORED is drawn from the phrase, as a hedged statement draws none. On real dev the
possessive readings of such phrases were wrong 2 times of 2 (a lead at 0.45 was tried instead, to keep the work's
node; the construction suite counts leads as claims). The cue words are lexicon data (`unfinished_modifiers` in
`words.yaml`).
"""

from __future__ import annotations

from spacy.tokens import Token

from loaders.extract.lexicon import LEX

_AS_WRITTEN = ("amod", "compound", "nmod", "advmod", "npadvmod")  # "ongoing", "on-going" (cut at its hyphen)


def _words(token: Token) -> str:
    return "".join(t.text_with_ws for t in token.subtree).strip().lower().replace(" - ", "-")


def is_unfinished(head: Token) -> bool:
    """The document noun's own phrase says the work is still under way: a modifier before it ("ongoing",
    "pending") or a relative clause after it ("which is currently ongoing")."""
    for child in head.children:
        if child.i < head.i and child.dep_ in _AS_WRITTEN and _words(child) in LEX.unfinished_modifiers:
            return True
        if child.dep_ == "relcl" and any(
            c.dep_ in ("acomp", "attr", "advmod") and _words(c) in LEX.unfinished_modifiers for c in child.children
        ):
            return True  # "which is currently ongoing", not "which included changes pending the outcome"
    return False
