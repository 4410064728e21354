"""Who "I" is in each turn of a parliamentary debate or answer, read off its speaker lines.

Hansard sets each contribution under a line naming its speaker: "Mr. Farr", "Mr. Speaker",
"Pete Wishart (North Tayside) (SNP)", "Mr. Chris Mullin (Sunderland, South)", "The Secretary of State
for the Home Department (Mr. Jack Straw):", in historic and modern layouts. Everything up to the next
such line is that person's turn, so its "I" and "me" are theirs: "Yesterday, I received a letter from
No. 10" under "Pete Wishart (...)" is Pete Wishart's letter, "the leader of his party wrote to me" under
"Mr. Speaker" the Speaker's. A document has turns only when it reads as a debate or an answer (one of the
`debate_cues` or two speaker lines); a paragraph set out under a line ending "said:" quotes someone else,
and is no one's turn.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from graph.names import name_key
from loaders.extract import confidence as scoring
from loaders.extract.lexicon import LEX

if TYPE_CHECKING:
    from spacy.tokens import Token

    from graph.model import Node
    from loaders.extract.rules import DocumentRun

PEER_TITLES = frozenset(LEX.peer_titles)  # "Lord Bassam of Brighton": a peer is named with the place
MAX_LABEL = 90  # characters of a speaker line before its brackets: longer is prose, not a label
_WORD = r"[A-Z][\w'\u2019-]*\.?"
_TITLES = "|".join(re.escape(t) for t in sorted({*LEX.person_titles, "Madam"}, key=len, reverse=True))
_TITLED = rf"(?:{_TITLES})\.?[ \t]+{_WORD}(?:[ \t]+{_WORD}){{0,3}}"  # "Mr. Farr", "Madam Speaker"
_BARE = rf"{_WORD}(?:[ \t]+{_WORD}){{1,3}}(?=[ \t]*\()"  # "Pete Wishart (North Tayside)": needs its brackets
_OFFICE = rf"The[ \t]+[A-Z][^()\n:]{{3,{MAX_LABEL}}}?(?=[ \t]*\((?:{_TITLES})\.?[ \t])"  # "The Minister for X (Mr. Y)"
_LINE = re.compile(
    rf"^[ \t]*(?P<label>{_TITLED}|{_BARE}|{_OFFICE})"
    r"(?P<brackets>(?:[ \t]*\([^()\n]{1,80}\))*)[ \t]*(?::[ \t]*(?P<rest>\S.*)?)?$",
    re.M,
)
_BRACKET = re.compile(r"\(([^()\n]+)\)")
_FUNCTION_WORDS = ("of", "for", "the", "and", "to")
_OFFICE_WORD = rf"(?:[A-Z][\w'\u2019-]*|{'|'.join(_FUNCTION_WORDS)})"
_BARE_OFFICE = re.compile(
    rf"^[ \t]*(?P<label>The[ \t]+[A-Z][\w'\u2019-]*(?:[ \t]+{_OFFICE_WORD}){{0,7}})[ \t]*$", re.M
)  # "The PRIME MINISTER", "The Secretary of State for War": an office's line with no name in brackets


_CAPITALISED = r"[A-Z\u00c0-\u00de][\w'\u2019-]*"  # "Tánaiste", "Minister": a word of an office's name
_NUMBERED_QUESTION = re.compile(  # "40. Deputy Ann Lee asked the Minister for X if ...", "186. To ask the Minister for X ..."
    r"^[ \t]*Q?\d+\.[ \t]*(?:[^\n]{1,80}?[ \t]asked|To[ \t]+ask)[ \t]+the[ \t]+"
    rf"(?P<label>{_CAPITALISED}(?:[ \t]+(?:(?:{'|'.join(_FUNCTION_WORDS)})[ \t]+)*{_CAPITALISED})*)(?P<brackets>)[^\n]*",
    re.M,
)


@dataclass(frozen=True)
class Turn:
    """One contribution: the speaker's name and title as written, the characters it covers, and where
    its speaker line is (the evidence that this person spoke)."""

    name: str
    surface: str
    start: int
    end: int
    label_start: int
    label_end: int
    asked: bool = False  # an answer with no speaker line: its speaker is the office its question was put to


def _speaker(label: str, brackets: str) -> tuple[str, str] | None:
    """(name, surface) of a speaker line; an office line's holder is the titled name in its brackets."""
    if label.startswith("The "):
        held = next((b for b in _BRACKET.findall(brackets) if re.match(rf"(?:{_TITLES})\.?\s", b)), None)
        label = held.strip() if held else ""
    if not label or label.rstrip(".").endswith(("said", "asked")):
        return None
    words = label.split()
    if words[0] in PEER_TITLES and " of " in label:
        return label, label  # "Lord Bassam of Brighton": a peer's title is part of the name
    name = " ".join(w for w in words if w.rstrip(".") not in LEX.person_titles and w != "Madam") or label
    return name, label


def _office_key(label: str) -> str:
    """An office line's office, case and spacing aside: "The PRIME MINISTER (Mr. X)" and "The Prime Minister"."""
    return " ".join(label.split("(")[0].lower().split())


def _office_holder(label: str, named: dict[str, tuple[str, str]]) -> tuple[str, str] | None:
    """(name, surface) of a bare office line: the person its office line named in brackets earlier, else the
    office's holder, named by the office ("The Prime Minister" -> "Prime Minister"). Only an answering office
    (`speaker_offices`) reads so: "The Madoff Investigation" alone on a line is a heading."""
    words = label.split()[1:]
    if not any(w.lower() in LEX.speaker_offices for w in words):
        return None
    earlier = named.get(_office_key(label))
    if earlier is not None:
        return earlier
    office = " ".join(w.lower() if w.lower() in _FUNCTION_WORDS else w.capitalize() for w in words)
    return office, label


