"""The extractor's linguistic knowledge as data: verb frames, nominal frames and word lists.

Read once per process from `data/lexicon/` (`verbs.yaml`, `nominals.yaml`, `words.yaml`), as
`graph/schema.yaml` is by `graph.schema`, and checked on load: an unknown key, a claim type that
`graph/schema.yaml` does not declare, a repeated entry or a value of the wrong shape is a
`LexiconError` naming the file and the key. The rules read `LEX`, the loaded lexicon, when they
run; `use(lexicon)` swaps it for a block (tests of a changed lexicon). The spaCy entity patterns
(`nlp.py`) are built from it when the pipeline is loaded.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, fields
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from graph.schema import SCHEMA

LEXICON_DIR = Path(__file__).with_name("data") / "lexicon"
# Claim types a verb frame can give: each has a reading in relations.verb_claims (see verbs.yaml).
VERB_CLAIMS = ("SENT", "RECEIVED", "COMMISSIONED", "AUTHORED", "PUBLISHED", "KNEW_ABOUT")
DOCUMENT_GENRES = ("plain", "correspondence", "study", "any")
DOCUMENT_ROLES = ("author", "body_author", "sender", "recipient")  # body_author: author only when a body


class LexiconError(ValueError):
    """A lexicon file is malformed; the message names the file and the key."""


class _Loader(yaml.SafeLoader):
    """Safe YAML where only true/false are booleans: "on", "no", "off" are the words (YAML 1.2)."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:bool"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_Loader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)


@dataclass(frozen=True)
class VerbFrame:
    """How one verb's arguments become a claim (verbs.yaml documents each field)."""

    lemma: str
    claim: str
    recipients: frozenset[str] = frozenset({"to", "with"})
    senders: frozenset[str] = frozenset({"from"})
    agent: frozenset[str] = frozenset({"by"})
    particle: bool | frozenset[str] = False  # True: any particle; a set: one of these
    needs_recipient: bool = False
    sends_when_addressed: bool = False  # "issued a notification to X": with a recipient, SENT instead of its claim
    tells: bool = False
    requests_work: bool = False
    work_not_worker: bool = False  # "asked the GAO to conduct a review": commissions the review, not the GAO
    letter_to: frozenset[str] = frozenset()
    authors_new: bool = False  # "X published a report": a document introduced as new is also X's own writing
    passive_told: bool = False  # "the results were discussed with you": the passive subject is what was told
    objects: frozenset[str] = frozenset()  # only with one of these nouns as what is moved ("made a report to X")

    @property
    def documents_only(self) -> bool:
        """A light verb, a frame naming what it moves ("made a report to X"), hands over only documents:
        "made several recommendations to X" are findings (not the report last named) and "allegations made to X"
        tell X nothing through it (information is read by the full verbs only)."""
        return bool(self.objects)

    def particle_missing(self, particles: list[str]) -> bool:
        """True when the frame needs a particle the verb does not have ("hand" without "over")."""
        if self.particle is False:
            return False
        if self.particle is True:
            return not particles
        return not any(p in self.particle for p in particles)


@dataclass(frozen=True)
class DocumentFrame:
    """A document noun: its genre and what the objects of its prepositions did (nominals.yaml)."""

    noun: str
    genre: str = "plain"
    mention: bool = True
    prepositions: tuple[tuple[str, str], ...] = ()  # (preposition, role)

    def preps(self, role: str) -> frozenset[str]:
        return frozenset(p for p, r in self.prepositions if r == role)


@dataclass(frozen=True)
class MembershipFrame:
    lemma: str
    role: str | None = None
    prepositions: frozenset[str] = frozenset()  # empty: the body is the object


