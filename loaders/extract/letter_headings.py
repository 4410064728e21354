"""The names people give a letter its heading describes: "Letter from A, <office>, to B, <office>, <date>".

A letter printed under a heading line (committee papers, appendices, footnotes) or known by a sidecar title
of that shape is named by the whole line, appositions and all. Other texts, and the gold files' own naming
convention, call it more briefly (issue #13, document naming):

- the heading cut after the second party's name, the appositions after it dropped ("Letter from Shahid
  Malik MP, Parliamentary Under Secretary of State ... to Dr Phyllis Starkey"), and with every apposition
  dropped ("Letter from the Clerk to all Departments"), also with its date ("... of 5 July 2000");
- the sender's possessive with the date: "the Cabinet Secretary's letter of 16 November 2020", "the Home
  Secretary's letter of 12 March 2015" (an office the heading gives the sender after a comma), "Theresa May's
  letter ...", "May's letter ...", "the Clerk's letter of 8 June 2006" ("the Clerk of the Committee"), with
  the date as written, in the British and the US order, and without the year ("your letter of 28 July"
  cites it so); and with the addressee: "the Ranking Member's letter to Chairman Gowdy of 9 March 2018".

Only the words of the heading are used: nothing is looked up. The aliases are added to the letter's node
(`citations.letter_claims` for a heading line, `own_titles.name_own_document` for the title of the text); a letter
named by a dated mention ("your March 29, 2019 letter") gets the same sender and date forms
(`document_names.name_dated_letters`).
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass

from loaders.dates import DateValue, parse_date
from loaders.extract.lexicon import LEX

MAX_OFFICE_WORDS = 8  # an apposition longer than this is a description, not the sender's office
_HEADING = re.compile(
    r"(?:^|:\s+|\s[\u2014\u2013-]\s+)(?P<noun>[A-Za-z-]+)\s+(?P<first>from|to)\s+(?P<rest>\S.*)$", re.I
)
_NAME_ENDS = re.compile(r"\s+(?:on|regarding|about|concerning|enclosing)\s+|\s+\(")  # "... to X on access to records"
_DATED = re.compile(r"^(?:dated\s+|of\s+|\()", re.I)


@dataclass(frozen=True)
class Party:
    """One party of a heading: its name as written (before its first comma) and the office after it."""

    written: str
    office: str | None

    @property
    def is_office(self) -> bool:
        """ "the Cabinet Secretary", "the Chairman of the Committee": a title, not a person's name."""
        return self.written.lower().startswith("the ") or _words(self.written)[0] in LEX.office_titles

    def plain(self, article: bool = False) -> str:
        """The name without honorifics and post-nominals ("Rt Hon Tessa Jowell MP" -> "Tessa Jowell"), and
        without its article unless `article` ("the Clerk")."""
        words = _words(self.written)
        titled = len(words) > 1 and _is_title(words[1])  # "the Rt Hon Theresa May MP": no article for a person
        the = words[:1] if words[0].lower() == "the" and article and not titled else []
        if words[0].lower() == "the":
            words = words[1:]
        if words and words[0] not in LEX.peer_titles:
            while len(words) > 1 and _is_title(words[0]):
                words = words[1:]
        while len(words) > 1 and words[-1].strip(",") in LEX.post_nominals:
            words = words[:-1]
        return " ".join([*the, *words])

    def is_person(self) -> bool:
        """A name ("Tessa Jowell", "Marc T. Short"): capitalised words, none an office, role or body word."""
        words = self.plain().split()
        return (
            not self.is_office
            and len(words) > 1
            and all(w[:1].isupper() for w in words)
            and not any(w.lower().rstrip("s") in LEX.office_nouns | LEX.role_nouns for w in words)
            and not any(w.lower() in LEX.body_words for w in words)
        )

    def names(self, sender: bool = True) -> list[str]:
        """What a writer calls the party when naming its letter: the plain name; for an office also its head
        before "of" ("the Clerk of the Committee" -> "Clerk"); for a person the surname (after a title,
        "Chairman Trey Gowdy" -> "Chairman Gowdy") and the office the heading gives after a comma."""
        plain = self.plain(article=not sender)  # "letter to the Chairman", "the Chairman's letter"
        found = [plain]
        words = plain.split()
        if sender and self.is_office and " of " in plain:
            head = plain.split(" of ")[0]
            if head.split()[-1].lower() in LEX.office_nouns | LEX.role_nouns:
                found.append(head)
        elif self.is_office and len(words) > 2 and words[0] in LEX.office_titles:
            found.append(f"{words[0]} {words[-1]}")  # "Chairman Trey Gowdy" -> "Chairman Gowdy"
        elif self.is_person() and words[0] not in LEX.peer_titles:
            found.append(words[-1])  # "Theresa May" -> "May"; "Lord Carter" stays whole
        if self.office and sender:
            found.append(self.office)
        return list(dict.fromkeys(n for n in found if n))


@dataclass(frozen=True)
class LetterHeading:
    """A heading "Letter from A to B, DATE" read into its noun, its parties and its date."""

    noun: str
    sender: Party
    recipient: Party | None
    cut: str | None  # the heading up to the end of its second party's name
    date: DateValue | None


def _words(text: str) -> list[str]:
    return text.split() or [""]


