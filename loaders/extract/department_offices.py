"""Offices inside departments: one body, named with its department, never split or merged across departments.

US federal prose names an office with the department it belongs to: "the Department of Justice (DOJ) Office
of the Inspector General (OIG)", "DOJ OIG", "NRC Office of Investigations", "FBI Counterterrorism Division".
The tagger reads two bodies there, so the department became the subject of the office's acts ("Department of
Justice AUTHORED investigation"), and a later bare "the OIG" was an office of no department. Read here, after
the document's bodies are resolved (`DocumentRun._collect_context`):

- a body name followed (after its own "(ABBR)", if any) by an office-shaped name (`is_office`: "Office of ...",
  or ending in a `sub_office_tails` word) is one mention of the office, named "<department> <office>", also
  called by both short forms ("DOJ OIG", "DOJ Office of the Inspector General", "OIG");
- a name that opens with a defined short form of a body ("DOJ Office of the Inspector General" read as one
  name) is the same office;
- a bare office (the node of "Office of the Inspector General", "the OIG") is the office of the one department
  the document names with it; with several departments' offices of that name, the one of the document's
  publisher (its sidecar), else left bare: two departments' offices are never one body. A `department_offices`
  office ("Office of Inspector General", which every department has) the text names with no department is the
  publisher's, when the publisher record names that office.

The remap is recorded in `DocumentContext.renamed`, so later resolutions of the bare name (roles, "the OIG"
in a title) give the joined node too.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from graph.model import Node
from graph.names import name_key
from loaders.extract import letterhead_offices
from loaders.extract.lexicon import LEX
from loaders.extract.mentions import Mention, names_a_body

if TYPE_CHECKING:
    from loaders.extract.rules import DocumentRun


def office_key(name: str) -> str:
    """ "Office of the Inspector General" and "Office of Inspector General" are one office's name."""
    return " ".join(w for w in name_key(name).split() if w != "the")


def is_office(name: str) -> bool:
    """ "Office of Investigations", "Counterterrorism Division", "Analysis and Investigations Unit"."""
    words = name_key(name).split()
    return len(words) >= 2 and (words[:2] == ["office", "of"] or words[-1] in LEX.sub_office_tails)


def _balanced(alias: str) -> bool:
    """ "DOJ) Office of the Inspector General (OIG" is a span cut across brackets, not a name."""
    return alias.count("(") == alias.count(")") and alias.find(")") >= alias.find("(")


def _joined_node(run: DocumentRun, parent: Node, office: str, written: list[str]) -> Node:
    """ "<department> <office>", also known as written and by the short forms of both."""
    name = f"{parent.name} {office}"
    node = run.x.resolver.agency(name, run.ctx)
    shorts = [a for a in parent.aliases if a.isupper() and len(a) > 1]
    office_shorts = [s for s, long_form in run.ctx.acronyms.items() if office_key(long_form) == office_key(office)]
    aliases = {*written, office, *office_shorts}
    aliases |= {f"{short} {office}" for short in shorts} | {f"{s} {o}" for s in shorts for o in office_shorts}
    node.aliases = sorted({*node.aliases, *(a for a in aliases if name_key(a) != name_key(node.name) and _balanced(a))})
    node.props["kind"] = node.props.get("kind") or "organisation"
    return node


def _gap_is_short_form(doc, start: int, end: int) -> bool:
    """Nothing, or only "(ABBR)", between the department and its office."""
    gap = doc[start:end]
    return not len(gap) or (len(gap) == 3 and gap[0].text == "(" and gap[2].text == ")" and gap[1].text[:1].isupper())


def _pairs(run: DocumentRun) -> list[tuple[Mention, Mention, Mention | None]]:
    """(department, office, short form inside) for each department written right before its office."""
    bodies = sorted(
        (m for m in run.parse.mentions if m.kind == "agency" and m.node is not None),
        key=lambda m: (m.doc_index, m.start),
    )
    found = []
    for index, office in enumerate(bodies):
        if not is_office(office.node.name):
            continue
        doc = run.parse.docs[office.doc_index]
        before = [m for m in bodies[:index] if m.doc_index == office.doc_index and m.sentence == office.sentence]
        if not before:
            continue
        inner = before[-1] if before[-1].end == office.start - 1 and office.start >= 2 else None
        parent = before[-2] if inner is not None and len(before) >= 2 else before[-1]
        if inner is not None and parent.end != inner.start - 1:
            continue
        if inner is None and not _gap_is_short_form(doc, parent.end, office.start):
            continue
        if parent.node is None or is_office(parent.node.name) or not names_a_body(parent.node.name):
            continue
        found.append((parent, office, inner))
    return found


