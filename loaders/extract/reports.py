"""Report mentions: which noun phrases name documents, and which of them are the same document.

"the Jay Report" is a named report (one node across documents). "One unpublished report from
2002" introduces an unnamed one, named from its modifiers and date ("unpublished 2002 report")
and scoped to its source document (two articles' "independent review" are not known to be the
same). Later "the report", "their report" and "it" refer back: to a same-kind report mentioned in
the same or previous sentence, else to the document's most salient report (the one the text is
about: most mentions, counting those that "find", "conclude" or "say" things).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from spacy.attrs import LEMMA
from spacy.tokens import Doc, Token

from graph.model import Node, node_id
from loaders.dates import DateValue, parse_date
from loaders.extract import (
    agency_studies,
    announcements,
    apposed_titles,
    authored_studies,
    document_names,
    document_owners,
    filed_complaints,
    framed_documents,
    owned_documents,
    possessed_letters,
    relations,
    sent_sets,
    transferred_documents,
    written_letters,
)
from loaders.extract.hyphenated_words import hyphenated_word
from loaders.extract.lexicon import LEX
from loaders.extract.mentions import DocumentParse, Mention
from loaders.extract.non_entities import bare_demonstrative_plural

_QUOTED_TITLE = re.compile(
    r"[\"\u201c\u2018']([A-Z][^\"\u201d\u2019]{3,150}?)(?:[\"\u201d\u2019]|$)"
)  # the parser may leave the closing quote outside  # a quoted title that starts with a capital


@dataclass(eq=False)
class ReportMention:
    mention: Mention
    head: Token
    lemma: str
    determiner: str  # indefinite | definite | possessive | bare | named
    modifiers: list[str]
    date: DateValue | None
    name: str | None  # for named reports
    cluster: ReportCluster | None = None
    sender: str | None = None  # "a letter from X": X's name, set once people and bodies are resolved
    eponym: str | None = None  # "the Wanless review": the author's surname the name is made of
    subject: str | None = None  # "of the 2013 investigation" (a review of ...): what the study is of or on
    recipient: str | None = None  # "a letter to X", "sent a letter to X": X's name, set with the sender
    sent_by: str | None = None  # "X sent a letter": who the sending verb says sent it (kept apart from its name)
    made_by: str | None = None  # "X published a report", "X sent its report": the clause's doer (document_owners.py)


@dataclass(eq=False)
class ReportCluster:
    mentions: list[ReportMention] = field(default_factory=list)
    salience: int = 0
    node: Node | None = None

    @property
    def named(self) -> str | None:
        return next((m.name for m in self.mentions if m.name), None)

    @property
    def date(self) -> DateValue | None:
        return next((m.date for m in self.mentions if m.date), None)

    @property
    def sender(self) -> str | None:
        return next((m.sender for m in self.mentions if m.sender), None)

    @property
    def subject(self) -> str | None:
        return next((m.subject for m in self.mentions if m.subject), None)

    @property
    def recipient(self) -> str | None:
        return next((m.recipient for m in self.mentions if m.recipient), None)

    @property
    def sent_by(self) -> str | None:
        return next((m.sent_by or m.sender for m in self.mentions if m.sent_by or m.sender), None)

    @property
    def lemma(self) -> str:
        return self.mentions[0].lemma

    def modifiers(self) -> list[str]:
        best = max(self.mentions, key=lambda m: len(m.modifiers))
        return best.modifiers


def detect_reports(parse: DocumentParse, published: str | None, precision: str | None) -> list[ReportMention]:
    """Report mentions in document order; adds a `report` Mention for each to the parse index."""
    found: list[ReportMention] = []
    titled: set[int] = set()
    for doc_index, doc in enumerate(parse.docs):
        for i, candidate in enumerate(report_noun_positions(doc)):
            existing = parse.at_position(doc_index, i)
            if not candidate and existing is None:
                continue  # no noun any test below reads, no mention: the tests all fail (the cheap gate first)
            token = doc[i]
            if existing and existing.kind == "report":
                if id(existing) not in titled:  # titles were added when their document noun was seen
                    found.append(_named(parse, existing, token))
                continue
            if token.pos_ not in ("NOUN", "PROPN") or (  # the cheap test first: most tokens are no noun
                token.lemma_.lower() not in LEX.document_nouns
                and not _work_product(token, found)
                and not owned_documents.is_owned_document(token)  # "the whistleblower's comments"
                and not framed_documents.is_framed_document(parse, doc_index, token)  # "X's evidence to Y"
                and not transferred_documents.is_transferred_document(token)  # "issued a subpoena to X"
                and not transferred_documents.is_moved_plural(token)  # "OSC sent findings to X"
                and not filed_complaints.is_filed_complaint(token)  # "EPA filed administrative complaints"
                and not authored_studies.is_authored_study(parse, doc_index, token)  # "the investigation by X"
                and not agency_studies.author_token(parse, doc_index, token)  # "The DOL investigation found"
            ):
                continue
            if existing or parse.sentence_index(doc_index, token) is None:
                continue
            if token.dep_ == "compound":  # "the dossier Tides of Neglect": the title heads the phrase
                title = (
                    _title_after(parse, doc_index, token) if token.head.i > token.i and token.head.is_title else None
                )
                if title is not None:
                    found.append(title)
                    titled.add(id(title.mention))
                    continue
                if not _before_a_name(parse, doc_index, token):
                    continue
            report = _unnamed(parse, doc_index, token, published, precision)
            if report:
                found.append(report)
                title = _title_after(parse, doc_index, token)
                if title is not None:  # "the dossier Hidden in Plain Sight" / "a report titled Safe at Home"
                    found.append(title)
                    titled.add(id(title.mention))
                    report.name, report.determiner = title.name, "named"
    return [r for r in found if r]


def report_noun_lists() -> tuple[frozenset[str], ...]:
    """The lemma lists of `detect_reports`' tests: a noun in none of them is never a report (trigger words)."""
    return (
        LEX.document_nouns,
        LEX.study_kinds,  # `_work_product`, `authored_studies`, `agency_studies`
        LEX.owned_documents,
        LEX.framed_documents,
        LEX.transferred_documents,
        LEX.moved_plurals,
        LEX.formal_complaints,  # filed_complaints
    )