def _is_title(word: str) -> bool:
    bare = word.rstrip(".")
    return word in LEX.person_titles or f"{bare}." in LEX.person_titles or bare in LEX.person_titles


def _day(text: str, published: str | None, precision: str | None) -> DateValue | None:
    value = parse_date(_DATED.sub("", text.strip()), published, precision)
    return value if value is not None and value.precision == "day" else None


def _party(text: str, last: bool, published: str | None, precision: str | None) -> tuple[Party, int, DateValue | None]:
    """A party's name, its office, where its name ends in `text`, and (for the heading's last party) a date
    written after it ("..., 16 November 2020", "Tony Wright, MP of 5 July 2000", "dated 8 June 2006")."""
    pieces = text.split(", ")
    name = pieces[0]
    if last:
        cut = _NAME_ENDS.search(name)
        name = name[: cut.start()] if cut else name
    date = office = None
    for index, piece in enumerate(pieces[1:] if last else [], start=1):
        joined = ", ".join(pieces[index : index + 2])  # "March 9, 2018" was split at its comma
        date = _day(joined, published, precision) or _day(piece, published, precision)
        if date is None and " of " in piece:  # "Tony Wright, MP of 5 July 2000"
            date = _day(piece.rsplit(" of ", 1)[1], published, precision)
        if date is not None:
            break
    if " of " in name and last and date is None:  # "Letter from Madam Speaker to Tony Wright of 5 July 2000"
        head, tail = name.rsplit(" of ", 1)
        date = _day(tail, published, precision)
        name = head if date is not None else name
    if len(pieces) > 1 and _day(pieces[1], published, precision) is None and not re.search(r"\d", pieces[1]):
        second = pieces[1].removeprefix("the ")
        office = second if _is_office_words(second) else None
    return Party(name.strip(), office), len(name.rstrip()), date


def _is_office_words(text: str) -> bool:
    """ "Home Secretary", "Economic Secretary", "Assistant to the President": capitalised, short, with an
    office word in it (not a body's name or a constituency)."""
    words = text.split()
    return (
        0 < len(words) <= MAX_OFFICE_WORDS
        and words[0][:1].isupper()
        and any(w.lower() in LEX.office_nouns | LEX.role_nouns for w in words)
        and not any(w.lower() in LEX.body_words for w in words)
    )


def read(heading: str, published: str | None = None, precision: str | None = None) -> LetterHeading | None:
    """The heading's letter, when it opens (after a short "Label:") with a correspondence noun and "from"/"to"."""
    text = " ".join(heading.split())
    match = _HEADING.search(text)
    if match is None or match.group("noun").lower() not in LEX.correspondence:
        return None
    first, rest, rest_at = match.group("first").lower(), match.group("rest"), match.start("rest")
    other = "to" if first == "from" else "from"
    split = rest.find(f", {other} ")
    gap = len(f", {other} ")
    if split < 0:
        found = re.search(rf"\s{other}\s", rest)
        split, gap = (found.start(), len(found.group())) if found else (-1, 0)
    if split < 0 and first == "to":
        return None  # "Note to editors": no sender, no letter of anyone's
    if split < 0:
        party, _, date = _party(rest, True, published, precision)
        second, cut = None, None
    else:
        one, _, _ = _party(rest[:split], False, published, precision)
        two, end, date = _party(rest[split + gap :], True, published, precision)
        party, second = (one, two) if first == "from" else (two, one)
        cut = text[match.start("noun") : rest_at + split + gap + end].rstrip(" ,")
    if not party.written:
        return None
    return LetterHeading(match.group("noun").lower(), party, second, cut, date)


def date_forms(date: DateValue, with_year: bool = True) -> list[str]:
    """The day as written and in the British and US orders ("9 March 2018", "March 9, 2018"); without the year
    ("9 March", "March 9") when `with_year` is false."""
    year, month, day = (int(p) for p in date.start.split("-"))
    name = calendar.month_name[month]
    if not with_year:
        return [f"{day} {name}", f"{name} {day}"]
    return list(
        dict.fromkeys([date.text.removeprefix("dated ").strip(" ,"), f"{day} {name} {year}", f"{name} {day}, {year}"])
    )


def possessive(name: str) -> str:
    return f"{name}'" if name.endswith("s") else f"{name}'s"


def aliases(letter: LetterHeading, date: DateValue | None = None) -> list[str]:
    """The names of the heading's letter (module docstring); `date` stands in when the heading has none."""
    date = letter.date or date
    noun = letter.noun
    found = [letter.cut] if letter.cut else []
    senders = letter.sender.names()
    recipients = letter.recipient.names(sender=False) if letter.recipient is not None else []
    plain = f"{noun.capitalize()} from {letter.sender.plain(article=True)}"
    if letter.recipient is not None:
        plain += f" to {letter.recipient.plain(article=True)}"
    found.append(plain)
    if date is not None and date.precision == "day":
        days = date_forms(date)
        found += [f"{plain} of {day}" for day in days[:2]]
        for sender in senders:
            owned = f"{possessive(sender)} {noun}"
            found += [f"{owned} of {day}" for day in [*days, *date_forms(date, with_year=False)]]
            found += [f"{owned} to {recipient} of {day}" for recipient in recipients for day in days[:2]]
    return [a for a in dict.fromkeys(found) if a]
