"""People: clean names, and the roles and bodies their titles and appositions give them.

"NSPCC chief executive Peter Wanless" -> Person "Peter Wanless", role "NSPCC chief executive",
MEMBER_OF NSPCC (role "chief executive"); "Home Secretary Sajid Javid" -> MEMBER_OF Home Office;
"Barrister Richard Whittam QC" -> "Richard Whittam" (alias "Richard Whittam QC"), role "Barrister".
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span, Token

from loaders.extract import address_people, addressee_block
from loaders.extract.lexicon import LEX
from loaders.extract.mentions import DocumentParse, Mention
from loaders.extract.relations import is_negated_or_hedged
from loaders.resolve import clean_person_name

ROLE_DEPS = {"compound", "amod", "nmod", "npadvmod"}


@dataclass
class PersonFacts:
    """What one PERSON mention says: its clean name, name as written, role and the bodies of that role."""

    name: str
    alias: str | None
    role: str | None
    role_mentions: list[Mention]  # agency or role mentions inside the role phrase
    member_role: str | None  # the role without the body's name ("chief executive")
    affiliations: list[Mention]  # "Dr Anna Kerr of the University of Eastmere"
    owner_words: list[str]  # "the Forum's secretary": the possessor standing for a body named earlier


def person_name(parse: DocumentParse, mention: Mention) -> str:
    """The clean name alone (what `person_facts` gives as `name`): for a reader that needs no role, as the
    role's bodies and apposition cost far more than the name."""
    return _name_parts(parse, mention)[0]


def _name_parts(parse: DocumentParse, mention: Mention) -> tuple[str, str | None, Span, list[Token]]:
    """(clean name, alias with its suffix, the name's span on its line, the role words leading it)."""
    doc = parse.docs[mention.doc_index]
    ent = addressee_block.name_on_its_line(doc[mention.start : mention.end])  # not the title on the next line
    lead = _leading_role_words(ent)
    trail = address_people.trailing_title_words(ent[len(lead) :])
    name, suffix = clean_person_name(ent[len(lead) : len(ent) - len(trail)].text)
    return name, f"{name} {suffix}" if suffix else None, ent, lead


def person_facts(parse: DocumentParse, mention: Mention) -> PersonFacts:
    name, alias, ent, lead = _name_parts(parse, mention)
    phrase = _left_role_phrase(parse, mention, ent, bool(lead)) + [t for t in lead]
    appos = _apposition(ent) or _predicate_role(ent)
    tokens = phrase or appos
    placed = [t for t in appos if t.dep_ == "pobj" and t.head.lower_ in ("of", "at", "with", "for")]
    if placed and not _bodies_in(parse, mention.doc_index, phrase) and _bodies_in(parse, mention.doc_index, placed):
        tokens = appos  # "Professor Ann Lee, general secretary of X": the title names no body, the apposition does
    bodies = _bodies_in(parse, mention.doc_index, tokens)
    role = _join(tokens) or None
    inside = {i for m in bodies if m.kind == "agency" for i in range(m.start, m.end)}
    kept = [t for t in tokens if t.i not in inside and t.dep_ != "case" and t.lower_ not in ("the", "'s")]
    while kept and (kept[-1].pos_ == "ADP" or kept[-1].text == ","):  # "chief executive at [the Agency]"
        kept.pop()
    member_role = _join(kept) or role
    affiliations = [
        m for o in _affiliation_objects(ent.root) if (m := parse.at(mention.doc_index, o)) and m.kind == "agency"
    ]
    # "its chair" is left alone: "its" is as often a report or a panel as the body named last
    owners = [
        t.lemma_.lower()
        for t in tokens
        if any(c.dep_ == "case" for c in t.children) and parse.at(mention.doc_index, t) is None
    ]
    return PersonFacts(name, alias, role, bodies, member_role, affiliations, owners)


def _affiliation_objects(root: Token) -> list[Token]:
    return [
        o
        for p in root.children
        if p.dep_ == "prep" and p.lower_ in ("of", "from", "at")
        for o in p.children
        if o.dep_ == "pobj"
    ]


def _leading_role_words(ent: Span) -> list[Token]:
    """Role words NER folded into the name ("Barrister" in "Barrister Richard Whittam QC"); the last word stays."""
    words = []
    for token in ent[:-1]:
        if token.lower_ not in LEX.role_nouns and token.text not in LEX.office_titles and token.lower_ != "the":
            break
        words.append(token)
    return words


def _left_role_phrase(parse: DocumentParse, mention: Mention, ent: Span, titled: bool = False) -> list[Token]:
    """Tokens right before the name that modify it ("Rotherham MP", "NSPCC chief executive"); `titled`: the
    name's own span begins with role words, so a body before it is the role's ("FASS [Deputy Director X]").
    A blanked link or line break between the words ("OSC  Chief Counsel X") is no boundary."""
    doc, tokens, members = ent.doc, [], set(range(ent.start, ent.end))
    i = ent.start - 1
    while i >= ent.sent.start:
        token = doc[i]
        if token.is_space and token.head.i < i and token.head.i in members | {i - 1}:
            i -= 1
            continue
        other = parse.at(mention.doc_index, token)
        if token.dep_ not in ROLE_DEPS or token.head.i not in members or (other and other.kind == "person"):
            break
        tokens.insert(0, token)
        members.add(i)
        i -= 1
    if titled and any(_is_body(parse, mention.doc_index, t) for t in tokens):
        return tokens
    return tokens if any(t.lower_ in LEX.role_nouns or _is_role(parse, mention.doc_index, t) for t in tokens) else []