def report_noun_positions(doc: Doc) -> list[bool]:
    """Per token of `doc`, whether its lowercased lemma is in one of `report_noun_lists`, read from the doc's
    lemma array (each distinct lemma tested once), so the tokens of no list are never made."""
    lists = report_noun_lists()
    strings = doc.vocab.strings
    verdicts: dict[int, bool] = {}
    flags = []
    for key in doc.to_array(LEMMA).tolist():
        verdict = verdicts.get(key)
        if verdict is None:
            lemma = strings[key].lower()
            verdict = verdicts[key] = any(lemma in words for words in lists)
        flags.append(verdict)
    return flags


def _before_a_name(parse: DocumentParse, doc_index: int, token: Token) -> bool:
    """ "The dossier Kestrel Motors sent to X": the parser hangs the document noun on the name after it, but
    a body or a person is no kind of document, so the noun stands alone (a contact relative clause follows)."""
    following = parse.at(doc_index, token.doc[token.i + 1]) if token.i + 1 < len(token.doc) else None
    return following is not None and following.kind in ("agency", "person")


def _work_product(token: Token, found: list[ReportMention]) -> bool:
    """An investigation or inquiry (a study noun that is no document by itself) that is one here: one
    commissioned, conducted or carried out ("commissioned an investigation into ..."), a dated one ("the 2013
    investigation"), or a definite one referring back to such ("That investigation was unable to ...")."""
    lemma = token.lemma_.lower()
    if (
        lemma not in LEX.study_kinds
        or lemma in LEX.document_nouns
        or token.tag_ in ("NNS", "NNPS")
        or not token.is_lower
    ):
        return False
    if announcements.commissioned_study(token):  # "announce the setting up of a judicial inquiry"
        return True
    if token.dep_ in ("dobj", "nsubjpass"):
        frame = LEX.frames.get(token.head.lemma_.lower())
        if frame is not None and frame.claim in ("COMMISSIONED", "AUTHORED") and frame.lemma != "write":
            return True
    if any(c.dep_ in ("nummod", "compound", "amod") and c.ent_type_ == "DATE" for c in token.children):
        return True
    definite = any(c.dep_ == "det" and c.lower_ in ("the", "that", "this") for c in token.children)
    return definite and any(r is not None and r.lemma == lemma for r in found)


def _title_after(parse: DocumentParse, doc_index: int, head: Token) -> ReportMention | None:
    """A title of a work right after a document noun: capitalised words (function words allowed inside),
    not a body or person the text names."""
    doc, i = head.doc, head.i + 1
    while i < head.sent.end and doc[i].lower_ in LEX.title_links:
        i += 1
    start = i
    if start >= head.sent.end or not doc[start].is_title or doc[start].lower_ in LEX.title_function_words:
        return None
    inside = document_names.title_kinds(doc[head.i + 1 : start])  # after "entitled" a title holds any name
    other = parse.at(doc_index, doc[start])
    if other is not None and other.kind not in inside or doc[start].ent_type_ == "DATE":
        return None
    end = start
    while i < head.sent.end and (
        doc[i].is_title
        or doc[i].lower_ in LEX.title_function_words
        and i + 1 < head.sent.end
        and doc[i + 1].is_title
        or document_names.joins_title(doc, i, head.sent.end)  # "Cross-Government Fraud Landscape: Annual Report"
    ):
        other = parse.at(doc_index, doc[i])
        if other is not None and not document_names.inside_title(other, inside, doc[start]):
            break
        i += 1
        end = i
    if end - start >= 2 and document_names.closing_year(doc, end, head.sent.end):
        end += 1  # "... Annual Report 2022"
    while end > start and (doc[end - 1].lower_ in LEX.title_function_words or doc[end - 1].text in ":-\u2013"):
        end -= 1
    if end - start < 2:
        return None
    for m in {parse.at(doc_index, doc[k]) for k in range(start, end)} - {None}:
        parse.remove(m)
    name = doc[start:end].text
    mention = Mention("report", doc_index, start, end, parse._sentence_of[(doc_index, head.sent.start)], name)
    parse.add(mention)
    return ReportMention(mention, doc[end - 1], head.lemma_.lower(), "named", [], None, name)


