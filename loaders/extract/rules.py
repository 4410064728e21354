"""The rule-based extractor: spaCy parse + gazetteer + dependency rules -> evidenced, dated claims.

Per document: parse paragraphs with `nlp.pipe`, find mentions, resolve them (loaders.resolve),
cluster report mentions (reports), read roles (people), run the verb and noun rules (relations)
sentence by sentence, date each claim (loaders.dates) and cite its sentence by offsets into
`Document.text`. `extract_many` spreads documents over worker processes that each load the
model once.
"""

from __future__ import annotations

import calendar
import dataclasses
import multiprocessing
import re
from collections.abc import Iterable, Sequence
from itertools import islice

from spacy.attrs import POS
from spacy.parts_of_speech import IDS as UPOS
from spacy.tokens import Doc, Span, Token

from graph.model import Claim, Node, node_id
from graph.names import name_key
from graph.schema import SCHEMA
from graph.store import GraphStore
from loaders.dates import DateValue, anaphoric_date, done_by_publication, parse_date
from loaders.document import Document, Extraction
from loaders.extract import (
    acronym_mentions,
    acronym_tails,
    addressee_block,
    agency_studies,
    announcements,
    apposed_titles,
    author_fields,
    authored_studies,
    body_reports,
    breach_meetings,
    brought_attention,
    chaired_by,
    citations,
    committee_reports,
    coordinated_members,
    coordination,
    coref,
    debate_turns,
    department_offices,
    descriptions,
    detached_names,
    directed_studies,
    disclosed_matters,
    discloser_bodies,
    document_frame,
    document_names,
    document_owners,
    filed_complaints,
    following_statements,
    framed_documents,
    front_matter,
    fronted_reports,
    headless_units,
    historic_answers,
    late_dates,
    letter_layout,
    letter_matters,
    letter_openers,
    letter_tellings,
    linked_letters,
    markup,
    national_prefixes,
    non_entities,
    numbered_documents,
    numbered_flows,
    office_bodies,
    office_coref,
    offices,
    one_of_many,
    own_document,
    own_titles,
    peerages,
    people,
    portfolios,
    possessed_letters,
    possessors,
    presupposed_documents,
    pronoun_aliases,
    public_filing,
    publisher_holders,
    publisher_we,
    quoted_titles,
    quoted_writers,
    receipt_phrases,
    referrals,
    regulator_findings,
    relations,
    release_staff,
    report_lists,
    reported_to,
    reports,
    sent_reports,
    shared_dates,
    signed_authors,
    speaker,
    surname_people,
    teasers,
    testimony_openers,
    title_phrase_members,
    titled_holders,
    titled_names,
    told_matters,
    topics,
    trigger_words,
    uk_papers,
    unfinished_work,
    writer_findings,
    writer_requests,
    written_answers,
    written_letters,
)
from loaders.extract import confidence as scoring
from loaders.extract.gazetteer import Gazetteer, Role, load_gazetteer
from loaders.extract.learned import hook as learned_hook
from loaders.extract.learned import relation_hook as learned_relations
from loaders.extract.learned import switches as learned_switches
from loaders.extract.lexicon import LEX
from loaders.extract.mentions import DocumentParse, Mention, Sentence, names_a_body, parse_document
from loaders.extract.nlp import MODEL, chunks, load_pipeline
from loaders.extract.trigger_words import triggered_by
from loaders.resolve import DocumentContext, Resolver, define_acronyms

PIPE_BATCH = 64  # paragraphs per spaCy minibatch
# The parts of speech the sentence pass reads (`Doc.to_array(POS)` values): verbs and auxiliaries always, a noun
# or an adjective for its one pass (knowledge nouns, awareness adjectives)
_CLAUSE_POS = frozenset({UPOS["VERB"], UPOS["AUX"]})
_NOUN, _ADJ = UPOS["NOUN"], UPOS["ADJ"]
_WORD_POS = {_NOUN: relations.nominal_knowledge, _ADJ: relations.aware_claims}
PRONOUN_CONFIDENCE = scoring.weight("coref:previous")  # a claim's own confidence comes from confidence.py
SIGNATURE_SPAN = 3  # sentences (lines) between a signed name and the body under it
_OFFICE_FOR = re.compile(r"^(?:the\s+)?(?:Secretary of State|Minister(?: of State)?)\s+for\s+(.+)$", re.I)


def _in_quotes(token: Token) -> bool:
    """Inside quotation marks in its sentence: a quoted "I" is whoever is quoted, not the speaker."""
    before = token.doc[token.sent.start : token.i].text_with_ws  # doc.text[sent.start_char : token.idx], unjoined doc
    return (before.count('"') + before.count("\u201c") - before.count("\u201d")) % 2 == 1


def _agrees(pronoun: Token, antecedent: Token) -> bool:
    """Number and person agreement of a possessive pronoun with a candidate antecedent ("its" is not "ministers")."""
    plural = antecedent.tag_ in ("NNS", "NNPS") or any(c.dep_ == "conj" for c in antecedent.children)
    if pronoun.lower_ == "its":
        return not plural and antecedent.ent_type_ != "PERSON"
    if pronoun.lower_ in ("his", "her"):
        return not plural
    if pronoun.lower_ in LEX.first_person_possessives or pronoun.lower_ in LEX.second_person:
        return antecedent.pos_ == "PRON"  # "WHOB acknowledged my letter": "my" is the writer's, not WHOB's
    return True


def _own_or_unowned(head: Token, writer: Token) -> bool:
    """No possessor, or a possessive pronoun that can be the writer's ("In her letter, Ann Lee said")."""
    owners = [c for c in head.children if c.dep_ == "poss"]
    return all(c.lower_ in LEX.possessive_pronouns and _agrees(c, writer) for c in owners)


def _fronted_writer(head: Token) -> Token | None:
    """ "In a letter to Y, X warned ...": a correspondence noun in a phrase opening its clause is written by
    the clause's subject (or, where the parser read that subject as an appositive of Y, by that)."""
    prep = head.head
    if head.dep_ != "pobj" or prep.dep_ != "prep" or prep.lower_ not in ("in", "through", "via") or prep.i > head.i:
        return None
    verb = prep.head
    if verb.pos_ not in ("VERB", "AUX") or prep.i > verb.i:
        return None
    subjects = relations.children_of(verb, "nsubj")
    if subjects:
        return subjects[0]
    misread = [
        a
        for t in head.subtree
        for a in t.children
        if a.dep_ == "appos" and a.i < verb.i and a.right_edge.i == verb.i - 1
    ]
    return misread[-1] if misread else None


def _trailing_writer(head: Token) -> Token | None:
    """ "X urged Y in a letter today to ...": a correspondence noun in an "in" phrase after a verb of addressing
    someone (`letter_addressing_verbs`) is written by the verb's subject; its object is the addressee."""
    prep = head.head
    if head.dep_ != "pobj" or prep.dep_ != "prep" or prep.lower_ not in ("in", "through", "via"):
        return None
    verb = prep.head
    if verb.pos_ != "VERB" or prep.i < verb.i or verb.lemma_.lower() not in LEX.letter_addressing_verbs:
        return None
    subjects = relations.children_of(verb, "nsubj")
    return subjects[0] if subjects else None


