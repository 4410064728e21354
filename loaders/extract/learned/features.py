"""What the scorer knows about a claim: named features of the rule, its ends, the sentence and the date.

Every feature is a name with a value: categorical facts are `name=value` with value 1.0 ("type=SENT",
"rule=send.active", "trigger=send"), counts are numbers scaled to about [0, 1]. The names are the model's
vocabulary, so a feature the training never saw simply has no weight.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from spacy.attrs import DEP, LEMMA, ORTH, TAG
from spacy.strings import get_string_id
from spacy.tokens import Doc, Token

from graph.placeholders import is_placeholder
from loaders.extract import confidence as scoring
from loaders.extract.lexicon import LEX

if TYPE_CHECKING:  # pragma: no cover
    from loaders.dates import DateValue
    from loaders.extract.mentions import Sentence
    from loaders.extract.relations import RawClaim, Ref
    from loaders.extract.rules import DocumentRun

Features = dict[str, float]
FEATURE_SET = "claim-features-v1"  # bump when a feature is added, renamed or computed differently
_QUOTES = ('"', "\u201c", "\u201d")
_QUOTE_KEYS = frozenset(get_string_id(q) for q in _QUOTES)  # as `Doc.to_array(ORTH)` holds them
_NEG, _MD = get_string_id("neg"), get_string_id("MD")


def claim_features(
    run: DocumentRun, raw: RawClaim, sentence: Sentence, date: DateValue | None, borrowed: bool, rule_confidence: float
) -> Features:
    """The features of one claim as `DocumentRun._add` sees it, before the claim is stored."""
    found: Features = {
        f"type={raw.type}": 1.0,
        f"rule={raw.rule}": 1.0,
        f"rule_head={raw.rule.split('.')[0]}": 1.0,
        f"construction={scoring.construction(raw.rule)}": 1.0,
        f"type_construction={raw.type}|{scoring.construction(raw.rule)}": 1.0,
        f"trigger={raw.verb.lemma_.lower()}": 1.0,
        f"trigger_pos={raw.verb.pos_}": 1.0,
        f"type_trigger={raw.type}|{raw.verb.lemma_.lower()}": 1.0,
        "rule_confidence": rule_confidence,
        "raw_confidence": raw.confidence,
        f"polarity={raw.polarity}": 1.0,
    }
    for end, ref in (("subj", raw.subject), ("obj", raw.object)):
        found.update(_end_features(run, sentence, end, ref))
    found[f"ends={raw.subject.node.label}>{raw.object.node.label}"] = 1.0
    found.update(_path_features(raw))
    found.update(_sentence_features(run, sentence, raw))
    found[f"date={_date_source(date, borrowed)}"] = 1.0
    if date is not None:
        found[f"date_precision={date.precision}"] = 1.0
    return found


def _end_features(run: DocumentRun, sentence: Sentence, end: str, ref: Ref) -> Features:
    token = ref.token
    kind = _how_found(run, sentence, ref)
    found = {
        f"{end}_label={ref.node.label}": 1.0,
        f"{end}_found={kind}": 1.0,
        f"{end}_dep={token.dep_}": 1.0,
        f"{end}_ref_confidence": ref.confidence,
    }
    if ref.node.label == "Topic":
        found[f"{end}_is_topic"] = 1.0
    if token.doc is sentence.span.doc and not sentence.span.start <= token.i < sentence.span.end:
        found[f"{end}_outside_sentence"] = 1.0
    return found


def _how_found(run: DocumentRun, sentence: Sentence, ref: Ref) -> str:
    """named / acronym / gazetteer / a reference kind from `confidence.reference` (pronoun, role, ...)."""
    if is_placeholder(ref.node.id, ref.node.props):
        return "unnamed"
    try:
        kind = scoring.reference(run, sentence, ref)
    except (IndexError, KeyError, AttributeError):  # a token from a header line the parse does not index
        kind = None
    if kind:
        return kind
    text = ref.token.text
    if len(text) >= 2 and text.isupper():
        return "acronym"
    if ref.node.id in run.x.gazetteer.bodies:
        return "gazetteer"
    return "named"


def _path_features(raw: RawClaim) -> Features:
    """Dependency distance between the trigger and each end, and the labels on the way."""
    found: Features = {}
    for end, ref in (("subj", raw.subject), ("obj", raw.object)):
        path = _path(raw.verb, ref.token)
        if path is None:
            found[f"{end}_path=none"] = 1.0
            continue
        found[f"{end}_path_len"] = min(len(path), 8) / 8
        found[f"{end}_path={'/'.join(path[:3])}"] = 1.0
    a, b = raw.subject.token, raw.object.token
    if a.doc is b.doc:
        found["token_distance"] = math.log1p(abs(a.i - b.i)) / 4
        found["subject_first"] = float(a.i < b.i)
    return found


def _path(verb: Token, token: Token) -> list[str] | None:
    """Dependency labels from `token` up to the common ancestor with `verb` and down again; None across docs."""
    if verb.doc is not token.doc:
        return None
    up = [token, *token.ancestors]
    verb_up = [verb, *verb.ancestors]
    verb_ids = {t.i: n for n, t in enumerate(verb_up)}
    for n, node in enumerate(up):
        if node.i in verb_ids:
            return [t.dep_ for t in up[:n]] + [t.dep_ for t in verb_up[: verb_ids[node.i]]][::-1]
    return None


def _sentence_features(run: DocumentRun, sentence: Sentence, raw: RawClaim) -> Features:
    span = sentence.span
    total = max(1, len(run.parse.sentences))
    found: Features = {
        "sentence_position": sentence.index / total,
        "sentence_length": math.log1p(len(span)) / 5,
        "sentence_mentions": min(run.parse.mentions_in(sentence.index), 10) / 10,
    }
    if sentence.index < 3:
        found["sentence_early"] = 1.0
    found.update(_sentence_words(run, sentence))
    if raw.verb.doc is span.doc and not span.start <= raw.verb.i < span.end:
        found["trigger_outside_sentence"] = 1.0
    return found


def _sentence_words(run: DocumentRun, sentence: Sentence) -> Features:
    """What the sentence's words say (negation, hedge, quotes, question): read once per sentence, not per
    claim, as a sentence often yields several claims."""
    memo: dict[int, tuple[Sentence, Features]] = run.memo.setdefault("learned.sentence_words", {})
    cached = memo.get(id(sentence))
    if cached is not None and cached[0] is sentence:
        return cached[1]
    span = sentence.span
    strings = span.doc.vocab.strings
    deps, tags, lemmas, orths = _word_columns(run, sentence.doc_index, span.doc)
    words = slice(span.start, span.end)
    negation = _NEG in deps[words]
    hedge = _MD in tags[words] or any(strings[lemma].lower() in LEX.hedge_adverbs for lemma in set(lemmas[words]))
    quote = not _QUOTE_KEYS.isdisjoint(orths[words])
    found: Features = {}
    if negation:
        found["negation_nearby"] = 1.0
    if hedge:
        found["hedge_nearby"] = 1.0
    if quote:
        found["quote_in_sentence"] = 1.0
    if sentence.text.rstrip().endswith("?"):
        found["question"] = 1.0
    memo[id(sentence)] = (sentence, found)
    return found


def _word_columns(run: DocumentRun, doc_index: int, doc: Doc) -> list[list[int]]:
    """The doc's dependency, tag, lemma and form string hashes, one list each (`Doc.to_array`, no Token made),
    read once per doc for all its sentences."""
    memo: dict[int, tuple[Doc, list[list[int]]]] = run.memo.setdefault("learned.word_columns", {})
    cached = memo.get(doc_index)
    if cached is not None and cached[0] is doc:
        return cached[1]
    columns = doc.to_array([DEP, TAG, LEMMA, ORTH]).T.tolist()
    memo[doc_index] = (doc, columns)
    return columns


def _date_source(date: DateValue | None, borrowed: bool) -> str:
    if date is None:
        return "none"
    if borrowed:
        return "report"
    if date.text == "the document's date":
        return "document"
    return "clause"