def _named(parse: DocumentParse, mention: Mention, token: Token) -> ReportMention | None:
    if token.i != mention.end - 1:
        return None
    words = mention.text.split()
    if words and words[0].lower() == "the":
        words = words[1:]
    name = " ".join(w.title() if w[:1].islower() else w for w in words)  # "0IG-19887" stays as written
    return ReportMention(mention, token, token.lemma_.lower(), "named", [], None, name)


def _unnamed(
    parse: DocumentParse, doc_index: int, token: Token, published: str | None, precision: str | None
) -> ReportMention | None:
    lefts = list(token.lefts)
    dets = [c.lower_ for c in lefts if c.dep_ in ("det", "nummod", "predet", "poss")]
    counted = [c for c in lefts if c.dep_ == "nummod" and c.like_num and c.lower_ != "one"]
    definite_plural = any(
        d in ("the", "these", "those") or d in LEX.possessive_pronouns or d.endswith("'s") for d in dets
    ) or any(owned_documents.is_possessor(c) for c in lefts)  # "the whistleblowers' comments": owned, particular
    sent = (
        sent_sets.is_sent_set(token)
        or transferred_documents.is_moved_plural(token)
        or filed_complaints.is_filed_complaint(token)
    )  # "OSC today sent letters to the President", "OSC sent findings to X", "EPA filed complaints": documents that went
    if (
        token.tag_ in ("NNS", "NNPS")
        and not (counted or definite_plural or sent or _plural_from_someone(token))
        or any(d in LEX.quantifiers for d in dets)
    ):
        return None  # "reports show" is no particular set of documents; "the emails", "three letters" are
    if bare_demonstrative_plural(token, lefts):
        return None  # "set out in these documents": the reports named before, no new set of documents
    sentence = parse._sentence_of[(doc_index, token.sent.start)]
    moved = transferred_documents.is_named_by_modifiers(token)  # "the OI investigation results"
    proper = [  # "the Wanless review"; not a month ("your 24 April letter")
        c
        for c in lefts
        if c.dep_ == "compound" and c.pos_ == "PROPN" and c.is_title and c.ent_type_ != "DATE" and not moved
    ]
    owner = [parse.at(doc_index, c) for c in proper]
    if proper and all(m is None or m.kind == "person" or _surname(parse, m) for m in owner):
        for m in {m for m in owner if m}:
            parse.remove(m)
        name = " ".join(c.text for c in proper) + " " + token.text.title()
        moved_to = transferred_documents.moved_to(token)  # "the Compliance Order issued to Zahner"
        name = f"{name} {moved_to}" if moved_to else name
        mention = Mention("report", doc_index, proper[0].i, token.i + 1, sentence, name)
        parse.add(mention)
        return ReportMention(mention, token, token.lemma_.lower(), "named", [], None, name, eponym=proper[-1].text)
    date = _report_date(token, published, precision)
    modifiers = [
        hyphenated_word(c).lower()  # "a follow-up letter": "follow-up", not "follow"
        for c in lefts
        if (c.dep_ == "amod" or c in counted or c.dep_ == "compound" and (c.pos_ == "NOUN" or moved))
        and c.lower_ not in LEX.skipped_modifiers
        and (c.is_alpha or c in counted and token.tag_ in ("NNS", "NNPS"))  # "the 114 documents", not "the 2002 report"
    ]
    if moved:  # as written: "OI investigation results"
        modifiers = [hyphenated_word(c) for c in lefts if hyphenated_word(c).lower() in modifiers]
    if any(d in LEX.possessive_pronouns or d.endswith("'s") for d in dets) or any(
        owned_documents.is_possessor(c) for c in lefts
    ):
        determiner = "possessive"
    elif any(d in LEX.indefinite_determiners for d in dets):
        determiner = "indefinite"
    elif dets:
        determiner = "definite"
    else:
        determiner = "bare"
    mention = Mention("report", doc_index, token.i, token.i + 1, sentence, token.text)
    parse.add(mention)
    head = (
        token.lower_ if counted or token.tag_ in ("NNS", "NNPS") else token.lemma_.lower()
    )  # "three letters", "the emails" stay plural
    return ReportMention(mention, token, head, determiner, modifiers, date, None, subject=_study_subject(token))


def _plural_from_someone(token: Token) -> bool:
    """ "received letters from the Minister": correspondence with its sender is a particular set of
    documents, as "the letters" is (the parser may hang "from X" on the receiving verb)."""
    lemma = token.lemma_.lower()
    if lemma not in LEX.correspondence:
        return False
    senders = LEX.document(lemma).preps("sender")
    holders = [token] + (
        [token.head] if token.dep_ == "dobj" and token.head.lemma_.lower() in LEX.receiving_verbs else []
    )
    return any(
        c.dep_ == "prep" and c.lower_ in senders and any(o.dep_ == "pobj" for o in c.children)
        for h in holders
        for c in h.children
    )