@dataclass
class Lexicon:
    # verbs.yaml
    frames: dict[str, VerbFrame]
    membership: dict[str, MembershipFrame]
    passive_membership_verbs: frozenset[str]
    archive_verbs: frozenset[str]
    archive_prepositions: frozenset[str]
    reporting_verbs: frozenset[str]
    naming_verbs: frozenset[str]
    receiving_verbs: frozenset[str]
    work_verbs: frozenset[str]
    publishing_verbs: frozenset[str]
    announcing_verbs: frozenset[str]
    referring_verbs: frozenset[str]
    reporting_to_verbs: frozenset[str]
    referred_matters: frozenset[str]
    matter_nouns: frozenset[str]
    discloser_nouns: frozenset[str]
    disclosing_verbs: frozenset[str]
    confirming_verbs: frozenset[str]
    concluding_verbs: frozenset[str]  # disclosed_matters.py: "the agency found that ..." knew the matter
    agency_name_words: frozenset[str]
    finding_verbs: frozenset[str]
    writer_frames: dict[str, frozenset[str]]  # lemma -> claims the writer's "we" makes (writer_findings.py)
    found_counts: frozenset[str]
    passive_finding_verbs: frozenset[str]  # regulator_findings.py
    breach_nouns: frozenset[str]
    meeting_verbs: frozenset[str]  # breach_meetings.py
    meeting_nouns: frozenset[str]
    discussing_verbs: frozenset[str]
    attention_verbs: frozenset[str]  # brought_attention.py
    attention_nouns: frozenset[str]
    filing_verbs: frozenset[str]
    complaint_filing_verbs: frozenset[str]  # filed_complaints.py
    public_places: frozenset[str]
    statement_issuing_verbs: frozenset[str]  # following_statements.py
    following_statement_nouns: frozenset[str]
    # nominals.yaml
    documents: dict[str, DocumentFrame]
    other_documents: DocumentFrame
    report_title_words: tuple[str, ...]
    findings: frozenset[str]
    wrapper_nouns: frozenset[str]
    information: frozenset[str]
    knowledge: frozenset[str]
    awareness_adjectives: frozenset[str]
    archives: frozenset[str]
    publication_events: frozenset[str]
    document_events: frozenset[str]
    commissioning_events: frozenset[str]
    own_documents: frozenset[str]
    owned_documents: frozenset[str]
    possessed_documents: frozenset[str]
    framed_documents: frozenset[str]  # framed_documents.py
    transferred_documents: frozenset[str]  # transferred_documents.py
    moved_plurals: frozenset[str]  # transferred_documents.py
    issued_documents: frozenset[str]  # fronted_reports.py
    formal_complaints: frozenset[str]  # filed_complaints.py
    document_taking_verbs: frozenset[str]
    unnamed_own_kinds: dict[str, str]
    # words.yaml
    person_titles: tuple[str, ...]  # as written, without full stops
    dotted_titles: tuple[str, ...]  # the titles also written with a full stop
    post_nominals: frozenset[str]
    council_titles: frozenset[str]
    office_qualifiers: frozenset[str]
    release_staff_titles: frozenset[str]
    quoting_verbs: frozenset[str]
    role_nouns: frozenset[str]
    holder_title_heads: frozenset[str]
    title_qualifiers: frozenset[str]
    office_nouns: frozenset[str]
    job_words: tuple[str, ...]
    role_modifiers: tuple[str, ...]
    office_titles: tuple[str, ...]
    not_name_words: tuple[str, ...]
    staff_nouns: frozenset[str]
    first_person: frozenset[str]
    first_person_plural: frozenset[str]
    first_person_possessives: frozenset[str]
    person_pronouns: frozenset[str]
    report_pronouns: frozenset[str]
    second_person: frozenset[str]
    plural_pronouns: frozenset[str]
    possessive_pronouns: frozenset[str]
    body_heads: dict[str, str | None]  # as written -> kind or None
    company_suffixes: tuple[str, ...]
    portfolio_heads: tuple[str, ...]
    shared_heads: tuple[str, ...]
    subject_list_closers: tuple[str, ...]
    portfolio_titles: frozenset[str]
    generic_bodies: dict[str, str]
    proper_generic_bodies: frozenset[str]
    demonstratives: frozenset[str]
    contexts: dict[str, tuple[frozenset[str], frozenset[str]]]  # context -> (kinds, name words)
    fuzzy_generic_words: frozenset[str]
    articles: tuple[str, ...]
    time_words: tuple[str, ...]
    quantifiers: frozenset[str]
    indefinite_determiners: frozenset[str]
    skipped_modifiers: frozenset[str]
    title_links: frozenset[str]
    title_function_words: frozenset[str]
    topic_prepositions: frozenset[str]
    letter_topic_prepositions: frozenset[str]
    topic_phrases: frozenset[str]
    description_prepositions: frozenset[str]
    description_chain_prepositions: frozenset[str]
    place_nouns: frozenset[str]
    anaphoric_nouns: frozenset[str]
    non_topics: frozenset[str]
    time_prepositions: frozenset[str]
    gerund_clause_prepositions: frozenset[str]
    hedge_auxiliaries: frozenset[str]
    denial_verbs: frozenset[str]
    negating_verbs: frozenset[str]
    not_done_verbs: frozenset[str]
    unverified_verbs: frozenset[str]
    hedge_adverbs: frozenset[str]
    unfinished_modifiers: frozenset[str]
    in_progress_prepositions: frozenset[str]  # unfinished_work.py
    progress_nouns: frozenset[str]
    asking_verbs: frozenset[str]
    conditional_marks: frozenset[str]
    sign_offs: tuple[str, ...]
    statement_headings: tuple[str, ...]
    salutations: tuple[str, ...]
    impersonal_addressees: frozenset[str]
    chair_addresses: frozenset[str]
    sender_fields: frozenset[str]
    recipient_fields: frozenset[str]
    copy_fields: frozenset[str]
    answer_fields: frozenset[str]
    author_fields: tuple[str, ...]
    line_statement_headings: tuple[str, ...]
    debate_cues: frozenset[str]
    speaker_offices: frozenset[str]
    question_verbs: frozenset[str]
    covering_formulas: frozenset[str]
    publication_fields: frozenset[str]
    subject_fields: frozenset[str]
    statement_audiences: frozenset[str]
    audience_headings: frozenset[str]
    address_words: frozenset[str]
    building_words: frozenset[str]
    company_heads: frozenset[str]
    hearing_heads: frozenset[str]
    name_abbreviations: frozenset[str]
    peer_titles: tuple[str, ...]
    number_marks: frozenset[str]
    title_abbreviations: frozenset[str]
    member_address_nouns: frozenset[str]
    member_address_marks: frozenset[str]
    document_series: frozenset[str]
    numbered_nouns: frozenset[str]
    own_title_generic_words: frozenset[str]
    own_title_cover_tails: tuple[str, ...]
    self_reference_determiners: frozenset[str]
    self_reference_adjectives: frozenset[str]
    report_of_heads: tuple[str, ...]
    alleging_verbs: frozenset[str]
    person_only_alleging_verbs: frozenset[str]
    alleging_nouns: frozenset[str]
    clause_dropped_adverbs: frozenset[str]
    duration_nouns: frozenset[str]
    request_verbs: frozenset[str]
    request_nouns: frozenset[str]
    request_answering_prepositions: frozenset[str]
    request_answering_heads: frozenset[str]
    asked_work: frozenset[str]
    giving_verbs: frozenset[str]
    asked_documents: frozenset[str]
    bill_marks: frozenset[str]
    letter_opener_verbs: frozenset[str]
    enclosing_verbs: frozenset[str]
    sponsoring_verbs: frozenset[str]
    sponsoring_nouns: frozenset[str]
    deliberating_verbs: frozenset[str]
    letterhead_offices: frozenset[str]
    sub_office_tails: frozenset[str]
    page_section_words: frozenset[str]
    department_offices: frozenset[str]
    header_other_fields: frozenset[str]
    form_field_labels: frozenset[str]  # page_furniture.py
    signer_group_nouns: frozenset[str]  # quoted_writers.py
    letter_quoting_verbs: frozenset[str]
    letter_addressing_verbs: frozenset[str]  # rules._trailing_writer
    paper_presentations: tuple[str, ...]
    printing_orders: tuple[str, ...]
    report_agreements: tuple[str, ...]

    # -- derived views (computed once on load) --------------------------------------------------
    def __post_init__(self) -> None:
        self.verb_claim = {lemma: f.claim for lemma, f in self.frames.items()}
        self.document_nouns = frozenset(n for n, f in self.documents.items() if f.mention)
        self.correspondence = frozenset(n for n, f in self.documents.items() if f.genre == "correspondence")
        self.study_kinds = frozenset(n for n, f in self.documents.items() if f.genre == "study")
        self.any_kind_documents = frozenset(n for n, f in self.documents.items() if f.genre == "any")
        self.title_forms = tuple([*self.person_titles, *(t + "." for t in self.dotted_titles)])
        self.title_keys = frozenset(t.lower() for t in self.person_titles)
        self.kind_by_head = {h.lower(): k for h, k in self.body_heads.items() if k}
        self.body_words = frozenset(h.lower() for h in [*self.body_heads, *self.company_suffixes])
        self.role_words_before_heads = (*self.role_modifiers, *self.job_words)

    def document(self, noun: str) -> DocumentFrame:
        return self.documents.get(noun, self.other_documents)