class RuleExtractor:
    """Offline extractor (the default). `store`, if given, lends names learned from earlier loads."""

    name = "rules"

    def __init__(self, model: str = MODEL, store: GraphStore | None = None, gazetteer: Gazetteer | None = None):
        learned_switches.check()  # a mistyped KFLOW_* switch stops the load before any file, not in each file
        self.model = model
        self.gazetteer = gazetteer or load_gazetteer()
        self.resolver = Resolver(self.gazetteer, store)
        self.store = store

    @property
    def nlp(self):
        return load_pipeline(self.model)

    def warm(self) -> None:
        """Load the model and the date parser now, so processes forked afterwards share them loaded."""
        self.nlp  # noqa: B018 (the property loads the model: that is the point)
        parse_date("1 March 2000")

    def extract(self, document: Document) -> Extraction:
        return self.extract_batch([document])[0]

    def extract_batch(self, documents: Sequence[Document]) -> list[Extraction]:
        """Extractions in input order, the same as `extract` on each. All documents' paragraphs go
        through one `nlp.pipe` stream, so spaCy's per-call and per-minibatch costs are paid once per
        batch rather than per document; the stream is lazy, so only a minibatch of parses is held."""
        pieces = [list(chunks(markup.parsing_text(document.text))) for document in documents]
        parsed = self.nlp.pipe((text for own in pieces for _, text in own), batch_size=PIPE_BATCH)
        return [
            DocumentRun(self, document, list(islice(parsed, len(own))), [offset for offset, _ in own]).run()
            for document, own in zip(documents, pieces)
        ]

    def extract_many(self, documents: Iterable[Document], n_process: int = 1) -> list[Extraction]:
        """Extractions in input order; with n_process > 1, documents are shared out to worker processes."""
        documents = list(documents)
        if n_process <= 1 or len(documents) < 2 or self.store is not None:
            return self.extract_batch(documents)
        self.nlp  # noqa: B018 (load before forking so workers share the loaded model)
        context = multiprocessing.get_context("fork")
        with context.Pool(n_process, initializer=_init_worker, initargs=(self.model,)) as pool:
            return pool.map(_extract_in_worker, documents, chunksize=max(1, len(documents) // (n_process * 8)))


_WORKER: RuleExtractor | None = None


def _init_worker(model: str) -> None:
    global _WORKER
    _WORKER = RuleExtractor(model)


def _extract_in_worker(document: Document) -> Extraction:
    assert _WORKER is not None
    return _WORKER.extract(document)


class DocumentRun:
    """The state of extracting one document; `run` does it once."""

    def __init__(self, extractor: RuleExtractor, document: Document, docs: list, offsets: list[int]):
        self.x = extractor
        self.document = document
        self.published = document.published
        self.precision = document.published_precision
        self.parse: DocumentParse = parse_document(document.text, docs, offsets)
        self.ctx = DocumentContext(acronyms=define_acronyms(document.text))
        self.nodes: dict[str, Node] = {}
        self.claims: list[Claim] = []
        self.place_names: dict[str, str] = {}
        self.topics_seen: list[tuple[int, Node]] = []  # (sentence, topic node)
        self.reports: list[reports.ReportMention] = []
        self.role_holders: dict[tuple[str, str], set[str]] = {}  # (role key, body id) -> person ids
        self.last_date: DateValue | None = None  # the last date the text gave, for "later that year"
        self.councillors: set[tuple[str, str]] = set()  # (person, council) memberships read off the title, once each
        self.speaker: Node | None = None  # who "I" is, when the document says (speaker.py)
        self.speaker_body: Node | None = None  # who "we" is: the body under a letter's signature
        self.addressee: Node | None = None  # who "you" is: a letter's or a testimony's addressee (coref.py)
        self.salutation: coref.Addressee | None = None
        self.own_document: Node | None = None  # the document being read, once a text refers to it
        self.turns: list = []  # a debate's speaker turns and their people (debate_turns.py)
        self.memo: dict = {}  # per-document caches of other modules, each under its own key (learned/features.py)
        self._date_entities: dict[int, tuple[Doc, list[Span]]] = {}  # doc index -> its DATE entities (`_dates`)

    def run(self) -> Extraction:
        document_frame.date_from_line(self)
        document_frame.drop_postal_mentions(self)
        acronym_mentions.add_mentions(self)  # "OSC" once the text defined "Office of Special Counsel (OSC)"
        numbered_documents.numbered_reports(self)  # "Inspection Report No. 98-02", "Form NRC-241", "S. 870"
        self.reports = reports.detect_reports(self.parse, self.published, self.precision)
        self._collect_context()
        department_offices.join(self)  # "the Department of X (DX) Office of Inspector General (OIG)": one body
        self._resolve_generic()
        used_roles = self._resolve_people()
        self._resolve_speaker()
        debate_turns.read(self)  # "Mr. Speaker" / "Pete Wishart (North Tayside)": whose "I" each turn is
        own_document.header_speaker(self)
        own_document.header_addressee(self)
        document_frame.letterhead_speaker(self)
        publisher_we.speaker_body(self)  # no letterhead or signature: who "we" is by the record's publisher
        self._resolve_roles(used_roles)
        debate_turns.adopt_office_holders(self)  # "asked the Minister for X": the answer's "I" is the role's holder
        offices.read(self)  # "the audit office", "the NCA Deputy Director": later mentions and offices
        portfolios.read(self)  # "the Minister of Agriculture": the office of the Ministry of Agriculture
        publisher_holders.read(self)  # "the Commissioner" in the Information Commissioner's own notice
        office_coref.link_titles(self)  # "David Neal, the Chief Inspector of X ... the Chief Inspector": one person
        self._resolve_topics()
        self._senders()
        cited = citations.name_letters(self)  # "Letter from X to Y, 8 May 2014": a line naming a letter
        possessed_letters.second_person_senders(self)  # "your letter": the addressee's, also a heading's
        quoted_titles.name_reports(self.reports)  # "his ‘inspection report on X’": named by its quoted title
        clusters = reports.cluster_reports(self.reports, written_letters.find(self))  # "X wrote to Y ... the letter"
        reports.report_nodes(clusters, self.document.source_id)
        document_names.name_dated_letters(clusters)  # "the Principal Clerk's letter of 27 January 2000"
        possessed_letters.name_as_written(clusters, self.published, self.precision)  # "your letter of 28 June"
        descriptions.name_by_description(clusters)  # "a letter to the President": named as the text calls it
        numbered_documents.add_written_aliases(clusters)  # "Report No. 5" as written, named "Report 5"
        acronym_tails.add_aliases([c.node for c in clusters if c.node])  # "audit of X (HVE)": also "audit of X"
        pronoun_aliases.add_aliases(clusters)  # "its report", "our March 2007 report": as written
        for cluster in clusters:
            self.add_node(cluster.node)
        letter_layout.adopt_heading_letter(self, cited)  # "Letter to X from Y" atop the text: the text itself
        for sentence in self.parse.sentences:
            self._sentence_claims(sentence)
        self._addressed_claims()
        words = trigger_words.of(self)  # which passes the text's words let fire (trigger_words.py)
        letter_matters.answered_claims(self)  # "your letter of D about T": the writer's side knew of T
        writer_findings.own_report_claims(self)  # "our letters dated D", "our report released yesterday"
        breach_meetings.meeting_claims(self)  # "a conference was held with you to discuss the violations"
        possessed_letters.document_claims(self)  # "your request dated D", "your FoI request": the addressee's
        letter_openers.opener_claims(self)  # "This letter refers to ...", "the enclosed Notice": the letter's own flows
        own_document.writer_claims(self)
        signed_authors.author_claims(self)  # the signatory wrote the letter it signed
        quoted_writers.author_claims(self)  # "X and Y sent a letter ... '...,' the senators wrote"
        testimony_openers.opener_claims(self)  # "I am pleased to submit this statement for the record"
        writer_requests.request_claims(self)  # "you requested that we examine": the requester commissioned this text
        citations.letter_claims(self, cited)
        front_matter.front_matter_claims(self)  # "Committee / Title / Date Published: 20 May 2022"
        author_fields.author_claims(self)  # "Author: Education Committee", "Prepared by: X": the line's party wrote it
        committee_reports.formula_claims(self)  # "Mr. X, from the Committee on Y, submitted the following REPORT"
        uk_papers.paper_claims(self)  # "Laid before Parliament by X", "Ordered by the House of Commons to be printed D"
        report_lists.list_claims(self)  # "Two reports have been published today. An X and a Y."
        historic_answers.member_claims(self)  # "asked the Secretary of State for X": the answerer is of its department
        written_answers.member_claims(self)  # "Answered by Ann Lee - Minister of State (Home Office)"
        offices.memberships(self)
        coordinated_members.member_claims(self)  # "A and B, Chairman and Ranking Member of X,"
        title_phrase_members.member_claims(self)  # "Chair of the X Committee Ann Lee (D-OR)"
        release_staff.staff_claims(self)  # "said Senior Counsel Ann Lee" in a body's own release: its official
        discloser_bodies.discloser_claims(self)  # "a whistleblower with X", "the whistleblower, a former analyst at X"
        document_frame.frame_claims(self)
        referrals.answered_referrals(self)  # the report sent back to the referrer: commissioned by it
        agency_studies.author_claims(self)  # "The DOL investigation substantiated ...": the agency's study
        agency_studies.linked_findings(self)  # "The agency [substantiated](...)": the agency's linked report
        authored_studies.commissioned_by_referrals(self)  # "referred ... for investigation": the investigation
        words.gated(directed_studies.commissioned_studies, self)  # "directed HHS to review": the study that answered
        teasers.drop_repeated_teaser_claims(self)  # a release's opening line the lede says again
        letter_openers.sent_to_you_claims(self)  # "the reports were sent to you on D": by the writer
        numbered_flows.sent_by_writer_claims(self)  # "Inspection Report 98-02, sent to you on D"
        numbered_flows.bill_claims(self)  # "her introduction of S. 680", "considered S. 870"
        learned_relations.add_claims(self)  # pairs the rules left unlinked, when the classifier is on
        self._mention_claims()
        debate_turns.mention_speakers(self)  # "Mr. Farr" on his own line: a party to the debate
        own_titles.name_own_document(self)  # also called by its title's parts: "GAO-14-177R", "Learning from Bristol"
        return Extraction(list(self.nodes.values()), self.claims)

    # -- resolution -------------------------------------------------------------------------
    def _collect_context(self) -> None:
        for mention in self.parse.mentions:
            if mention.kind == "place":
                key = name_key(mention.text)
                self.ctx.place_counts[key] += 1
                self.place_names.setdefault(key, mention.text)
        for mention in self.parse.mentions:
            if mention.kind == "agency":
                mention.node = self.x.resolver.agency(mention.text, self.ctx, mention.ent_id)
                prefix = national_prefixes.prefix_before(self.parse.docs[mention.doc_index], mention.start)
                mention.node = national_prefixes.with_national_forms(mention.node, mention.text, prefix)
                self.ctx.add_body(mention.node, self.x.gazetteer, mention.sentence)
                if mention.node.id in self.x.gazetteer.bodies or names_a_body(mention.node.name):
                    self.add_node(mention.node)  # a named body is a node of the graph even when no claim uses it
            elif mention.kind == "person":
                name = people.person_name(self.parse, mention)
                if len(name.split()) >= 2:
                    self.ctx.add_person(name)

    def _resolve_people(self) -> dict[int, Node]:
        """People with their roles; returns the role mentions their titles used (id -> the person)."""
        used_roles: dict[int, Node] = {}
        designations = peerages.territorial_names(self.document.text)  # "Lord Bassam of Brighton"
        mentioned = [m for m in self.parse.mentions if m.kind == "person"]
        people_written = [" ".join(m.text.split()) for m in mentioned]
        for mention in mentioned:
            facts = people.person_facts(self.parse, mention)
            before = self.parse.docs[mention.doc_index][mention.start - 1].text if mention.start else ""
            name = peerages.peer_name(facts.name, mention.text, before, designations)
            written = " ".join(mention.text.split())  # "Rep  Darrell Issa": a blanked full stop
            node = self.x.resolver.person(name, self.ctx, written)
            scope = self.document.source_id
            node = node and titled_names.surname_node(node, name, written, scope)  # "Ranking Member Collins"
            node = node and surname_people.honorific_surname_node(node, written, people_written, scope)  # "Mr. Collins"
            if node is None or non_entities.unbacked_lone_name(facts, node, self.parse, mention):
                continue  # "after Questions", "the Bill": a lone word no full name, title or role backs
            if facts.alias:
                node.aliases = sorted({*node.aliases, facts.alias})
            if facts.role:
                node.props["role"] = facts.role
            mention.node = self.add_node(node)
            members: set[str] = set()
            for body_mention in facts.role_mentions:
                used_roles[id(body_mention)] = mention.node
                body = self._role_body(body_mention)
                if body_mention.kind == "role" and body is not None:
                    self.role_holders.setdefault((name_key(body_mention.text), body.id), set()).add(mention.node.id)
                if body is not None and body.id not in members:
                    members.add(body.id)
                    self._member_of(
                        mention, body, facts.member_role if body_mention.kind != "role" else facts.role, 0.85
                    )
            for body in facts.affiliations:
                if body.node is not None and body.node.id not in members:
                    members.add(body.node.id)
                    self._member_of(mention, body.node, facts.role, 0.7)
            if not members and facts.owner_words:  # "the Forum's secretary, Idris Pemberton"
                owner = self._owner_body(facts.owner_words[0], mention.sentence)
                if owner is not None:
                    members.add(owner.id)
                    self._member_of(mention, self.add_node(self.x.resolver.body_node(owner)), facts.member_role, 0.7)
            if not members and facts.role:  # "Special Counsel Ann Lee": the "Office of Special Counsel" the text names
                title = set(name_key(facts.role).split()) - {"the", "of", "for", "and"} - LEX.office_qualifiers
                office = (
                    self.ctx.latest_body(
                        lambda b: len(title) >= 2 and title < set(name_key(b.name).split()), mention.sentence
                    )
                    if len(title) >= 2
                    else None
                )
                if office is not None and (mention.node.id, office.id) not in self.councillors:
                    members.add(office.id)  # cited once, at the title's first mention ("Special Counsel Ann Lee")
                    self.councillors.add((mention.node.id, office.id))
                    self._member_of(mention, self.add_node(self.x.resolver.body_node(office)), facts.role, 0.7)
            before = None if members else titled_names.body_before_title(self.parse, mention.doc_index, mention)
            if before is not None and before.node is not None:  # "EPA Administrator Ray Moss"
                members.add(before.node.id)
                self._member_of(mention, before.node, facts.role, 0.7)
            if not members and facts.role and facts.role.split()[0].lower() in LEX.council_titles:
                council = self.x.resolver.context_body("council", self.ctx, mention.sentence)  # "Councillor Ann Hale"
                if council is not None and (mention.node.id, council.id) not in self.councillors:
                    self.councillors.add((mention.node.id, council.id))
                    self._member_of(mention, self.add_node(self.x.resolver.body_node(council)), "councillor", 0.7)
        return used_roles

    def _resolve_speaker(self) -> None:
        """The person a statement or letter speaks as: the same node as their named mentions."""
        name = speaker.document_speaker(self.document.text)
        if name:
            node = self.x.resolver.person(name, self.ctx, name)
            self.speaker = self.add_node(node) if node is not None else None
        self._resolve_addressee()
        block = speaker.signature_block(self.document.text)
        if self.speaker is not None and self.speaker_body is None:
            self.speaker_body = self._only_body_of(self.speaker)
        if block is None or self.speaker is None:
            return
        for mention in (m for m in self.parse.mentions if m.kind == "agency" and m.node is not None):
            doc = self.parse.docs[mention.doc_index]
            start = self.parse.offsets[mention.doc_index] + doc[mention.start].idx
            if block[0] <= start < block[1]:
                self.speaker_body = self.add_node(mention.node)
                signed = [
                    m
                    for m in self.parse.mentions
                    if m.kind == "person"
                    and m.node is not None
                    and m.node.id == self.speaker.id
                    and mention.sentence - SIGNATURE_SPAN <= m.sentence <= mention.sentence
                ]
                speaker_mention = signed[-1] if signed else None
                if (
                    speaker_mention is not None
                ):  # "Yours sincerely, / Ann Lee / Information Officer / Harbour Water Authority"
                    self._member_of(speaker_mention, self.speaker_body, None, 0.8, evidence=mention.sentence)
                return

    def _only_body_of(self, person: Node) -> Node | None:
        """The one body the text makes a person a member of ("Statement of Ann Lee, Director, Harbour
        Water Authority"): who that person's "we" is. None for none or several."""
        bodies = {c.to_id for c in self.claims if c.type == "MEMBER_OF" and c.from_id == person.id}
        return self.nodes.get(next(iter(bodies))) if len(bodies) == 1 else None

    def _resolve_addressee(self) -> None:
        """The salutation's addressee as a Person: "Dear Chairman Issa" is the Darrell E. Issa the text
        names; "Mr. Chairman" (no name) an office holder scoped to this document."""
        found = coref.addressee(self.document.text)
        if found is None:
            return
        name = found.name
        if name and not found.titled and len(name.split()) == 1:  # "Dear David,": only a full name the text gives
            full = {n for names in self.ctx.full_names.values() for n in names if n.split()[0] == name}
            name = next(iter(full)) if len(full) == 1 else None
            if name is None:
                return
        node = self.x.resolver.person(name, self.ctx, found.surface) if name else None
        node = node or addressee_block.addressee_in_block(
            self, found
        )  # "Dear Mr. Chairman:" under "Frank Lee / Chairman"
        if node is None and found.role:
            role = found.role[:1].upper() + found.role[1:]
            node = Node(
                node_id("Person", f"{role} {self.document.source_id.split(':')[-1]}"),
                "Person",
                role,
                [found.surface],
                {"role": role},
            )
        if node is not None:
            self.addressee, self.salutation = self.add_node(node), found

    def _owner_body(self, word: str, sentence: int):
        """The body a possessor in a role phrase stands for: "the Forum's" / "the authority's" -> the
        body named last whose name or kind has that word."""
        return self.ctx.latest_body(
            lambda b: word in name_key(b.name).split() or word in (b.kind or "").split(), sentence
        )

    def _role(self, mention: Mention) -> Role | None:
        """The gazetteer role, or an office read off its shape: "Secretary of State for X", "Minister for X"."""
        role = self.x.gazetteer.role(mention.text)
        if role is None and _OFFICE_FOR.match(mention.text):
            role = Role(mention.text, None, "office")
        return role

    def _role_body(self, mention: Mention) -> Node | None:
        if mention.kind in ("agency", "generic"):  # "NSPCC chief executive", "the council's director"
            return mention.node
        role = self._role(mention)
        if role is None:
            return None
        if role.context == "office":  # the department of that portfolio the text names
            portfolio = set(name_key(_OFFICE_FOR.match(mention.text).group(1)).split()) - {"the", "and", "of", "for"}
            body = self.ctx.latest_body(
                lambda b: b.kind == "government department" and portfolio <= set(name_key(b.name).split()),
                mention.sentence,
            )
        elif role.body_id:
            body = self.x.gazetteer.bodies.get(role.body_id)
            if body and body.id not in self.ctx.bodies and not self._proper_title(mention):
                body = None  # "a former chief inspector of constabulary": a description, not the office of a body the text names
        else:
            body = self.x.resolver.context_body(role.context or "", self.ctx, mention.sentence)
        return self.x.resolver.body_node(body) if body else None

    def headless_unit(self, body: Node) -> bool:
        """A programme area written as a body (`headless_units`), unless the gazetteer or an acronym names it."""
        known = body.id in self.x.gazetteer.bodies or body.name in self.ctx.acronyms.values()
        return headless_units.headless_unit(body.name, known)

    def _proper_title(self, mention: Mention) -> bool:
        """ "Home Secretary Sajid Javid" / "the Home Secretary": a capitalised, current, definite title."""
        doc = self.parse.docs[mention.doc_index]
        span = doc[mention.start : mention.end]
        before = {t.lower_ for t in doc[max(span.sent.start, mention.start - 2) : mention.start]}
        return any(t.is_title for t in span) and not before & {"a", "an", "former", "ex", "then", "retired"}

    def _resolve_roles(self, used: dict[int, Node]) -> None:
        """A title refers to the person it names ("the permanent secretary, Ana Ruiz"), else to the one
        person the text gave that title at that body, else to an unnamed office holder (a Person named by
        the office, MEMBER_OF the office's body, cited at the office's first mention)."""
        members: dict[
            tuple[str, str], tuple[Mention, bool]
        ] = {}  # (holder, body) -> the mention to cite, body written beside it
        for mention in [m for m in self.parse.mentions if m.kind == "role"]:
            role = self._role(mention)
            body = self._role_body(mention)
            if role is not None and body is None and not role.collective:
                named = titled_holders.named_holder(self.nodes, role.phrase)  # "President Ann Lee ... the President"
                mention.node, mention.confidence = (named, 0.75) if named else (self._unplaced_holder(role), 0.8)
                continue
            if role is None or body is None:
                continue
            self.add_node(body)
            holders = self.role_holders.get((name_key(mention.text), body.id), set())
            if role.collective:
                mention.node, mention.confidence = body, 0.8 if role.context else 0.9
            elif id(mention) in used:
                mention.node, mention.confidence = used[id(mention)], 0.85
            elif len(holders) == 1:
                mention.node, mention.confidence = self.nodes[next(iter(holders))], 0.75
            else:
                holder = role.phrase[:1].upper() + role.phrase[1:]
                aliases = (
                    []
                    if name_key(body.name) in name_key(holder)
                    else [f"{body.name} {holder}", f"{holder} of {body.name}"]
                )
                mention.node = self.add_node(
                    Node(
                        node_id("Person", f"{holder} of {body.name}"),
                        "Person",
                        holder,
                        aliases,
                        {"role": f"{holder}, {body.name}"},
                    )
                )
                mention.confidence = 0.8
                alone = (
                    len(
                        [
                            t
                            for t in self.parse.docs[mention.doc_index][mention.start : mention.end].sent
                            if not t.is_punct and not t.is_space
                        ]
                    )
                    <= mention.end - mention.start
                )
                beside = self._names_body_beside(mention, body)
                # an office of a body the text names (by the office's own name, or beside it when the body comes
                # from context), not a signature's title line: its holder belongs to that body
                if body.id in self.ctx.bodies and not alone and (beside or role.body_id):
                    key = (mention.node.id, body.id)
                    if key not in members or beside and not members[key][1]:
                        members[key] = (mention, beside)
        for (_, body_id), (
            mention,
            _,
        ) in members.items():  # cited where the text writes the body beside the office, else first
            self._member_of(mention, self.nodes[body_id], self._role(mention).phrase, 0.75)

    def _unplaced_holder(self, role: Role) -> Node:
        """ "the minister" with no body the text names: the office's holder in this document only (its id is
        scoped to the source), so two texts' unnamed ministers are never taken for one person."""
        holder = role.phrase[:1].upper() + role.phrase[1:]
        return Node(
            node_id("Person", f"{holder} {self.document.source_id.split(':')[-1]}"),
            "Person",
            holder,
            [],
            {"role": holder},
        )

    def _names_body_beside(self, mention: Mention, body: Node) -> bool:
        """ "the Home Office Permanent Secretary", "the Permanent Secretary of the Home Office", "the department's
        Permanent Secretary": the office's body written next to it."""
        doc = self.parse.docs[mention.doc_index]
        near = [
            doc[i]
            for i in (mention.start - 1, mention.start - 2, mention.end, mention.end + 1, mention.end + 2)
            if 0 <= i < len(doc)
        ]
        return any(
            (m := self.parse.at(mention.doc_index, t)) is not None and m.node is not None and m.node.id == body.id
            for t in near
        )

    def _resolve_generic(self) -> None:
        for mention in [m for m in self.parse.mentions if m.kind == "generic"]:
            body = self.x.resolver.context_body(
                mention.context or "", self.ctx, mention.sentence
            ) or agency_studies.the_agency(self, mention)  # "the agency": the department the release names
            if body is not None:
                mention.node = self.x.resolver.body_node(body, mention.text if mention.context == "council" else None)
            else:
                self.parse.remove(mention)

    def _resolve_topics(self) -> None:
        for mention in [m for m in self.parse.mentions if m.kind == "topic"]:
            long_form = self.ctx.acronyms.get(mention.text) or self.x.gazetteer.topics.get(mention.text)
            if long_form:
                mention.node = Node(node_id("Topic", long_form), "Topic", long_form, [mention.text])

    def _senders(self) -> None:
        """Name each piece of correspondence's sender ("a letter from X"), so letters from different
        senders stay different documents and a letter is named after who sent it."""
        for report in self.reports:
            noun = reports.correspondence_noun(report.lemma)
            if noun is None or report.determiner == "named":
                continue
            writer = (
                _fronted_writer(report.head) if not report.modifiers else None
            )  # "In an email dated ..., X told Y": X's email
            owners = [c for c in report.head.children if c.dep_ == "poss" and c.lower_ not in LEX.possessive_pronouns]
            candidates = [
                *reports.correspondents(report.head, LEX.document(noun).preps("sender"), sender=True),
                *([writer] if writer is not None else []),
                *owners,
            ]
            for token in dict.fromkeys(candidates):
                found = self._party_names(report.mention.doc_index, [token])
                if found:
                    report.sender = found[0]
                    break
            sending, addressees = reports.sending_parties(report.head)  # "X sent a letter to Y"
            report.sent_by = next(iter(self._party_names(report.mention.doc_index, sending)), None)
            addressees += reports.correspondents(report.head, LEX.document(noun).preps("recipient"))
            report.recipient = next(iter(self._party_names(report.mention.doc_index, addressees)), None)
        for report in self.reports:  # "X published a report ... Y sent its annual report": two owners' documents
            doers = document_owners.doer_tokens(report)
            report.made_by = next(iter(self._party_names(report.mention.doc_index, doers)), None) if doers else None

    def _party_names(self, doc_index: int, tokens: list[Token]) -> list[str]:
        """The names of the bodies and people the tokens refer to, in order."""
        return [r.node.name for t in tokens for r in self.refs(doc_index, t) if r.node.label in ("Agency", "Person")]

    def add_node(self, node: Node) -> Node:
        """The document's node for `node.id`, with this sighting's aliases and properties merged in (the
        passes in other modules add their nodes through this)."""
        known = self.nodes.get(node.id)
        self.nodes[node.id] = known.merged_with(node) if known else node
        return self.nodes[node.id]

    # -- references ---------------------------------------------------------------------------
    def refs(self, doc_index: int, token: Token) -> list[relations.Ref]:
        found: dict[str, relations.Ref] = {}
        for t in relations.coordinated(token):
            if t is not token and not coordination.same_clause(token, t):
                continue
            for ref in self._refs_one(doc_index, t):
                found.setdefault(ref.node.id, ref)
        mention = self.parse.at(doc_index, token)
        if found and mention is not None:  # "A, B and C" the parser did not read as one list
            doc = self.parse.docs[doc_index]
            for other in coordination.conjuncts(self.parse, doc_index, mention):
                if not coordination.same_clause(token, doc[other.end - 1]):
                    continue  # "sent it to A, and B criticised it": B is the next clause's subject
                for ref in self._refs_one(doc_index, doc[other.end - 1]):
                    found.setdefault(ref.node.id, ref)
        return list(found.values())

    def _refs_one(self, doc_index: int, token: Token) -> list[relations.Ref]:
        if self._is_this_document(token):
            return [relations.Ref(self._document_report(token), 0.8, token)]
        mention = self.parse.at(doc_index, token)
        holder = detached_names.detached_holder(token) if mention is None or mention.kind == "role" else None
        if holder is not None and (named := self._refs_one(doc_index, holder)):
            return named  # "to the chair of X, Professor Ann Lee, under cover of": the parser hung the name apart
        if mention is not None and mention.kind == "agency":
            mention = titled_names.titled_holder_after(self.parse, doc_index, mention) or mention
        if mention is not None:
            return [relations.Ref(self.add_node(mention.node), mention.confidence, token)] if mention.node else []
        lower = token.lower_
        named = [r for c in token.children if c.dep_ == "appos" for r in self._refs_one(doc_index, c)]
        if named and token.pos_ in ("NOUN", "PROPN"):  # "the council's chief executive, Rob Tay, received ..."
            return named
        if token.lemma_.lower() in LEX.findings and token.pos_ == "NOUN":  # "its findings", "the review's conclusions"
            owners = [c for c in token.children if c.dep_ == "poss"] + relations.prep_objects(token, {"of"})
            found = [r for o in owners for r in self.refs(doc_index, o) if r.node.label == "Report"]
            if found or owners and not all(o.lower_ in ("its", "their") for o in owners):
                return [relations.Ref(r.node, min(r.confidence, 0.75), token) for r in found]
            sentence = self.parse.sentence_of(doc_index, token).index
            report = reports.pronoun_report(self.reports, sentence, token.i, doc_index)
            return (
                [relations.Ref(self.add_node(report.mention.node), PRONOUN_CONFIDENCE, token)]
                if report and report.mention.node
                else []
            )
        if token.lemma_.lower() in LEX.wrapper_nouns and token.pos_ == "NOUN":  # "a copy of / a version of the report"
            of = relations.prep_objects(token, {"of"})
            if of:
                return [r for o in of for r in self.refs(doc_index, o) if r.node.label == "Report"]
        if token.lemma_.lower() == "copy" and token.pos_ == "NOUN":  # "received a copy": of the report last named
            sentence = self.parse.sentence_of(doc_index, token).index
            report = reports.pronoun_report(self.reports, sentence, token.i, doc_index) or self._salient_report()
            return (
                [relations.Ref(self.add_node(report.mention.node), PRONOUN_CONFIDENCE, token)]
                if report and report.mention.node
                else []
            )
        if token.lemma_.lower() in LEX.staff_nouns:  # "officials at the Home Office", "council officers"
            bodies = [
                r
                for c in token.children
                for o in (
                    [c]
                    if c.dep_ in ("compound", "poss")
                    else relations.children_of(c, "pobj")
                    if c.dep_ == "prep" and c.lower_ in ("at", "in", "from", "of")
                    else []
                )
                for r in self.refs(doc_index, o)
                if r.node.label == "Agency"
            ]
            return [relations.Ref(r.node, min(r.confidence, 0.75), token) for r in bodies]
        if token.tag_ in ("WDT", "WP") and token.head.dep_ in ("relcl", "acl"):
            antecedent = token.head.head
            if antecedent.dep_ == "pobj" and (antecedent.ent_type_ == "DATE" or antecedent.like_num):
                antecedent = antecedent.head.head
            return [relations.Ref(r.node, min(r.confidence, 0.85), r.token) for r in self.refs(doc_index, antecedent)]
        if lower in LEX.first_person and token.pos_ == "PRON" and not self._quoted(doc_index, token):
            speaker_now = debate_turns.speaker_at(self, doc_index, token) or self.speaker  # a debate's turn first
            if speaker_now is not None:
                return [relations.Ref(speaker_now, 0.8, token)]
        if (
            lower in LEX.first_person_plural
            and token.pos_ == "PRON"
            and self.speaker_body is not None
            and not self._quoted(doc_index, token)
        ):
            return [relations.Ref(self.speaker_body, 0.75, token)]
        if (
            lower in LEX.second_person
            and token.pos_ == "PRON"
            and self.addressee is not None
            and not self._quoted(doc_index, token)
        ):
            return [relations.Ref(self.addressee, 0.75, token)]  # "Dear Chairman Issa: ... your letter"
        sentence = self.parse.sentence_of(doc_index, token).index
        if lower == "one":  # "I have received one, too": one of the letters just named
            return one_of_many.refs(self, doc_index, token, sentence)
        if lower in LEX.report_pronouns and token.pos_ == "PRON":
            if token.dep_ == "nsubj" and token.head.lemma_.lower() in LEX.receiving_verbs:
                return self._body_pronoun(doc_index, token, plural=False)  # "information it had received": a body
            report = reports.pronoun_report(self.reports, sentence, token.i, doc_index)
            if report and report.mention.node:
                return [relations.Ref(self.add_node(report.mention.node), PRONOUN_CONFIDENCE, token)]
            return self._body_pronoun(doc_index, token, plural=False)
        if lower in LEX.plural_pronouns and token.pos_ == "PRON":
            return self._body_pronoun(doc_index, token, plural=True)
        if lower in LEX.person_pronouns and token.pos_ == "PRON":
            people_before = [
                m
                for m in self.parse.mentions
                if m.kind == "person"
                and m.node
                and sentence - 1 <= m.sentence <= sentence
                and (m.sentence < sentence or m.start < token.i)
            ]
            if people_before:
                latest = max(people_before, key=lambda m: (m.sentence, m.start))
                return [relations.Ref(latest.node, PRONOUN_CONFIDENCE, token)]
        return []

    def _body_pronoun(self, doc_index: int, token: Token, plural: bool) -> list[relations.Ref]:
        """ "It" / "they" as an actor: the body the nearest preceding clause has as its subject (coref.py)."""
        if token.dep_ not in coref.SUBJECT_DEPS and not (
            token.dep_ == "poss" and token.lower_ in LEX.possessive_pronouns
        ):
            return []  # "sent it to", "told them": an object pronoun is a document or unknown, not read here
        mention = coref.body_antecedent(self.parse, doc_index, token, plural)
        if mention is None:
            return []
        return [relations.Ref(self.add_node(mention.node), min(mention.confidence, PRONOUN_CONFIDENCE), token)]

    def _salient_report(self) -> reports.ReportMention | None:
        """A mention of the report the text is most about (most mentions)."""
        clusters = {id(r.cluster): r.cluster for r in self.reports if r.cluster}
        best = max(clusters.values(), key=lambda c: c.salience, default=None)
        return best.mentions[0] if best else None

    def topic(self, doc_index: int, token: Token, sentence: int) -> relations.Ref | None:
        mention = self.parse.at(doc_index, token)
        if mention and mention.kind == "report" and mention.node:
            return relations.Ref(mention.node, mention.confidence, token)
        if topics.is_anaphoric(token):
            recent = [n for s, n in self.topics_seen if s <= sentence]  # the topic the text last named
            if recent:
                return relations.Ref(
                    recent[-1],
                    0.6 if recent[-1] in [n for s, n in self.topics_seen if s >= sentence - 3] else 0.5,
                    token,
                )
        acronyms = {**self.x.gazetteer.topics, **self.ctx.acronyms}
        place = self.place_names.get(self.ctx.main_place or "")
        name = topics.topic_name(token, acronyms, place)
        if not name:
            return None
        aliases = [t.text for t in topics.topic_tokens(token) if t.text in acronyms]
        node = self.add_node(Node(node_id("Topic", name), "Topic", name, aliases))
        self.topics_seen.append((sentence, node))
        return relations.Ref(node, 0.9, token)

    # -- claims -------------------------------------------------------------------------------
    def _sentence_claims(self, sentence: Sentence) -> None:
        if sentence.heading:  # a headline's capitals mislead the parser, and the story under it says it again
            return
        d = sentence.doc_index
        refs = lambda t: self.refs(d, t)  # noqa: E731
        topic_of = lambda t: self.topic(d, t, sentence.index)  # noqa: E731
        dates = self._dates(sentence)
        words = trigger_words.of(self)
        gated = words.gated  # a pass whose trigger words the text lacks is not run: it draws nothing
        read = _CLAUSE_POS | {
            pos for pos, reader in _WORD_POS.items() if words.fires(reader)
        }  # a noun or adjective is read only when its one pass can fire on this text
        span = sentence.span
        doc = span.doc
        for i, pos in enumerate(doc.to_array(POS)[span.start : span.end].tolist(), span.start):
            if pos not in read:
                continue  # no pass reads this part of speech: no Token made for it
            token = doc[i]
            raw = []
            if pos in _CLAUSE_POS:
                raw += relations.verb_claims(token, refs, topic_of)
                raw += gated(relations.archive_claims, token, refs)
                raw += gated(relations.membership_claims, token, refs)
                raw += gated(chaired_by.passive_claims, self, token, refs)  # "the X Inquiry chaired by Sir Ann Lee"
                raw += gated(self._written_to, sentence, token, refs)
                raw += gated(announcements.publication_claims, token, refs)  # "announced the release of X"
                raw += gated(announcements.commissioning_claims, token, refs)  # "announce the setting up of X"
                # "referred the allegations to Y": a referral
                raw += gated(referrals.referral_claims, self, token, refs, dates)
                raw += gated(public_filing.publication_claims, token, refs)  # "filed X in its public file"
                raw += gated(filed_complaints.filing_claims, token, refs)  # "EPA filed administrative complaints"
                raw += gated(reported_to.report_claims, self, token, refs)  # "the agency reported to OSC that ..."
                # "X issued the following statement"
                raw += gated(following_statements.statement_claims, self, token, refs)
                raw += gated(linked_letters.letter_claims, self, token, refs)  # "OSC [alerted](...) the President"
                # "sent a letter to X notifying them of T"
                raw += gated(letter_tellings.telling_claims, token, refs, topic_of)
                # "sent letters to X alerting them that ..."
                raw += gated(told_matters.letter_claims, self, token, refs)
                raw += letter_matters.sent_claims(self, d, token, refs, topic_of)  # "sent X to Y regarding T"
                raw += gated(letter_matters.told_claims, token, refs, topic_of)  # "informed Y of the report's release"
                # "we found that X", "we issued a report": the writer's own findings and reports
                raw += gated(writer_findings.verb_claims, self, d, token, refs, topic_of)
                # "violations were identified"
                raw += gated(regulator_findings.verb_claims, self, d, token, refs, topic_of)
                # "brought T to Y's attention"
                raw += gated(brought_attention.attention_claims, self, token, refs, topic_of)
                # "the whistleblower's allegations"
                raw = gated(disclosed_matters.matter_claims, self, token, refs, raw, unfired=raw)
                raw += gated(told_matters.teller_claims, self, token, raw)  # "A whistleblower notified OSC of T"
            elif pos == _NOUN:
                raw += gated(relations.nominal_knowledge, token, refs, topic_of)
            elif pos == _ADJ:
                raw += gated(relations.aware_claims, token, refs, topic_of)
            if not raw:
                continue  # most words draw nothing
            raw += sent_reports.authored_by_sender(raw)  # "the VA ... sent a report to OSC": the VA wrote it
            for claim in raw:
                self._add(claim, sentence, dates)
        for report in self.reports:
            if report.mention.sentence == sentence.index:
                self._publication_date(report, dates)
                for claim in self._report_phrase_claims(report, refs):
                    self._add(claim, sentence, dates)

    @triggered_by(relations.letter_lemmas)  # `written_letters.parties` reads those frames only
    def _written_to(self, sentence: Sentence, verb: Token, refs) -> list[relations.RawClaim]:
        """ "X wrote to Y" (a frame with `letter_to`): a letter from X (the same node as an explicit "letter
        from X"), sent by X, received by Y."""
        senders, recipients = written_letters.parties(verb, refs)
        if not senders:
            return []
        rule = f"{LEX.frames[verb.lemma_.lower()].lemma}.to"
        found = []
        for sender in senders:
            name = written_letters.letter_name(sender.node.name)
            letter = self.add_node(
                Node(
                    node_id("Report", f"{name} {self.document.source_id.split(':')[-1]}"),
                    "Report",
                    name,
                    ["letter"],
                    {"kind": "letter"},
                )
            )
            target = relations.Ref(letter, 0.75, verb)
            found.append(relations.RawClaim("SENT", sender, target, verb, min(0.75, sender.confidence), rule))
            if sender.node.label == "Person":
                found.append(relations.RawClaim("AUTHORED", sender, target, verb, min(0.75, sender.confidence), rule))
            found += [
                relations.RawClaim("RECEIVED", r, target, verb, min(0.75, r.confidence), rule + ".recipient")
                for r in recipients
            ]
        return found

    def _publication_date(self, report: reports.ReportMention, dates: list[tuple[int, int, DateValue]]) -> None:
        """ "until 2014, with the publication of the Jay report" / "the report, published in 2014": the report's date."""
        node, head = report.mention.node, report.head
        if node is None or node.props.get("date_start") or not dates:
            return
        anchor = None
        if head.dep_ == "pobj" and head.head.lower_ == "of" and head.head.head.lemma_.lower() in LEX.publication_events:
            anchor = next((a for a in head.head.head.ancestors if a.pos_ in ("VERB", "AUX")), None)
        for child in head.children:
            if child.dep_ == "acl" and child.lemma_.lower() in LEX.publishing_verbs:
                anchor = child
        if anchor is None or any(c.dep_ == "neg" for c in anchor.children):
            return
        date = relations.dates_for(anchor, dates, set())
        if date:
            self.nodes[node.id].props.update(date_start=date.start, date_end=date.end, date_precision=date.precision)

    def _report_phrase_claims(self, report: reports.ReportMention, refs) -> list[relations.RawClaim]:
        """Authorship read off the report's own noun phrase: "their report", "X's report", "a report by X"."""
        head, node = report.head, report.mention.node
        if node is None:
            return []
        target = relations.Ref(node, report.mention.confidence, head)
        found = fronted_reports.fronted_report_claims(report, target, refs)  # "In its report to Y, X did not ..."
        found += fronted_reports.fronted_issuer_claims(report, target, refs)  # "In the Order, EPA alleges ..."
        if presupposed_documents.phrase_is_hedged(head):  # a question presupposes "the Report of Mr. X"
            return found
        unfinished = unfinished_work.is_unfinished(head)  # "its ongoing investigation": no author of a finished work
        for child in head.children if not unfinished else ():
            if child.dep_ == "poss" and child.lower_ in LEX.possessive_pronouns:
                verb = next((a for a in head.ancestors if a.pos_ in ("VERB", "AUX")), None)
                if verb is not None and relations.is_negated_or_hedged(verb):
                    continue  # "a copy of my letter will also be placed in the Library": not yet written
                subjects = [s for s in (relations.subjects_of(verb) if verb is not None else []) if _agrees(child, s)]
                for subject in (r for s in subjects for r in refs(s)):
                    found.append(
                        relations.RawClaim(
                            "AUTHORED", subject, target, head, min(0.75, subject.confidence), "report.possessive"
                        )
                    )
            elif child.dep_ == "poss" or child.dep_ == "compound" and child.pos_ == "PROPN":
                for owner in refs(child):
                    found.append(
                        relations.RawClaim(
                            "AUTHORED",
                            owner,
                            target,
                            head,
                            min(0.8 if child.dep_ == "poss" else 0.6, owner.confidence),
                            f"report.{child.dep_}",
                        )
                    )
        frame = LEX.document(report.lemma)  # what "by", "from", "to" say: nominals.yaml
        correspondence = bool(frame.preps("sender") | frame.preps("recipient"))
        addressed = bool(reports.correspondents(head, frame.preps("recipient")))
        passed_on = head.dep_ == "dobj" and getattr(LEX.frames.get(head.head.lemma_.lower()), "claim", None) == "SENT"
        if correspondence and addressed and not passed_on:  # "forwarded X's letter to Y": "to Y" is the forwarding's
            # "X's email to Y", "the inspector's report to the minister": the owner sent it, when the flow
            # verb governing the phrase did ("was delivered in 2011"), else when the document is dated
            governor = next((a for a in head.ancestors if a.pos_ in ("VERB", "AUX")), head)
            anchor = governor if not report.date and governor.lemma_.lower() in LEX.frames else head
            if anchor is head or not relations.is_negated_or_hedged(anchor):
                for child in (c for c in head.children if c.dep_ == "poss" and c.lower_ not in LEX.possessive_pronouns):
                    named = (
                        report.cluster.sender if report.cluster else None
                    )  # "the charity's letter", a letter from its officer
                    for owner in (
                        r for r in refs(child) if r.node.label in ("Agency", "Person") and named in (None, r.node.name)
                    ):
                        found.append(
                            relations.RawClaim(
                                "SENT", owner, target, anchor, min(0.75, owner.confidence), "report.possessive.sent"
                            )
                        )
        found += possessors.passive_sender(report, target, refs)  # "X's report was sent to Y"
        governor = head.head if head.dep_ == "dobj" else None  # "the report by X was published": X wrote it
        misattached = (
            governor is not None
            and any(c.dep_ == "auxpass" for c in governor.children)
            and not any(c.dep_ == "agent" for c in governor.children)
        )
        authors = frame.preps("author") - (
            {"by"} if misattached else set()
        )  # "was given the report by X": X is the verb's agent, not the author
        for author in (r for o in relations.prep_objects(head, authors) for r in refs(o)):
            if author.node.label in ("Agency", "Person") and not unfinished:
                found.append(
                    relations.RawClaim("AUTHORED", author, target, head, min(0.8, author.confidence), "report.by")
                )
        found += body_reports.of_body_authors(report, target, refs, found)  # "the report of the X Committee"
        found += framed_documents.taken_claims(head, target, refs)  # "X has taken legal advice from Y"
        found += receipt_phrases.receipt_claims(head, target, refs)  # "X is in receipt of the letters"
        if correspondence:  # "a letter from X to Y": X sent it (and, a person, wrote it); Y received it
            # dated by its own date ("a letter ... on 2 July") else by the clause it is in
            anchor = head if report.date else next((a for a in head.ancestors if a.pos_ in ("VERB", "AUX")), head)
            if anchor is not head and relations.is_negated_or_hedged(anchor):
                return found
            senders = {
                r.node.id: r
                for o in reports.correspondents(head, frame.preps("sender"), sender=True)
                for r in refs(o)
                if r.node.label in ("Agency", "Person") and not apposed_titles.is_apposed_conjunct(r.token)
            }
            senders = office_bodies.without_holders_bodies(senders)  # "from the Clerk, X Committee": the Clerk
            writer = (_fronted_writer(head) or _trailing_writer(head)) if report.lemma in LEX.correspondence else None
            if writer is not None and not senders and _own_or_unowned(head, writer):
                # "In an email to Y, X warned that ...", "In her letter of 6 May, X said": the letter is X's
                senders = {r.node.id: r for r in refs(writer) if r.node.label in ("Agency", "Person")}
            for sender in senders.values():
                found.append(
                    relations.RawClaim("SENT", sender, target, anchor, min(0.8, sender.confidence), "report.from")
                )
                if sender.node.label == "Person":
                    found.append(
                        relations.RawClaim(
                            "AUTHORED", sender, target, anchor, min(0.75, sender.confidence), "report.from"
                        )
                    )
            addressees = [
                o for o in reports.correspondents(head, frame.preps("recipient")) if writer is None or o.i != writer.i
            ]
            if (
                writer is not None
                and senders
                and not addressees
                and (
                    LEX.frames.get(writer.head.lemma_.lower(), None) is not None
                    and LEX.frames[writer.head.lemma_.lower()].tells
                    or writer.head.lemma_.lower() in LEX.letter_addressing_verbs
                )
            ):  # "In a letter, X told Y that ...", "X urged Y in a letter to ...": Y received it
                addressees = relations.children_of(writer.head, "dobj", "dative")
            for o in addressees:
                for recipient in refs(o):
                    if recipient.node.label in ("Agency", "Person") and not apposed_titles.is_apposed_conjunct(
                        recipient.token
                    ):  # "to Ann Lee, Director, Northshire Police": her title and body are hers
                        found.append(
                            relations.RawClaim(
                                "RECEIVED", recipient, target, anchor, min(0.8, recipient.confidence), "report.to"
                            )
                        )
        return found

    def _dates(self, sentence: Sentence) -> list[tuple[int, int, DateValue]]:
        """The sentence's DATE spans as intervals. "later that year" counts from the last date the text
        gave; "between 2000 and 2014" is read whole when NER labelled only its last year."""
        spans = []
        span = sentence.span
        for ent in self._doc_dates(span.doc, sentence.doc_index):
            if ent.start < span.start or ent.end > span.end:
                continue  # `Span.ents`: the entities wholly inside the sentence
            start, doc = ent.start, ent.doc
            if (
                start >= 3
                and doc[start - 1].lower_ in ("and", "to")
                and doc[start - 3].lower_ in ("between", "from")
                and doc[start - 2].like_num
            ):
                start -= 3
            end = ent.end
            if end < len(doc) and doc[end].lower_ == "last" and ent.end - ent.start == 1:
                end += 1  # Hansard's "in June last": the latest June before the sitting
            text = doc[start:end].text
            value = parse_date(text, self.published, self.precision) or anaphoric_date(text, self.last_date)
            if value:
                spans.append((start, end, value))
                self.last_date = value
        return spans

    def _doc_dates(self, doc: Doc, doc_index: int) -> list[Span]:
        """The DATE entities of a chunk, built once: `Span.ents` rebuilds every entity of the whole chunk
        for each sentence. Read only after `detect_reports`, the last pass that changes a chunk's entities."""
        cached = self._date_entities.get(doc_index)
        if cached is not None and cached[0] is doc:
            return cached[1]
        found = [ent for ent in doc.ents if ent.label_ == "DATE"]
        self._date_entities[doc_index] = (doc, found)
        return found

    def _add(self, raw: relations.RawClaim, sentence: Sentence, dates: list[tuple[int, int, DateValue]]) -> None:
        edge = SCHEMA.edges[raw.type]
        if raw.subject.node.label not in edge.from_labels or raw.object.node.label not in edge.to_labels:
            return
        if raw.subject.node.id == raw.object.node.id:
            return
        exclude: set[int] = set()
        for ref in (raw.subject, raw.object):
            if ref.node.label == "Report":  # the report's own date is not the date of what happened to it
                own = {t.i for t in ref.token.subtree}
                exclude |= own - {t.i for t in raw.verb.subtree} if raw.verb.i in own else own
        date = relations.dates_for(raw.verb, dates, exclude) if raw.verb.pos_ in ("VERB", "AUX", "ADJ") else None
        if date is None and raw.verb.pos_ in ("VERB", "AUX"):
            date = relations.opening_date(raw.verb, [d for d in dates if d[0] not in exclude])
        if date is None and raw.verb.pos_ in ("VERB", "AUX"):  # "X wrote to Y and warned Z in May 2014"
            date = shared_dates.coordinated_verb_date(raw.verb, dates, exclude)
        if date is not None:
            date = done_by_publication(date, self.published, self.precision)  # "in June" in February: last June
        borrowed = False
        denied = raw.polarity == relations.NEGATED  # "never received it": the denial has no date to borrow
        if date is None and denied:
            pass
        elif date is None and raw.type in ("SENT", "RECEIVED", "AUTHORED") and self._is_this_document(raw.object.token):
            date = self._document_date()  # "I am copying this letter to X": sent when the letter was
        if date is None and not denied and raw.type in ("SENT", "RECEIVED", "AUTHORED", "PUBLISHED"):
            date = self._report_date(raw.object.node)
            borrowed = date is not None
        if date is None and not denied and (self.precision or "day") in ("day", "month"):
            # the sentence gives none: a document dated to the day or month (a letter, memo, press release,
            # statement) records acts of its day or month, at the latest. A text dated to its year gives its
            # year only after scoring (late_dates.refine), so the scorer still reads those claims as undated.
            date = self._document_date()
        self.add_node(raw.subject.node)
        self.add_node(raw.object.node)
        confidence, extractor = scoring.score(self, raw, sentence, borrowed)  # the evidence kinds: confidence.py
        confidence, extractor = learned_hook.rescore(self, raw, sentence, date, borrowed, confidence, extractor)
        lead = confidence < scoring.LEAD_THRESHOLD
        document_date = self._document_date() if date is None else None  # only an undated claim may take it
        date = late_dates.refine(raw, date, dates, document_date, denied, lead)  # after scoring: late_dates
        self.claims.append(
            self._claim(
                raw.type, raw.subject.node.id, raw.object.node.id, sentence, confidence, extractor, date, raw.role
            )
        )
        if denied:
            self.claims[-1] = dataclasses.replace(self.claims[-1], polarity=relations.NEGATED, id="")

    def _is_this_document(self, token: Token) -> bool:
        """ "this letter" / "this e-mail" in a document with a speaker, "this statement" / "this response"
        in a signed or addressed one: the document itself."""
        lemma = token.lemma_.lower()
        if lemma not in LEX.correspondence and lemma not in LEX.document_nouns and lemma not in LEX.own_documents:
            return False  # no document noun: checked first, as it is cheaper than the children
        if token.pos_ not in ("NOUN", "PROPN"):
            return False
        if own_titles.self_reference(self, token):  # "this report" in a document its title calls a report
            return True
        if letter_layout.writers_own_reply(self, token):  # "our response" in an addressed reply: this one
            return True
        if not any(c.dep_ == "det" and c.lower_ == "this" for c in token.children):
            return False
        if self.speaker is not None and lemma in LEX.correspondence:
            return True
        return (self.speaker is not None or self.addressee is not None) and (
            lemma in LEX.document_nouns or lemma in LEX.own_documents
        )

    def _quoted(self, doc_index: int, token: Token) -> bool:
        """In quotation marks, or on an e-mail line quoting an earlier message ("> we shared it"):
        someone else's "I" or "we"."""
        offset = self.parse.offsets[doc_index] + token.idx
        line_start = self.document.text.rfind("\n", 0, offset) + 1
        return _in_quotes(token) or self.document.text[line_start:offset].lstrip().startswith(">")

    def _document_report(self, token: Token | None = None, kind: str | None = None) -> Node:
        """The letter or e-mail being read, as a Report: named by its title, else by its signatory, else
        by its addressee; the words the text calls it by ("this statement") are its aliases."""
        owner = next((c.lower_ for c in token.children if c.dep_ == "poss"), "this") if token is not None else "this"
        phrase = f"{owner} {token.lower_}" if token is not None else f"this {kind or 'letter'}"
        if self.own_document is not None:
            node = self.own_document
            return self.add_node(Node(node.id, "Report", node.name, [phrase], {}))
        kind = token.lemma_.lower() if token is not None else kind or "letter"
        if self.document.title:
            name = own_titles.name(self.document.title)
        elif self.speaker is not None or self.addressee is None:
            name = f"{kind} from {self.speaker.name if self.speaker else 'the writer'}"
        else:
            name = f"{kind} to {self.addressee.name}"
        date = self._document_date()
        props = {
            "kind": kind,
            "text_source": self.document.source_id,  # this Report is the text of that Source
            **({"date_start": date.start, "date_end": date.end, "date_precision": date.precision} if date else {}),
        }
        aliases = sorted({"this letter" if kind == "letter" else phrase, phrase})
        self.own_document = self.add_node(
            Node(node_id("Report", f"{name} {self.document.source_id.split(':')[-1]}"), "Report", name, aliases, props)
        )
        return self.own_document

    def _document_date(self) -> DateValue | None:
        if not self.published:
            return None
        precision, start = self.precision or "day", self.published
        if precision == "year":
            end = f"{start[:4]}-12-31"
        elif precision == "month":
            end = f"{start[:7]}-{calendar.monthrange(int(start[:4]), int(start[5:7]))[1]:02d}"
        else:
            end = start
        return DateValue(start, end, precision, "the document's date")

    def document_date(self) -> DateValue | None:
        """The document's own date (to its precision), for passes that date what the document itself is."""
        return self._document_date()

    def _report_date(self, node: Node) -> DateValue | None:
        props = self.nodes.get(node.id, node).props
        if not props.get("date_start"):
            return None
        return DateValue(
            props["date_start"], props["date_end"], props["date_precision"], f"report date {props['date_start'][:4]}"
        )

    def _claim(
        self,
        edge: str,
        from_id: str,
        to_id: str,
        sentence: Sentence,
        confidence: float,
        extractor: str,
        date: DateValue | None = None,
        role: str | None = None,
    ) -> Claim:
        return Claim(
            edge,
            from_id,
            to_id,
            self.document.source_id,
            sentence.text,
            sentence.start,
            sentence.end,
            round(max(0.05, min(1.0, confidence)), 2),
            extractor,
            date.start if date else None,
            date.end if date else None,
            date.precision if date else None,
            date.text if date else None,
            role,
            self.document.page_of(sentence.start),
        )

    def _member_of(
        self,
        person: Mention,
        body: Node,
        role: str | None,
        confidence: float,
        evidence: int | Sentence | None = None,
    ) -> None:
        """`evidence`: the sentence to cite when it is not the person's (a signature's body line), or
        a span of lines (an address block's name line down to its body line)."""
        if person.node is None or self.headless_unit(body):
            return  # "Ann Lee, Director, Defense Capabilities and Management": a team's subject, no body
        self.add_node(body)
        if isinstance(evidence, Sentence):
            sentence = evidence
        else:
            sentence = self.parse.sentences[person.sentence if evidence is None else evidence]
        self.claims.append(
            self._claim("MEMBER_OF", person.node.id, body.id, sentence, confidence, "rules.role", role=role)
        )

    def add_raw_claim(
        self, raw: relations.RawClaim, sentence: Sentence, dates: list[tuple[int, int, DateValue]]
    ) -> None:
        """A claim a pass after the sentence pass read, through the same dating and scoring as every verb's."""
        self._add(raw, sentence, dates)

    def sentence_dates(self, sentence: Sentence) -> list[tuple[int, int, DateValue]]:
        """The sentence's DATE spans as intervals (for passes that add claims with `add_raw_claim`)."""
        return self._dates(sentence)

    def add_membership(self, person: Mention, body: Node, role: str | None, confidence: float) -> None:
        """A MEMBER_OF claim for a pass that read it (cited at the person's sentence)."""
        self._member_of(person, body, role, confidence)

    def _addressed_claims(self) -> None:
        """What a salutation says (coref.py): the addressee received the document; "your letter" was
        sent by the addressee and received by the writer (the signatory's body, else the signatory)."""
        if self.addressee is None:
            return
        sentence = self.salutation and next(
            (s for s in self.parse.sentences if s.start <= self.salutation.start < s.end), None
        )
        if sentence is not None:
            token = next(t for t in sentence.span if not t.is_space)
            target = relations.Ref(self._document_report(), 0.8, token)
            self._add(
                relations.RawClaim(
                    "RECEIVED", relations.Ref(self.addressee, 0.8, token), target, token, 0.8, "coref.addressee"
                ),
                sentence,
                [],
            )
        writer = self.speaker_body or self.speaker
        for report in self.reports:
            node, head = report.mention.node, report.head
            if node is None or report.lemma not in LEX.correspondence or relations.is_negated_or_hedged(head):
                continue
            if head.dep_ in ("dobj", "nsubjpass") and relations.is_negated_or_hedged(head.head):
                continue  # "we have not received your letter"
            if not possessed_letters.is_yours(self, head):  # also "your March 29, 2019 letter"
                continue
            here = self.parse.sentences[report.mention.sentence]
            dates = self._dates(here)
            target = relations.Ref(node, report.mention.confidence, head)
            you = relations.Ref(self.addressee, 0.75, head)
            self._add(relations.RawClaim("SENT", you, target, head, 0.75, "coref.your"), here, dates)
            if writer is not None:
                self._add(
                    relations.RawClaim(
                        "RECEIVED", relations.Ref(writer, 0.7, head), target, head, 0.7, "coref.your.writer"
                    ),
                    here,
                    dates,
                )

    def _mention_claims(self) -> None:
        """A MENTIONS claim (with its first sentence) for every node no other claim asserts something of
        (a body named only in a denial is still mentioned)."""
        asserted = [c for c in self.claims if not c.negated]
        cited = {c.from_id for c in asserted} | {c.to_id for c in asserted}
        for mention in self.parse.mentions:
            node = mention.node
            if node is None or node.id in cited or node.id not in self.nodes:
                continue
            if non_entities.bare_document(node):  # "the review" no claim uses: no document of its own
                self.nodes.pop(node.id)
                continue
            cited.add(node.id)
            sentence = self.parse.sentences[mention.sentence]
            self.claims.append(
                self._claim(
                    "MENTIONS", self.document.source_id, node.id, sentence, scoring.weight("mention"), "rules.mention"
                )
            )