def _study_subject(token: Token) -> str | None:
    """ "a review of the 2013 investigation", "an audit of the pension fund", "his report on the use of
    hotels": what a study is of or on, as written (a short noun phrase, not a date: "the report of 3 May" is
    dated, not about the third of May). A report on another study ("his report on his inspection of X")
    is that study's report, so it has that study's subject."""
    if token.lemma_.lower() not in LEX.study_kinds or token.tag_ in ("NNS", "NNPS"):
        return None
    for prep in _subject_preps(token):
        for obj in prep.children:
            if (
                obj.dep_ != "pobj"
                or obj.ent_type_ in ("DATE", "CARDINAL", "ORDINAL")
                or obj.like_num
                or obj.pos_ == "PRON"
            ):
                continue
            if obj is _on_study(token):
                return _study_subject(obj)
            words = _before_comma(_before_coordinated_document(list(obj.subtree)))
            if words and len(words) <= SUBJECT_TOKENS and all(_in_subject(w) for w in words):
                return f"{prep.lower_} {obj.doc[words[0].i : _tail(token, _closed(words))].text}"
    return None


def _on_study(token: Token) -> Token | None:
    """ "his report on his inspection of X": the study a study document reports on, else None."""
    if token.lemma_.lower() not in LEX.study_kinds or token.is_title:
        return None  # "the Report on an Unannounced Inspection of X": a title, not a report on a study
    for prep in _subject_preps(token):
        for obj in prep.children:
            if (
                prep.lower_ == "on"
                and obj.dep_ == "pobj"
                and obj.lemma_.lower() in LEX.study_kinds
                and obj.tag_ not in ("NNS", "NNPS")
                and not obj.is_title
            ):
                return obj
    return None


def _subject_preps(token: Token) -> list[Token]:
    """The study's of / on phrases, and an "on" phrase right after it that the parser hung on the verb
    it is the object of ("sent his report on X to Y": a sending verb takes no "on" argument)."""
    preps = [c for c in token.children if c.dep_ == "prep" and c.lower_ in SUBJECT_PREPOSITIONS]
    after = token.right_edge.i + 1
    if not preps and token.dep_ == "dobj" and after < len(token.doc):
        nxt = token.doc[after]
        if nxt.dep_ == "prep" and nxt.lower_ == "on" and nxt.head.i == token.head.i:
            preps.append(nxt)
    return preps


def _closed(words: list[Token]) -> int:
    """The end of a subject, past the closing bracket the parser hung outside it ("British National (Overseas)")."""
    end = words[-1].i + 1
    opened = sum(w.text == "(" for w in words) - sum(w.text == ")" for w in words)
    doc = words[-1].doc
    return end + 1 if opened == 1 and end < len(doc) and doc[end].text == ")" else end


def _tail(study: Token, end: int) -> int:
    """ "An inspection of the X (Overseas) visa route has been sent": the parser makes "visa route" a second
    subject of the study's verb; a verb has one subject, so those words end the study's subject."""
    doc = study.doc
    k = end
    while k < len(doc) and doc[k].dep_ == "compound" and doc[k].head.i > k:
        k += 1
    if k > end and k < len(doc) and doc[k].dep_ == study.dep_ and study.dep_.startswith("nsubj"):
        return k + 1 if doc[k].head.i == study.head.i else end
    return end


def _before_comma(words: list[Token]) -> list[Token]:
    """A subject ends at a comma ("the use of hotels (UASC), to the Home Secretary")."""
    cut = next((k for k, w in enumerate(words) if w.text == ","), len(words))
    return words[:cut]


# "an audit of the fund", "his inspection report on the use of hotels": a study on Y is not one on X
SUBJECT_PREPOSITIONS = ("of", "on")
SUBJECT_TOKENS = 14  # "the use of hotels for housing unaccompanied asylum-seeking children"
_SUBJECT_PUNCT = ("-", "\u2013", "(", ")")  # "asylum-seeking", "British National (Overseas)"


def _before_coordinated_document(words: list[Token]) -> list[Token]:
    """ "an inspection of X and an inspection report on Y": the parser may hang the second document inside
    the first one's subject; the subject ends before it."""
    cut = min(
        (w.left_edge.i for w in words if w.dep_ == "conj" and w.lemma_.lower() in LEX.document_nouns), default=None
    )
    kept = [w for w in words if cut is None or w.i < cut]
    while kept and (kept[-1].dep_ == "cc" or kept[-1].is_punct):
        kept.pop()
    return kept


def _in_subject(word: Token) -> bool:
    """A word of a study's short noun-phrase subject: no clause (a finite verb), no sentence punctuation."""
    if word.pos_ == "PUNCT":
        return word.text in _SUBJECT_PUNCT
    return word.pos_ != "AUX" and word.tag_ not in ("VBD", "VBZ", "VBP", "MD")


def _surname(parse: DocumentParse, mention: Mention) -> bool:
    """ "the Wanless review": a one-word name the tagger took for a body, which is the surname of a person
    the text names; a study named after its author."""
    if mention.kind != "agency" or mention.end - mention.start != 1:
        return False
    word = mention.text.split()[-1]
    return any(m.kind == "person" and len(m.text.split()) > 1 and m.text.split()[-1] == word for m in parse.mentions)