# -- loading and checking --------------------------------------------------------------------------
class _File:
    """One YAML file's top-level mapping, read key by key; what is left unread is an unknown key."""

    def __init__(self, path: Path):
        self.name = path.name
        try:
            raw = yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader)  # noqa: S506 (a safe loader)
        except OSError as error:
            raise LexiconError(f"{self.name}: cannot read ({error})") from None
        except yaml.YAMLError as error:
            raise LexiconError(f"{self.name}: invalid YAML: {error}") from None
        if not isinstance(raw, dict):
            raise LexiconError(f"{self.name}: expected a mapping of keys at the top level")
        self.raw = raw

    def error(self, key: str, message: str) -> LexiconError:
        return LexiconError(f"{self.name}: {key}: {message}")

    def take(self, key: str) -> Any:
        if key not in self.raw:
            raise self.error(key, "missing")
        return self.raw.pop(key)

    def words(self, key: str, value: Any = None, where: str | None = None) -> tuple[str, ...]:
        value = self.take(key) if where is None else value
        where = where or key
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            raise self.error(where, f"expected a list of non-empty strings, got {value!r}")
        repeated = sorted({v for v in value if value.count(v) > 1})
        if repeated:
            raise self.error(where, f"listed twice: {', '.join(repeated)}")
        return tuple(value)

    def word_set(self, key: str) -> frozenset[str]:
        return frozenset(self.words(key))

    def mapping(self, key: str, value: Any = None, where: str | None = None) -> dict[str, Any]:
        value = self.take(key) if where is None else value
        if not isinstance(value, dict) or not all(isinstance(k, str) for k in value):
            raise self.error(where or key, f"expected a mapping, got {value!r}")
        return value

    def done(self) -> None:
        if self.raw:
            raise self.error(", ".join(map(str, self.raw)), "unknown key")


