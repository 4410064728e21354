"""The lexicon as data (loaders/extract/data/lexicon/*.yaml): checked on load, driving the rules,
and the one place each word list is defined. Sentences are SYNTHETIC, about FICTIONAL bodies."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import yaml

from loaders.extract import lexicon
from loaders.extract.lexicon import LEX, LEXICON_DIR, LexiconError, load_lexicon
from loaders.extract.rules import RuleExtractor
from tests.extract_helpers import claim, edges, run

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def extractor():
    return RuleExtractor()


def _copy(tmp_path: Path) -> Path:
    target = tmp_path / "lexicon"
    shutil.copytree(LEXICON_DIR, target)
    return target


def _edit(directory: Path, name: str, change) -> None:
    path = directory / name
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=lexicon._Loader)  # noqa: S506 (safe; "on" stays a word)
    change(data)
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")


def test_the_shipped_lexicon_loads_once_and_keeps_today_s_frames():
    assert load_lexicon() is load_lexicon()  # cached: read once per process
    assert LEX.frames["send"].claim == "SENT" and LEX.frames["warn"].tells
    assert LEX.frames["hand"].particle is True and LEX.frames["address"].needs_recipient
    assert LEX.frames["write"].letter_to == {"to"} and LEX.frames["ask"].requests_work
    assert LEX.document("letter").preps("sender") == {"from"} and LEX.document("report").preps("author") == {
        "by",
        "from",
    }
    assert {"on", "no"} <= LEX.title_function_words | LEX.quantifiers  # YAML 1.1 would have made these booleans


@pytest.mark.parametrize(
    ("name", "change", "expected"),
    [
        (
            "verbs.yaml",
            lambda d: d["frames"].update(zorble={"claim": "FORWARDED"}),
            r"verbs\.yaml: frames\.zorble\.claim: unknown claim type 'FORWARDED'",
        ),
        (
            "verbs.yaml",
            lambda d: d["frames"].update(present={"claim": "MENTIONS"}),
            r"verbs\.yaml: frames\.present\.claim: a verb frame cannot give MENTIONS",
        ),
        (
            "verbs.yaml",
            lambda d: d["frames"]["send"].update(recipient=["to"]),
            r"verbs\.yaml: frames\.send: unknown key recipient",
        ),
        (
            "verbs.yaml",
            lambda d: d["frames"]["warn"].update(tells="yes"),
            r"verbs\.yaml: frames\.warn\.tells: expected true or false",
        ),
        ("verbs.yaml", lambda d: d.update(verb_frames={}), r"verbs\.yaml: verb_frames: unknown key"),
        (
            "nominals.yaml",
            lambda d: d["documents"]["letter"]["prepositions"].update(via="courier"),
            r"nominals\.yaml: documents\.letter\.prepositions\.via: role 'courier'",
        ),
        (
            "nominals.yaml",
            lambda d: d["documents"]["memo"].update(genre="note"),
            r"nominals\.yaml: documents\.memo\.genre: 'note' is not one of",
        ),
        (
            "nominals.yaml",
            lambda d: d["framed_documents"].append("opinion"),
            r"nominals\.yaml: framed_documents: 'opinion' has no frame under documents",
        ),
        ("words.yaml", lambda d: d.pop("person_titles"), r"words\.yaml: person_titles: missing"),
        (
            "words.yaml",
            lambda d: d["role_nouns"].append("barrister"),
            r"words\.yaml: role_nouns: listed twice: barrister",
        ),
        (
            "words.yaml",
            lambda d: d["generic_bodies"].update(guild="guild"),
            r"words\.yaml: generic_bodies\.guild: context 'guild'",
        ),
    ],
)
def test_a_malformed_file_is_refused_naming_the_file_and_the_key(tmp_path, name, change, expected):
    directory = _copy(tmp_path)
    _edit(directory, name, change)
    with pytest.raises(LexiconError, match=expected):
        load_lexicon(directory)


def test_invalid_yaml_is_refused_naming_the_file(tmp_path):
    directory = _copy(tmp_path)
    (directory / "words.yaml").write_text("person_titles: [Mr, Dr\n", encoding="utf-8")
    with pytest.raises(LexiconError, match=r"words\.yaml: invalid YAML"):
        load_lexicon(directory)


CONVEY = "In May 2016 the Harbour Water Authority conveyed the audit to the Department of Civic Affairs."


def test_a_verb_frame_added_as_data_makes_its_sentence_a_claim(tmp_path, extractor):
    """Proof that data drives the rules: "convey" is no verb of the shipped lexicon; one line of
    verbs.yaml makes the same sentence a SENT and a RECEIVED claim."""
    assert "convey" not in LEX.frames
    before = run(extractor, CONVEY)
    assert not edges(before, "SENT") and not edges(before, "RECEIVED")
    directory = _copy(tmp_path)
    _edit(directory, "verbs.yaml", lambda d: d["frames"].update(convey={"claim": "SENT"}))
    with lexicon.use(load_lexicon(directory)):
        after = run(extractor, CONVEY)
    claim(after, "SENT", "Harbour Water Authority", "audit")
    claim(after, "RECEIVED", "Department of Civic Affairs", "audit")
    assert "convey" not in LEX.frames  # the shipped lexicon is back


def test_a_particle_requirement_is_data(tmp_path, extractor):
    """ "handed over": `particle: true` on hand; the same requirement on "pass" drops a bare "passed"."""
    text = "The Westmere Trust passed the dossier to Northshire Police in 2012."
    claim(run(extractor, text), "SENT", "Westmere Trust", "dossier")
    directory = _copy(tmp_path)
    _edit(directory, "verbs.yaml", lambda d: d["frames"]["pass"].update(particle=["on"]))
    with lexicon.use(load_lexicon(directory)):
        assert not edges(run(extractor, text), "SENT")
        claim(
            run(extractor, "The Westmere Trust passed the dossier on to Northshire Police in 2012."),
            "SENT",
            "Westmere Trust",
            "dossier",
        )


# -- each list once ----------------------------------------------------------------------------
EXTRACTION_CODE = [ROOT / "loaders" / "resolve.py", *sorted((ROOT / "loaders" / "extract").glob("*.py"))]


def _code() -> dict[Path, str]:
    return {path: path.read_text(encoding="utf-8") for path in EXTRACTION_CODE}


@pytest.mark.parametrize(
    "words",
    [
        ("Baroness", "Reverend", "Dame"),  # person titles
        ("Constabulary", "Inspectorate", "Directorate"),  # body head words
        ("whistleblower", "criminologist", "caseworker"),  # role nouns
        ("purportedly", "supposedly"),  # hedge adverbs
        ("memorandum", "petition"),  # document nouns
        ("co-author", "circulate"),  # verb frames
    ],
)
def test_word_lists_live_only_in_the_lexicon(words):
    """No extraction module spells out a lexicon list: its words appear in no Python source."""
    for path, text in _code().items():
        for word in words:
            assert not re.search(rf"[\"']{re.escape(word)}[\"']", text, re.I), (
                f"{path.name} lists {word!r}: it belongs in data/lexicon/"
            )


def test_no_list_is_defined_twice_across_the_lexicon_files():
    """Each word list exists once: no two top-level lists of the lexicon files are the same set."""
    lists: dict[str, frozenset[str]] = {}
    for path in sorted(LEXICON_DIR.glob("*.yaml")):
        for key, value in yaml.load(path.read_text(encoding="utf-8"), Loader=lexicon._Loader).items():
            if isinstance(value, list):
                lists[f"{path.name}:{key}"] = frozenset(value)
    seen: dict[frozenset[str], str] = {}
    for where, words in lists.items():
        assert words not in seen, f"{where} repeats {seen[words]}"
        seen[words] = where
    titles = [where for where, words in lists.items() if {"Baroness", "Reverend"} <= words]
    assert titles == ["words.yaml:person_titles"]


def test_a_signature_strips_every_person_title_the_names_do():
    """One title list: a signature's "Rev" or "Baroness" is stripped as in the names the text gives
    (speaker.py once had a shorter list of its own, so "Rev John Smith" never met "John Smith")."""
    from loaders.extract.speaker import document_speaker
    from loaders.resolve import clean_person_name

    assert (
        document_speaker("Dear Sir,\n\nYours sincerely,\nRev John Smith\n")
        == "John Smith"
        == clean_person_name("Rev John Smith")[0]
    )
    assert document_speaker("Witness statement of Baroness Ann Lee\n") == "Ann Lee"