def _report_date(token: Token, published: str | None, precision: str | None) -> DateValue | None:
    """ "report from 2002", "a 2002 report", "his October 2016 memo", "the report dated 3 May 2004"."""
    for child in token.children:
        if child.dep_ in ("nummod", "amod", "compound", "nmod") and child.ent_type_ == "DATE":
            whole = next((e for e in child.doc.ents if e.start <= child.i < e.end <= token.i), None)
            value = parse_date(whole.text if whole is not None else child.text, published, precision)  # "24 April"
            if value:
                return value
        if child.dep_ in ("prep", "acl") and child.lower_ in ("from", "of", "dated", "in", "on"):
            if child.lower_ == "of" and not any(o.dep_ == "pobj" and o.ent_type_ == "DATE" for o in child.children):
                continue  # "a review of the 2013 investigation" is about it, not of 2013
            for grand in child.subtree:
                if grand.ent_type_ == "DATE" and grand.ent_iob_ == "B":
                    span = next(e for e in grand.doc.ents if e.start == grand.i)
                    value = parse_date(span.text, published, precision)
                    if value:
                        return value
    dated = document_names.dated_after(token)  # "a copy of the letter from X dated 3 May 2004"
    return parse_date(dated.text, published, precision) if dated is not None else None


def same_kind(antecedent: str, anaphor: str) -> bool:
    """Can a mention headed `anaphor` refer back to one headed `antecedent`? ("the report" -> a study: yes;
    "the report" -> a letter: no)."""
    return (
        antecedent == anaphor
        or anaphor in LEX.any_kind_documents
        or antecedent in LEX.study_kinds
        and anaphor in ("report", "study")
    )


def _link_named(reports: list[ReportMention]) -> None:
    """ "a second report, the X Audit," / "the study, known as the X Report" / "a dossier titled X":
    the unnamed mention takes the name it is given."""
    by_token = {
        (r.mention.doc_index, i): r
        for r in reports
        if r.determiner == "named"
        for i in range(r.mention.start, r.mention.end)
    }
    for report in reports:
        if report.determiner == "named":
            continue
        linked = [c for c in report.head.children if c.dep_ == "appos"]
        for acl in report.head.children:
            if acl.dep_ == "acl" and acl.lemma_.lower() in LEX.naming_verbs:
                linked += [t for t in acl.subtree if t.i != acl.i]
        for token in linked:
            named = by_token.get((report.mention.doc_index, token.i))
            if named is not None:
                report.name, report.determiner = named.name, "named"
                break
        else:
            for acl in (c for c in report.head.children if c.dep_ == "acl" and c.lemma_.lower() in LEX.naming_verbs):
                quoted = _QUOTED_TITLE.search(acl.doc[acl.left_edge.i : acl.right_edge.i + 1].text)
                if quoted:  # "the audit, formally titled "Review of Unexpected Deaths on Ward 4"": the name it is given
                    report.name, report.determiner = quoted.group(1).strip(), "named"
                    break


def cluster_reports(
    reports: list[ReportMention], written: Sequence[written_letters.WrittenLetter] = ()
) -> list[ReportCluster]:
    """Group mentions of the same document (see module docstring for the rules); `written` are the letters
    "X wrote to Y" introduced, which a later "the letter" may mean."""
    _link_named(reports)
    clusters: list[ReportCluster] = []
    named: dict[str, ReportCluster] = {}
    for report in reports:
        if report.determiner == "named":
            cluster = named.setdefault(report.name.lower(), ReportCluster())
            if cluster not in clusters:
                clusters.append(cluster)
        elif report.determiner in ("indefinite", "bare"):
            cluster = _compatible(clusters, report) or ReportCluster()
            if cluster not in clusters:
                clusters.append(cluster)
        else:
            continue
        _join(cluster, report)
    by_head = {(r.mention.doc_index, r.head.i): r for r in reports}
    pending = sorted((r for r in reports if r.cluster is None), key=lambda r: _on_study(r.head) is not None)
    for report in pending:  # "his report on his inspection of X" after that inspection, and into its cluster
        inner = _on_study(report.head)
        inner_report = by_head.get((report.mention.doc_index, inner.i)) if inner is not None else None
        if inner_report is not None and inner_report.cluster is not None:
            _join(inner_report.cluster, report)
            continue
        if report.cluster is None:
            cluster = _antecedent(clusters, report, written) or ReportCluster()
            if cluster not in clusters:
                clusters.append(cluster)
            _join(cluster, report)
    return _merge_eponymous(clusters)


def _authors(report: ReportMention) -> list[Token]:
    """Who the mention's own words say wrote it: "a review by X", "X conducted / carried out a review"."""
    head = report.head
    found = [
        o
        for p in head.children
        if p.dep_ == "prep" and p.lower_ in LEX.document(report.lemma).preps("author")
        for o in p.children
        if o.dep_ == "pobj"
    ]
    frame = LEX.frames.get(head.head.lemma_.lower())
    if head.dep_ == "dobj" and frame is not None and frame.claim == "AUTHORED":
        found += relations.subjects_of(head.head)
    return [t for f in found for t in (f, *f.conjuncts)]


def _merge_eponymous(clusters: list[ReportCluster]) -> list[ReportCluster]:
    """ "the Wanless review" and "a review by / conducted by Peter Wanless" are one study: an unnamed study
    whose author's surname makes a named study of the same kind joins it."""
    eponyms = {}
    for cluster in clusters:
        for m in cluster.mentions:
            if m.eponym and m.lemma in LEX.study_kinds:
                eponyms.setdefault(m.eponym, cluster)
    if not eponyms:
        return clusters
    kept = []
    for cluster in clusters:
        if not cluster.named and cluster.lemma in LEX.study_kinds:
            surnames = {t.text for m in cluster.mentions for t in _authors(m) if t.pos_ == "PROPN"}
            target = next(
                (eponyms[s] for s in surnames if s in eponyms and same_kind(eponyms[s].lemma, cluster.lemma)), None
            )
            if target is not None and target is not cluster:
                for m in cluster.mentions:
                    target.mentions.append(m)
                    m.cluster = target
                target.salience += cluster.salience
                continue
        kept.append(cluster)
    return kept