def _split_name(run: DocumentRun, mention: Mention) -> tuple[Node, str] | None:
    """ "DOJ Office of the Inspector General" as one name: (the department of "DOJ", the office)."""
    words = mention.node.name.split()
    if len(words) < 3 or not is_office(" ".join(words[1:])) or words[0] not in run.ctx.acronyms:
        return None
    if not names_a_body(run.ctx.acronyms[words[0]]):
        return None
    parent = run.x.resolver.agency(words[0], run.ctx)
    return parent, " ".join(words[1:])


def _publisher_office(run: DocumentRun) -> Node | None:
    """The office the document's record names as its publisher ("U.S. Department of Justice, Office of
    the Inspector General"), or None."""
    return letterhead_offices.publisher_office(run, letterhead_offices.publisher_name(run.document.publisher))


def _replace(run: DocumentRun, old: list[Mention], new: Mention) -> None:
    for mention in old:
        if mention in run.parse.mentions:
            run.parse.remove(mention)
    run.parse.add(new)


def join(run: DocumentRun) -> None:
    """Join departments and their offices into one body each, and give bare offices their department."""
    renamed: dict[str, Node] = {}  # old node id -> the office in its department
    joined: dict[str, list[Node]] = {}  # office key -> the joined offices (one per department)
    parents: list[tuple[int, str]] = []  # (sentence, department id) of each joined office
    for parent, office, _inner in _pairs(run):
        doc = run.parse.docs[office.doc_index]
        written = " ".join(doc[parent.start : office.end].text.split())
        node = run.add_node(_joined_node(run, parent.node, office.node.name, [written]))
        end = office.end  # its own "(OIG)" stays a mention of its own, renamed below
        held = [m for m in run.parse.mentions if m.doc_index == office.doc_index and parent.start <= m.start < end]
        mention = Mention("agency", office.doc_index, parent.start, end, office.sentence, written)
        mention.node = node
        _replace(run, held, mention)
        joined.setdefault(office_key(office.node.name), []).append(node)
        run.ctx.add_body(node, run.x.gazetteer, office.sentence)
        run.ctx.add_body(parent.node, run.x.gazetteer, office.sentence)  # "the department" stays the department
        parents.append((office.sentence, parent.node.id))
    for mention in [m for m in run.parse.mentions if m.kind == "agency" and m.node is not None]:
        split = _split_name(run, mention)
        if split is None:
            continue
        parent, office = split
        node = run.add_node(_joined_node(run, parent, office, [mention.node.name]))
        renamed[mention.node.id] = node
        joined.setdefault(office_key(office), []).append(node)
    publisher = _publisher_office(run)
    for mention in run.parse.mentions:
        if mention.kind != "agency" or mention.node is None or mention.node.id in renamed:
            continue
        name = mention.node.name
        if not is_office(name):
            continue
        target = _bare_office_target(office_key(name), joined, publisher)
        if target is not None and target.id != mention.node.id:
            renamed[mention.node.id] = target
    if not renamed and not parents:
        return
    for mention in run.parse.mentions:
        if mention.node is not None and mention.node.id in renamed:
            target = renamed[mention.node.id]
            written = [
                a
                for a in [mention.node.name, *mention.node.aliases]
                if name_key(a) != name_key(target.name) and _balanced(a)
            ]
            target.aliases = sorted({*target.aliases, *written})
            mention.node = run.add_node(target)
    _rename_context(run, renamed)


def _bare_office_target(key: str, joined: dict[str, list[Node]], publisher: Node | None) -> Node | None:
    """The one office of that name the document places in a department; with several, the publisher's."""
    offices = list({n.id: n for n in joined.get(key, [])}.values())
    if len(offices) == 1:
        return offices[0]
    publisher_key = office_key(publisher.name) if publisher is not None else ""
    own = [n for n in offices if office_key(n.name) == publisher_key]
    if len(own) == 1:
        return own[0]
    every_department_has = key in {office_key(o) for o in LEX.department_offices}
    if not offices and every_department_has and publisher is not None and publisher_key.endswith(" " + key):
        return publisher
    return None


def _rename_context(run: DocumentRun, renamed: dict[str, Node]) -> None:
    """The document context counts the offices under their new ids; later resolutions follow the remap."""
    ctx = run.ctx
    ctx.renamed.update(renamed)
    for old, node in renamed.items():
        run.nodes.pop(old, None)
        ctx.body_counts[node.id] += ctx.body_counts.pop(old, 0)
        if node.id not in ctx.bodies:
            ctx.add_body(node, run.x.gazetteer, 0)
            ctx.body_counts[node.id] -= 1
            ctx.body_sentences.pop()
    ctx.body_sentences[:] = [(s, renamed[b].id if b in renamed else b) for s, b in ctx.body_sentences]