def _fields(file: _File, where: str, raw: Any, allowed: set[str]) -> dict[str, Any]:
    if raw is None:
        raw = {}
    if not isinstance(raw, dict):
        raise file.error(where, f"expected a mapping, got {raw!r}")
    unknown = set(raw) - allowed
    if unknown:
        raise file.error(
            where, f"unknown key {', '.join(sorted(map(str, unknown)))} (allowed: {', '.join(sorted(allowed))})"
        )
    return raw


def _flag(file: _File, where: str, value: Any) -> bool:
    if not isinstance(value, bool):
        raise file.error(where, f"expected true or false, got {value!r}")
    return value


def _verb_frame(file: _File, lemma: str, raw: Any) -> VerbFrame:
    where = f"frames.{lemma}"
    spec = _fields(file, where, raw, {f.name for f in fields(VerbFrame)} - {"lemma"})
    claim = spec.get("claim")
    if claim not in SCHEMA.edges:
        raise file.error(
            f"{where}.claim", f"unknown claim type {claim!r}: graph/schema.yaml declares {', '.join(SCHEMA.edges)}"
        )
    if claim not in VERB_CLAIMS:
        raise file.error(f"{where}.claim", f"a verb frame cannot give {claim}: one of {', '.join(VERB_CLAIMS)}")
    frame: dict[str, Any] = {"lemma": lemma, "claim": claim}
    for key in ("recipients", "senders", "agent", "letter_to", "objects"):
        if key in spec:
            frame[key] = frozenset(file.words(key, spec[key], f"{where}.{key}"))
    for key in (
        "needs_recipient",
        "sends_when_addressed",
        "tells",
        "requests_work",
        "work_not_worker",
        "authors_new",
        "passive_told",
    ):
        if key in spec:
            frame[key] = _flag(file, f"{where}.{key}", spec[key])
    if "particle" in spec:
        particle = spec["particle"]
        frame["particle"] = (
            particle if isinstance(particle, bool) else frozenset(file.words("particle", particle, f"{where}.particle"))
        )
    return VerbFrame(**frame)