def _join(cluster: ReportCluster, report: ReportMention) -> None:
    cluster.mentions.append(report)
    cluster.salience += 1 + (report.head.dep_ == "nsubj" and report.head.head.lemma_.lower() in LEX.reporting_verbs)
    report.cluster = cluster


def _compatible(clusters: list[ReportCluster], report: ReportMention) -> ReportCluster | None:
    """An earlier unnamed report of the same kind that this one does not contradict."""
    for cluster in reversed(clusters):
        if cluster.named or cluster.lemma != report.lemma:
            continue
        if cluster.date and report.date and cluster.date.start != report.date.start:
            continue
        mine, theirs = set(report.modifiers), set(cluster.modifiers())
        if mine and theirs and not (mine <= theirs or theirs <= mine):
            continue
        if report.determiner == "indefinite" and report.date and not cluster.date and theirs:
            continue
        if report.sender and report.sender != cluster.sender and (cluster.sender or report.determiner == "indefinite"):
            continue  # "a letter from X" is not an earlier letter from someone else (or from nobody said)
        if report.subject and cluster.subject and report.subject != cluster.subject:
            continue  # "an inspection of X" is not an earlier inspection of Y
        if _other_parties(cluster, report):
            continue  # "a letter to the White House and a letter to the FBI"; "X sent a letter ... Y sent a letter"
        if not possessed_letters.same_possessor(report, cluster.mentions):
            continue  # "your letter" is not "the Permanent Under-Secretary's letter"
        if document_owners.other_owner(report, cluster.mentions):
            continue  # "X published a report ... Y sent its annual report": Y's own
        return cluster
    return None


def _other_parties(cluster: ReportCluster, report: ReportMention) -> bool:
    """Is `report` another document than `cluster` by who its sending verb says sent it ("X sent a letter ... Y
    sent a letter"), or by introducing one ("a report") where the text only pointed to one before ("the report")?"""
    sender = report.sent_by or report.sender
    if sender and cluster.sent_by and sender != cluster.sent_by:
        return True
    if report.determiner != "indefinite":
        return False
    return all(m.determiner in ("definite", "possessive") for m in cluster.mentions)  # "the annual report ...
    # one report in March": a new document, not one pointed back to. (Who a letter went to, and a second "a letter"
    # of the same sentence, were tried as telling letters apart: they split a real letter from one a relation
    # error had given its recipient, one more wrong claim on real dev.)


def _other_day(cluster: ReportCluster, report: ReportMention) -> bool:
    """Do both carry their own date, and differ? "your January 8, 2019 letter" is not "your March 29, 2019 letter"."""
    return bool(cluster.date and report.date and cluster.date.start != report.date.start)


def _antecedent(
    clusters: list[ReportCluster], report: ReportMention, written: Sequence[written_letters.WrittenLetter] = ()
) -> ReportCluster | None:
    here = report.mention
    recent = [
        m
        for c in clusters
        for m in c.mentions
        if here.sentence - 2 <= m.mention.sentence < here.sentence
        or m.mention.sentence == here.sentence
        and m.mention.start < here.start
    ]
    # "the report" may mean a named report; "their report" / "X's report" is the possessor's own,
    # which the text has not named (a named report is not re-introduced by its authors' possessive).
    eligible = (lambda c: True) if report.determiner == "definite" else (lambda c: not c.named)
    if report.subject:  # "the inspection of X" is not the inspection of Y named just before
        of_kind = eligible
        eligible = lambda c: of_kind(c) and c.subject in (None, report.subject)  # noqa: E731
    if report.sender and report.determiner == "definite":  # "the letter from the Principal Clerk" is not the
        # Clerk's letter cited above ("the fire service's letter" may be its officer's: owners are looser)
        kind_ok = eligible
        eligible = lambda c: kind_ok(c) and c.sender in (None, report.sender)  # noqa: E731
    chosen = next(
        (
            candidate
            for candidate in sorted(recent, key=_order, reverse=True)
            if candidate.cluster
            and eligible(candidate.cluster)
            and same_kind(candidate.lemma, report.lemma)
            and possessed_letters.same_possessor(report, candidate.cluster.mentions)
            and not _other_day(candidate.cluster, report)
            and not document_owners.other_owner(report, candidate.cluster.mentions)
        ),
        None,
    )
    letter = _written_antecedent(written, report, chosen)
    if letter is not None:  # "X wrote to Y ... the letter": X's letter, which no noun introduced
        return _letter_from(clusters, report, letter.sender)
    if chosen is not None:
        return chosen.cluster
    if report.modifiers or report.date:  # "the annual report" is one named before, not one introduced later
        return _compatible([c for c in clusters if min(map(_order, c.mentions)) < _order(report)], report)
    pool = [
        c
        for c in clusters
        if eligible(c)
        and same_kind(c.lemma, report.lemma)
        and possessed_letters.same_possessor(report, c.mentions)
        and not document_owners.other_owner(report, c.mentions)
    ]
    if not pool:  # the only letter the text introduced, a while before
        letter = _only_written(written, report)
        if letter is not None:
            return _letter_from(clusters, report, letter.sender)
    return max(pool, key=lambda c: c.salience, default=None)


