"""Documents known by description: "a letter to the President", "the VA investigation report", "OSC's
original referral letter", "the review of the conference".

An untitled document is named by what the text calls it, not by its bare head noun: its modifiers,
possessor and the phrase that says whom it went to or what it is about. Readers (and gold files) name it
so, and a later mention written the same way is the same document, so each mention's description joins
its cluster's node as an alias (the name stays what `reports.report_nodes` gives, which other texts and
the app already use).
"""

from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Span, Token

from loaders.extract.lexicon import LEX
from loaders.extract.reports import ReportCluster, ReportMention

_MAX_PHRASE_TOKENS = 14  # a longer "about ..." phrase is a clause, not a name
_LEFT_DEPS = ("compound", "amod", "nmod", "poss", "npadvmod")


def describe(report: ReportMention) -> list[str]:
    """The ways this mention's own words name its document, most specific first."""
    head = report.head
    owner = _possessor(head)
    left = _left_words(head)
    core = " ".join([*left, head.text])
    phrases = list(about_phrases(head))
    found: list[str] = []
    for phrase in phrases:
        if owner:
            found.append(f"{owner} {core} {phrase}")
        found += [f"{core} {phrase}", f"{head.text} {phrase}"]
    if owner:
        found += [f"{owner} {core}", f"{owner} {head.text}"]
    if left:
        found.append(core)
    return list(dict.fromkeys(found))


def name_by_description(clusters: Iterable[ReportCluster]) -> None:
    """Give each untitled cluster's node the descriptions of its mentions (see module docstring)."""
    for cluster in clusters:
        node = cluster.node
        if node is None or cluster.named:
            continue
        described = [d for m in cluster.mentions for d in describe(m)]
        if not described:
            continue
        aliases = [*node.aliases, *described]
        node.aliases = sorted({a for a in aliases if a and a != node.name})


def _possessor(head: Token) -> str | None:
    """ "OSC's", "the Chief Inspector's" as written; a possessive pronoun names nobody."""
    owner = next((c for c in head.children if c.dep_ == "poss"), None)
    if owner is None or owner.lower_ in LEX.possessive_pronouns or owner.pos_ == "PRON":
        return None
    start = owner.left_edge.i
    while start > 0 and head.doc[start].ent_iob_ == "I":  # "the Department of Civic Affairs's": the whole name
        start -= 1
    words = _plain(head.doc[start : owner.right_edge.i + 1])
    return words or None


def _left_words(head: Token) -> list[str]:
    """Modifiers between the determiner (or possessor) and the noun: "original referral", "VA investigation"."""
    kept = [c for c in head.lefts if c.dep_ in _LEFT_DEPS and c.dep_ != "poss"]
    if not kept:
        return []
    owner_end = max((c.right_edge.i for c in head.lefts if c.dep_ == "poss"), default=-1)
    start = max(min(c.left_edge.i for c in kept), owner_end + 1)
    tokens = [t for t in head.doc[start : head.i] if t.dep_ not in ("det", "predet", "case", "punct")]
    if any(t.lower_ in LEX.quantifiers for t in tokens):
        return []
    return [t.text for t in tokens if t.is_alpha or "-" in t.text or t.like_num]


def about_phrases(head: Token) -> Iterable[str]:
    """The noun's own "to X" / "on T" / "about T" / "into T" / "of T" phrases, short and whole, then the
    phrases that follow one another read as one ("a private note from X to Y", "an inquiry into A to B")."""
    preps = [p for p in [*head.rights, *_verb_recipient(head)] if p.dep_ in ("prep", "dative")]
    for prep in preps:
        if prep.lower_ in LEX.description_prepositions and (span := _phrase_span(prep)) is not None:
            yield _plain(span)
    chained = _chained_phrase([*preps, *_verb_phrases(head)])
    if chained is not None:
        yield _plain(chained)


def _phrase_span(prep: Token) -> Span | None:
    """The phrase a preposition opens, if it is short and plain enough to be part of a name."""
    span = prep.doc[prep.i : _clause_cut(prep)]
    if len(span) < 2 or len(span) > _MAX_PHRASE_TOKENS:
        return None
    if any(
        t.is_punct and t.text not in ("-", "\u2013", "'", "\u2019", "(", ")") or t.like_url or "/" in t.text
        for t in span
    ):
        return None
    return span


def _chained_phrase(preps: list[Token]) -> Span | None:
    """Two or more of the noun's phrases, each opening where the one before ends, as one span; who sent or
    wrote it ("from X", `description_chain_prepositions`) may open the chain, since "a note from X to Y" is
    called so whole. None when there is no such chain or one of its phrases would not be a name on its own."""
    allowed = LEX.description_prepositions | LEX.description_chain_prepositions
    run: list[Span] = []
    for prep in sorted(set(preps), key=lambda p: p.i):
        span = _phrase_span(prep) if prep.lower_ in allowed else None
        if span is None or run and span.start != run[-1].end:
            break
        run.append(span)
    if len(run) < 2 or run[-1].end - run[0].start > _MAX_PHRASE_TOKENS:
        return None
    return run[0].doc[run[0].start : run[-1].end]


def _clause_cut(prep: Token) -> int:
    """Where the phrase ends: its last token, or before a ", which ..." clause the parser hung inside it
    ("on improper hiring in the Records Office, which was initiated ..."): the clause says more about the
    document's subject, it is no part of what the document is called."""
    end = prep.right_edge.i + 1
    for token in prep.subtree:
        if token.dep_ == "relcl" and token.left_edge.i > prep.i + 1 and _after_comma(token):
            end = min(end, token.left_edge.i - 1)
    return end


def _verb_phrases(head: Token) -> list[Token]:
    """ "published a note from X to Y": the parser hangs the phrases on the verb; those that follow the
    document without a gap are read with it only as a chain (`_chained_phrase` checks the gap)."""
    if head.dep_ != "dobj":
        return []
    following = [c for c in head.head.children if c.dep_ == "prep" and c.i > head.right_edge.i]
    return following if following and following[0].i == head.right_edge.i + 1 else []


def _after_comma(clause: Token) -> bool:
    """The clause opens right after a comma: a non-restrictive ", which ..."."""
    start = clause.left_edge.i
    return start > 0 and clause.doc[start - 1].text == ","


def _verb_recipient(head: Token) -> list[Token]:
    """ "sent a letter to the President": the parser hangs "to X" on the verb, but standing right after the
    document it also says whom the document is to."""
    if head.dep_ != "dobj":
        return []
    return [c for c in head.head.children if c.lower_ == "to" and c.i == head.right_edge.i + 1]


def _plain(span: Span) -> str:
    return " ".join(span.text.split())