def _document_frame(file: _File, where: str, noun: str, raw: Any) -> DocumentFrame:
    spec = _fields(file, where, raw, {"genre", "mention", "prepositions"})
    genre = spec.get("genre", "plain")
    if genre not in DOCUMENT_GENRES:
        raise file.error(f"{where}.genre", f"{genre!r} is not one of {', '.join(DOCUMENT_GENRES)}")
    preps = file.mapping("prepositions", spec.get("prepositions") or {}, f"{where}.prepositions")
    for prep, role in preps.items():
        if role not in DOCUMENT_ROLES:
            raise file.error(f"{where}.prepositions.{prep}", f"role {role!r} is not one of {', '.join(DOCUMENT_ROLES)}")
    return DocumentFrame(noun, genre, _flag(file, f"{where}.mention", spec.get("mention", True)), tuple(preps.items()))


def _verbs(file: _File) -> dict[str, Any]:
    frames = {lemma: _verb_frame(file, lemma, raw) for lemma, raw in file.mapping("frames").items()}
    membership = {}
    for lemma, raw in file.mapping("membership").items():
        spec = _fields(file, f"membership.{lemma}", raw, {"role", "prepositions"})
        preps = (
            frozenset(file.words("prepositions", spec["prepositions"], f"membership.{lemma}.prepositions"))
            if "prepositions" in spec
            else frozenset()
        )
        membership[lemma] = MembershipFrame(lemma, spec.get("role"), preps)
    lists = (
        "passive_membership_verbs",
        "archive_verbs",
        "archive_prepositions",
        "reporting_verbs",
        "naming_verbs",
        "receiving_verbs",
        "work_verbs",
        "publishing_verbs",
        "announcing_verbs",
        "referring_verbs",
        "reporting_to_verbs",
        "referred_matters",
        "matter_nouns",
        "discloser_nouns",
        "disclosing_verbs",
        "confirming_verbs",
        "concluding_verbs",
        "agency_name_words",
        "finding_verbs",
        "found_counts",
        "passive_finding_verbs",
        "breach_nouns",
        "meeting_verbs",
        "meeting_nouns",
        "discussing_verbs",
        "attention_verbs",
        "attention_nouns",
        "filing_verbs",
        "complaint_filing_verbs",
        "public_places",
        "statement_issuing_verbs",
        "following_statement_nouns",
    )
    writer_frames = {}
    for lemma, raw in file.mapping("writer_frames").items():
        claims = file.words(lemma, raw, f"writer_frames.{lemma}")
        wrong = [c for c in claims if c not in ("KNEW_ABOUT", "AUTHORED", "PUBLISHED")]
        if wrong:
            raise file.error(f"writer_frames.{lemma}", f"{wrong[0]!r} is not KNEW_ABOUT, AUTHORED or PUBLISHED")
        writer_frames[lemma] = frozenset(claims)
    words = {key: file.word_set(key) for key in lists}
    return {"frames": frames, "membership": membership, "writer_frames": writer_frames, **words}