def _order(report: ReportMention) -> tuple[int, int]:
    return report.mention.sentence, report.mention.start


def _refers_to_written(report: ReportMention) -> bool:
    """Can this mention be a letter a "wrote to" clause introduced? An undated letter the text points back to
    ("the letter", "this letter", "his letter") whose sender, if it says one, is the writer's."""
    return (
        correspondence_noun(report.lemma) == written_letters.KIND
        and report.determiner in ("definite", "possessive")
        and report.date is None
        and not report.modifiers
    )


def _written_antecedent(
    written: Sequence[written_letters.WrittenLetter], report: ReportMention, chosen: ReportMention | None
) -> written_letters.WrittenLetter | None:
    """The "wrote to" clause a letter mention refers back to: the latest in this or the two sentences before,
    after any document mention it could also mean; None when two writers' letters are open."""
    if not written or not _refers_to_written(report):
        return None
    here = report.mention
    since = _order(chosen) if chosen is not None else (here.sentence - 2, -1)
    open_letters = [
        w
        for w in written
        if (w.sentence, w.position) > since
        and (here.sentence - 2 <= w.sentence < here.sentence or w.sentence == here.sentence and w.position < here.start)
    ]
    senders = {w.sender for w in open_letters}
    if len(senders) != 1 or report.sender not in (None, *senders):
        return None
    return open_letters[-1]


def _only_written(
    written: Sequence[written_letters.WrittenLetter], report: ReportMention
) -> written_letters.WrittenLetter | None:
    """The one writer's letter a "wrote to" clause introduced earlier in the text, when no other letter is open."""
    if not _refers_to_written(report):
        return None
    here = report.mention
    before = [w for w in written if (w.sentence, w.position) < (here.sentence, here.start)]
    senders = {w.sender for w in before}
    if len(senders) != 1 or report.sender not in (None, *senders):
        return None
    return before[-1]


def _letter_from(clusters: list[ReportCluster], report: ReportMention, sender: str) -> ReportCluster:
    """The unnamed letter cluster from `sender`, or a new one; the mention takes the sender (its node is then
    "letter from X", the written letter's)."""
    report.sender = sender
    found = next(
        (
            c
            for c in clusters
            if not c.named and c.sender == sender and correspondence_noun(c.lemma) == written_letters.KIND
        ),
        None,
    )
    return found or ReportCluster()


def report_nodes(clusters: list[ReportCluster], source_id: str) -> None:
    """Give each cluster its Report node: global id when named, scoped to the source otherwise."""
    alike = _alike_letters(clusters)
    for cluster in clusters:
        date = cluster.date
        props: dict = {"kind": cluster.lemma}
        if date:
            props.update(date_start=date.start, date_end=date.end, date_precision=date.precision)
        modifiers = cluster.modifiers()
        if "unpublished" in modifiers:
            props["published"] = False
        if cluster.named:
            props["title"] = cluster.named
            cluster.node = Node(node_id("Report", cluster.named), "Report", cluster.named, [], props)
            continue
        words = [*modifiers, *([str(date.year)] if date and date.precision != "decade" else []), cluster.lemma]
        by_sender = (bool(cluster.sender) or id(cluster) in alike) and correspondence_noun(cluster.lemma) is not None
        name = alike.get(id(cluster)) or f"{cluster.lemma} from {cluster.sender}" if by_sender else " ".join(words)
        # what the text calls it ("the letter", "the internal memo"), which an investigator searches for, without
        # the year; never a bare "report" for an untitled one, which would make every report look like every other
        plain = " ".join([*modifiers, cluster.lemma])
        aliases = [cluster.lemma] if by_sender else [plain] if modifiers and plain != name else []
        if not by_sender and cluster.subject:  # "independent review of the 2013 investigation"
            aliases = [a for a in [name, *aliases] if a != cluster.lemma]
            name = f"{' '.join([*modifiers, cluster.lemma])} {cluster.subject}"
        if by_sender:  # "Ms Solberg's letter", "your letter": what the text calls it
            aliases += [p for p in (_possessed(m.head) for m in cluster.mentions) if p and p not in aliases]
            aliases += [w for w in (_from_written(m.head) for m in cluster.mentions) if w and w not in (name, *aliases)]
        if not by_sender:  # "detailed findings from the Council"
            aliases += [w for w in (transferred_documents.written_name(m.head) for m in cluster.mentions) if w]
            aliases = [a for a in dict.fromkeys(aliases) if a != name]
        # a letter from a named sender on a given day is one letter whichever text cites it ("your letter of
        # August 3, 2012" in two replies): its id is global; anything vaguer stays scoped to this source
        dated = by_sender and cluster.sender and date and date.precision == "day"
        scope = date.start if dated else source_id.split(":")[-1]
        cluster.node = Node(node_id("Report", f"{name} {scope}"), "Report", name, aliases, props)
    for cluster in clusters:
        for report in cluster.mentions:
            report.mention.node = cluster.node