def _apposition(ent: Span) -> list[Token]:
    """ ", chief executive of the NSPCC," after the name, or the role the name is in apposition to."""
    root = ent.root
    for child in root.rights:
        if child.dep_ == "appos" and (_role_noun(child) or _works_somewhere(child)):
            return [t for t in child.subtree if t.dep_ != "punct" and t.dep_ != "det"]
    if root.dep_ == "appos" and root.head.lemma_.lower() in LEX.role_nouns and root.head.i < ent.start:
        return [t for t in root.head.subtree if t.i < ent.start and t.dep_ not in ("punct", "det")]
    if root.dep_ == "appos" and root.head.i < ent.start and ent.start > 0 and ent.doc[ent.start - 1].text == ",":
        # "Head of finance of the Agency, Ann Lee, said": the parser hangs the name on the body closing the role phrase
        node = root.head
        while (
            node.dep_ == "pobj" and node.head.dep_ == "prep" and node.head.lower_ == "of" and node.head.head.i < node.i
        ):
            node = node.head.head
            if node.lemma_.lower() in LEX.role_nouns and not any(
                t.pos_ in ("VERB", "AUX") or t.text == "," for t in node.subtree if t.i < ent.start - 1
            ):
                return [t for t in node.subtree if t.i < ent.start and t.dep_ not in ("punct", "det")]
    return []


def _role_noun(token: Token) -> bool:
    """A job noun, or a title ending in an office's qualifier after one ("Inspector General", "Attorney General")."""
    if token.lemma_.lower() in LEX.role_nouns:
        return True
    if token.text in LEX.office_titles and any(  # "Ranking Member": an office of two title words, capitalised
        c.dep_ == "compound" and c.text in LEX.office_titles for c in token.children
    ):
        return True
    return token.lower_ in LEX.title_qualifiers and any(
        c.dep_ == "compound" and c.lemma_.lower() in LEX.role_nouns for c in token.children
    )


def _predicate_role(ent: Span) -> list[Token]:
    """ "Ann Lee was an assistant director at the Agency": a role noun predicated of the name, placed at a body;
    also one the name acts or is confirmed "as" ("Ann Lee was confirmed as the Chair of the Commission")."""
    root = ent.root
    if root.dep_ in ("nsubj", "nsubjpass"):
        role = next((r for r in _as_roles(root.head) if r.dep_ == "pobj" and _placed_role(r)), None)
        if role is not None and not is_negated_or_hedged(root.head):  # the mood, a walk up the clauses, last
            return [t for t in role.subtree if t.dep_ not in ("punct", "det")]
    if root.dep_ != "nsubj" or root.head.lemma_.lower() not in ("be", "become", "remain"):
        return []
    for child in root.head.children:
        if (
            child.dep_ == "attr"
            and child.lemma_.lower() in LEX.role_nouns
            and _works_somewhere(child, ("at", "with", "of", "for", "in"))
        ):
            return [t for t in child.subtree if t.dep_ not in ("punct", "det")]
    return []


def _as_roles(verb: Token) -> list[Token]:
    """The objects of the verb's "as" ("was confirmed as the Chair of X")."""
    return [o for p in verb.children if p.dep_ == "prep" and p.lower_ == "as" for o in p.children]


def _placed_role(role: Token) -> bool:
    """A role noun placed at a body ("the head of X"); not one the tagger took for a name ("as the Chair of the
    Commission" tagged one name: an office the tagger took for a body)."""
    return (
        not role.ent_type_
        and role.lemma_.lower() in LEX.role_nouns
        and any(p.dep_ == "prep" and p.lower_ in ("of", "at") for p in role.children)
    )


def _works_somewhere(noun: Token, preps: tuple[str, ...] = ("at", "with")) -> bool:
    """ "Dr Ann Lee, then a consultant neonatologist at the Trust": a job noun placed at a body."""
    return noun.pos_ == "NOUN" and any(p.dep_ == "prep" and p.lower_ in preps for p in noun.children)


def _is_role(parse: DocumentParse, doc_index: int, token: Token) -> bool:
    mention = parse.at(doc_index, token)
    return bool(mention and mention.kind == "role")


def _is_body(parse: DocumentParse, doc_index: int, token: Token) -> bool:
    mention = parse.at(doc_index, token)
    return bool(mention and mention.kind == "agency")


def _bodies_in(parse: DocumentParse, doc_index: int, tokens: list[Token]) -> list[Mention]:
    found: list[Mention] = []
    for token in tokens:
        mention = parse.at(doc_index, token)
        if mention and mention.kind in ("agency", "role", "generic") and mention not in found:
            named = mention.node.name if mention.node is not None else mention.text
            if mention.kind == "agency" and _only_title_words(named):
                continue  # "Ann Lee, Inspector General, Department of X": a title the tagger took for a body
            found.append(mention)
    return found


def _only_title_words(text: str) -> bool:
    """Whether a name is an office's, not a body's: office and job words alone ("Inspector General", "Chief
    Executive"), or an office of a body ("Chair of the Commission")."""
    words = [w.strip(".,").lower() for w in text.split() if w.lower() != "the"]
    titles = LEX.role_nouns | {w.lower() for w in LEX.office_titles}
    if "of" in words[1:]:
        words = words[: words.index("of", 1)]
    return bool(words) and all(w in titles for w in words)


def _join(tokens: list[Token]) -> str:
    """The words of a role phrase; a table's cell separators ("| Director of Finance |") are not words."""
    return "".join(t.text_with_ws for t in tokens if "|" not in t.text).strip(" ,")