def _nominals(file: _File) -> dict[str, Any]:
    documents = {
        noun: _document_frame(file, f"documents.{noun}", noun, raw) for noun, raw in file.mapping("documents").items()
    }
    other = _document_frame(file, "other_documents", "", file.take("other_documents"))
    lists = (
        "findings",
        "wrapper_nouns",
        "information",
        "knowledge",
        "awareness_adjectives",
        "archives",
        "publication_events",
        "document_events",
        "commissioning_events",
        "own_documents",
        "owned_documents",
        "possessed_documents",
        "framed_documents",
        "transferred_documents",
        "moved_plurals",
        "issued_documents",
        "formal_complaints",
        "document_taking_verbs",
    )
    words = {key: file.word_set(key) for key in lists}
    for key in ("framed_documents", "transferred_documents", "moved_plurals", "issued_documents", "formal_complaints"):
        unframed = sorted(words[key] - set(documents))
        if unframed:
            raise file.error(key, f"{unframed[0]!r} has no frame under documents")
    return {
        "documents": documents,
        "other_documents": other,
        "report_title_words": file.words("report_title_words"),
        "unnamed_own_kinds": _own_kinds(file),
        **words,
    }


def _own_kinds(file: _File) -> dict[str, str]:
    kinds = file.mapping("unnamed_own_kinds")
    for form, noun in kinds.items():
        if form not in ("header", "heading") or not (isinstance(noun, str) and noun.strip()):
            raise file.error(f"unnamed_own_kinds.{form}", f"expected header or heading -> a noun, got {noun!r}")
    return dict(kinds)