def _alike_letters(clusters: list[ReportCluster]) -> dict[int, str]:
    """Unnamed letters with no sender of their own that only their sending verb tells apart ("X sent a letter
    to Y ... Z sent a letter to Y", "sent a letter to Y and a letter to Z"), else all would be the one node
    "letter": each is named by who sent it, and to whom when that is what differs ("letter from X to Z")."""
    keys: dict[tuple, list[ReportCluster]] = {}
    for cluster in clusters:
        if not cluster.named and not cluster.sender and correspondence_noun(cluster.lemma) is not None:
            date = cluster.date
            key = (cluster.lemma, tuple(cluster.modifiers()), date.year if date else None, cluster.subject)
            keys.setdefault(key, []).append(cluster)
    names = {}
    for group in (g for g in keys.values() if len(g) > 1):
        senders = [c.sent_by for c in group]
        by_whom = len(set(senders)) == len(senders)
        for cluster in group:
            words = [*([f"from {cluster.sent_by}"] if cluster.sent_by else [])]
            if not by_whom and cluster.recipient:
                words.append(f"to {cluster.recipient}")
            if words:
                names[id(cluster)] = f"{cluster.lemma} {' '.join(words)}"
    return names


def correspondence_noun(lemma: str) -> str | None:
    """The correspondence noun a lemma is, singular ("letters", which the parser may leave unlemmatised
    after a dash, is "letter"); None for a document that is not correspondence."""
    if lemma in LEX.correspondence:
        return lemma
    return lemma[:-1] if lemma.endswith("s") and lemma[:-1] in LEX.correspondence else None


MAX_SENDER_WORDS = 8  # a longer from-phrase is a clause, not a name


def _from_written(head: Token) -> str | None:
    """ "letter from No. 10" as written, when the sender's name is a gazetteer body's other name ("Prime
    Minister's Office"): what the text calls the letter, which an investigator searches for."""
    holders = [head, head.head] if head.dep_ in ("dobj", "nsubjpass") else [head]  # "received a letter from X"
    prep = next((c for h in holders for c in h.children if c.dep_ == "prep" and c.lower_ == "from"), None)
    if prep is None or prep.right_edge.i == prep.i or prep.right_edge.i - prep.i > MAX_SENDER_WORDS:
        return None
    return f"{head.lower_} from {head.doc[prep.i + 1 : prep.right_edge.i + 1].text}"


def _possessed(head: Token) -> str | None:
    """ "Ms Solberg's letter" / "your letter" as written: the possessor's words up to the document noun."""
    owner = next((c for c in head.children if c.dep_ == "poss"), None)
    if owner is None:
        return None
    return head.doc[owner.left_edge.i : head.i + 1].text


def pronoun_report(reports: list[ReportMention], sentence: int, position: int, doc_index: int) -> ReportMention | None:
    """ "It was sent ...": the latest report mentioned before `position` in this or the previous sentence."""
    best = None
    for report in reports:
        m = report.mention
        if m.sentence == sentence - 1 or m.sentence == sentence and m.doc_index == doc_index and m.start < position:
            best = report
    return best


def correspondents(head: Token, preps: frozenset[str], sender: bool = False) -> list[Token]:
    """ "a letter from X" / "a letter to Y" (also "from a youth worker, X"; "received a letter from X",
    where the parser hangs "from X" on the verb): the tokens naming X or Y. `preps` are the document
    frame's sender or recipient prepositions (nominals.yaml); `sender` says which."""
    found = []
    holders = [head]
    if sender and head.dep_ in ("dobj", "nsubjpass") and head.head.lemma_.lower() in LEX.receiving_verbs:
        holders.append(head.head)
    for child in (c for h in holders for c in h.children):
        if child.dep_ == "prep" and child.lower_ in preps:
            for obj in child.children:
                if obj.dep_ == "pobj" and (name := apposed_titles.named_person(obj)) is not None:
                    # "from Ann Lee MP, Minister for X, Northshire Police": her title and body; "from A, B, and C": B
                    found += [name, *[c for c in obj.children if c.dep_ == "appos" and apposed_titles.names_person(c)]]
                elif obj.dep_ == "pobj":
                    found += [obj, *[c for c in obj.children if c.dep_ == "appos"]]
                    if obj.pos_ == "NOUN":  # the parser often hangs the name on the letter itself
                        found += [c for c in head.children if c.dep_ == "appos" and c.i > obj.i]
    return found


def sending_parties(head: Token) -> tuple[list[Token], list[Token]]:
    """ "X sent / forwarded a letter to Y", "X wrote a letter to Y": the tokens naming X and Y, when the document
    noun is the object of a sending verb (a frame with SENT, or one that writes letters); else nothing. A second
    object ("a letter to Y and a letter to Z") has the verb's sender, and its own addressee only."""
    first = head
    while first.dep_ == "conj" and first.head.i < first.i:
        first = first.head
    if first.dep_ != "dobj":
        return [], []
    verb = first.head
    frame = LEX.frames.get(verb.lemma_.lower())
    if frame is None or frame.claim != "SENT" and not frame.letter_to:
        return [], []
    preps = set(frame.letter_to or frame.recipients)
    return relations.subjects_of(verb), relations.prep_objects(verb, preps) if first is head else []