def _unspoken_answers(
    text: str, found: list[tuple[re.Match, tuple[str, str]]]
) -> list[tuple[re.Match, tuple[str, str]]]:
    """Answers printed under their numbered question with no speaker line (the Oireachtas written answers:
    "40. Deputy Ann Lee asked the Minister for X ...", "Written answers", then the answer): the office asked
    (one with an answering office word, `speaker_offices`) answers, so what follows the question up to the next
    speaker line or question is its holder's turn, the office in the question its label. A question a speaker
    line or another question follows is answered by that speaker."""
    questions = list(_NUMBERED_QUESTION.finditer(text))
    starts = sorted([m.start() for m, _ in found] + [q.start() for q in questions] + [len(text)])
    answers = []
    for question in questions:
        office = question["label"]
        if not any(w.lower() in LEX.speaker_offices for w in office.split()):
            continue
        end = text.find("\n\n", question.end())
        end = len(text) if end == -1 else end
        following = next(s for s in starts if s > question.start())
        if following > end and text[end:following].strip():
            answers.append((question, (office, "the " + office)))
    return answers


def turns(text: str) -> list[Turn]:
    """The speaker turns of a debate or answer, in order; none for a text that is neither."""
    found = []
    for match in _LINE.finditer(text):
        if len(match["label"]) > MAX_LABEL or match["rest"] and not match["brackets"]:
            continue  # "Mr. Speaker: Order." only when the line also gives a bracket, else a field or prose
        speaker = _speaker(match["label"], match["brackets"] or "")
        if speaker is not None:
            found.append((match, speaker))
    named = {_office_key(m["label"]): who for m, who in found if m["label"].startswith("The ")}
    for match in _BARE_OFFICE.finditer(text):
        holder = _office_holder(match["label"], named)
        if holder is not None and all(m.start() != match.start() for m, _ in found):
            found.append((match, holder))
    answers = _unspoken_answers(text, found)  # a numbered question is itself a sign of a parliamentary answer
    found.extend(answers)
    found.sort(key=lambda pair: pair[0].start())
    lowered = text.lower()
    if not found or len(found) < 2 and not answers and not any(cue in lowered for cue in LEX.debate_cues):
        return []
    bounds = [m.start() for m, _ in found[1:]] + [len(text)]
    return [
        Turn(
            name,
            surface,
            _body_start(m),
            end,
            m.start("label"),
            m.end("brackets" if "brackets" in m.re.groupindex else 0),
            m.re is _NUMBERED_QUESTION,
        )
        for (m, (name, surface)), end in zip(found, bounds, strict=True)
    ]


def _body_start(match: re.Match) -> int:
    """Where the turn's words begin: after the colon of "Label: words", else after the speaker line."""
    rest = match.groupdict().get("rest")
    return match.start("rest") if rest else match.end()


def _quoted_paragraph(text: str, at: int) -> bool:
    """Inside a paragraph set out under a line ending with a colon ("... he said:"): someone else's words."""
    start = text.rfind("\n\n", 0, at)
    return start > 0 and text[:start].rstrip().endswith(":")


def read(run: DocumentRun) -> None:
    """Before the sentence pass: each turn's speaker as a Person node, for `speaker_at`."""
    run.turns = []
    for turn in turns(run.document.text):
        node = run.x.resolver.person(turn.name, run.ctx, turn.surface)
        if node is not None:
            run.turns.append((turn, node))


def adopt_office_holders(run: DocumentRun) -> None:
    """After roles are resolved: an answer's asked office that the text names as a role ("asked the Minister for
    Justice and Equality") is that role's holder, one node with the office in the question, not a second one."""
    for i, (turn, _speaker_node) in enumerate(run.turns):
        if not turn.asked:
            continue
        for mention in run.parse.mentions:
            if mention.kind not in ("person", "role") or mention.node is None or mention.node.label != "Person":
                continue
            start = run.parse.offsets[mention.doc_index] + run.parse.docs[mention.doc_index][mention.start].idx
            if start == turn.label_start and name_key(mention.text) == name_key(turn.name):
                run.turns[i] = (turn, mention.node)
                break


def speaker_at(run: DocumentRun, doc_index: int, token: Token) -> Node | None:
    """The person whose turn holds `token` ("I", "me"), or None outside every turn."""
    at = run.parse.offsets[doc_index] + token.idx
    for turn, node in run.turns:
        if turn.start <= at < turn.end:
            return None if _quoted_paragraph(run.document.text, at) else run.add_node(node)
    return None


def mention_speakers(run: DocumentRun) -> None:
    """After the mentions pass: each speaker no claim names is still a party to the debate, mentioned
    by their speaker line ("Mr. Robin Maxwell-Hyslop (Tiverton)"), once."""
    cited = {c.from_id for c in run.claims if not c.negated} | {c.to_id for c in run.claims if not c.negated}
    for turn, node in run.turns:
        sentence = next((s for s in run.parse.sentences if s.start <= turn.label_start < s.end), None)
        if node.id in cited or sentence is None:
            continue
        cited.add(node.id)
        run.add_node(node)
        text = run.document.text[turn.label_start : turn.label_end]
        line = replace(sentence, start=turn.label_start, end=turn.label_end, text=text)
        run.claims.append(
            run._claim("MENTIONS", run.document.source_id, node.id, line, scoring.weight("mention"), "rules.mention")
        )