TUPLE_WORDS = (
    "job_words",
    "role_modifiers",
    "office_titles",
    "peer_titles",
    "not_name_words",
    "company_suffixes",
    "portfolio_heads",
    "shared_heads",
    "subject_list_closers",
    "own_title_cover_tails",
    "report_of_heads",
    "articles",
    "time_words",
    "sign_offs",
    "statement_headings",
    "author_fields",
    "line_statement_headings",
    "salutations",
    "paper_presentations",
    "printing_orders",
    "report_agreements",
)
SET_WORDS = (
    "post_nominals",
    "council_titles",
    "office_qualifiers",
    "release_staff_titles",
    "quoting_verbs",
    "role_nouns",
    "holder_title_heads",
    "title_qualifiers",
    "office_nouns",
    "staff_nouns",
    "first_person",
    "first_person_plural",
    "first_person_possessives",
    "person_pronouns",
    "report_pronouns",
    "second_person",
    "plural_pronouns",
    "possessive_pronouns",
    "fuzzy_generic_words",
    "quantifiers",
    "indefinite_determiners",
    "skipped_modifiers",
    "title_links",
    "title_function_words",
    "topic_prepositions",
    "letter_topic_prepositions",
    "topic_phrases",
    "description_prepositions",
    "description_chain_prepositions",
    "place_nouns",
    "anaphoric_nouns",
    "non_topics",
    "time_prepositions",
    "gerund_clause_prepositions",
    "hedge_auxiliaries",
    "denial_verbs",
    "negating_verbs",
    "not_done_verbs",
    "unverified_verbs",
    "hedge_adverbs",
    "unfinished_modifiers",
    "in_progress_prepositions",
    "progress_nouns",
    "asking_verbs",
    "conditional_marks",
    "impersonal_addressees",
    "chair_addresses",
    "sender_fields",
    "recipient_fields",
    "copy_fields",
    "portfolio_titles",
    "proper_generic_bodies",
    "demonstratives",
    "answer_fields",
    "debate_cues",
    "speaker_offices",
    "question_verbs",
    "covering_formulas",
    "publication_fields",
    "subject_fields",
    "statement_audiences",
    "audience_headings",
    "address_words",
    "building_words",
    "company_heads",
    "hearing_heads",
    "name_abbreviations",
    "number_marks",
    "title_abbreviations",
    "member_address_nouns",
    "member_address_marks",
    "document_series",
    "numbered_nouns",
    "own_title_generic_words",
    "self_reference_determiners",
    "self_reference_adjectives",
    "alleging_verbs",
    "person_only_alleging_verbs",
    "alleging_nouns",
    "clause_dropped_adverbs",
    "duration_nouns",
    "request_verbs",
    "request_nouns",
    "request_answering_prepositions",
    "request_answering_heads",
    "asked_work",
    "giving_verbs",
    "asked_documents",
    "bill_marks",
    "letter_opener_verbs",
    "enclosing_verbs",
    "sponsoring_verbs",
    "sponsoring_nouns",
    "deliberating_verbs",
    "letterhead_offices",
    "sub_office_tails",
    "page_section_words",
    "department_offices",
    "header_other_fields",
    "form_field_labels",
    "signer_group_nouns",
    "letter_quoting_verbs",
    "letter_addressing_verbs",
)


def _words(file: _File) -> dict[str, Any]:
    titles = file.words("person_titles")
    heads = file.mapping("body_heads")
    for head, kind in heads.items():
        if kind is not None and not (isinstance(kind, str) and kind.strip()):
            raise file.error(f"body_heads.{head}", f"expected a kind or ~, got {kind!r}")
    generic = file.mapping("generic_bodies")
    contexts = {}
    for context, raw in file.mapping("contexts").items():
        spec = _fields(file, f"contexts.{context}", raw, {"kinds", "names"})
        contexts[context] = tuple(
            frozenset(file.words(k, spec.get(k, []), f"contexts.{context}.{k}")) for k in ("kinds", "names")
        )
    for noun, context in generic.items():
        if context not in contexts and context not in ("council", "force"):
            raise file.error(
                f"generic_bodies.{noun}", f"context {context!r} is neither council, force nor one of contexts"
            )
    return {
        "person_titles": tuple(t.rstrip(".") for t in titles),
        "dotted_titles": tuple(t.rstrip(".") for t in titles if t.endswith(".")),
        "body_heads": dict(heads),
        "generic_bodies": dict(generic),
        "contexts": contexts,
        **{key: file.words(key) for key in TUPLE_WORDS},
        **{key: file.word_set(key) for key in SET_WORDS},
    }


@lru_cache(maxsize=4)
def load_lexicon(data_dir: Path = LEXICON_DIR) -> Lexicon:
    """The lexicon in `data_dir`, checked; cached, so each directory is read once per process."""
    values: dict[str, Any] = {}
    for name, read in (("verbs.yaml", _verbs), ("nominals.yaml", _nominals), ("words.yaml", _words)):
        file = _File(Path(data_dir) / name)
        values.update(read(file))
        file.done()
    return Lexicon(**values)


LEX: Lexicon = load_lexicon()


@contextmanager
def use(lexicon: Lexicon) -> Iterator[Lexicon]:
    """Run a block with `lexicon` in place of the loaded one (the rules read `LEX` as they run)."""
    saved = dict(vars(LEX))
    vars(LEX).update(vars(lexicon))
    try:
        yield LEX
    finally:
        vars(LEX).clear()
        vars(LEX).update(saved)
