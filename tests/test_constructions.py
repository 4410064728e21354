"""The construction suite (tests/constructions/*.yaml): its shape, its generation, its runner, and the
pass-rate floors the extractor must not drop below (CheckList-style behavioural tests, FICTIONAL
bodies only)."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from graph.model import Claim, Node, node_id
from loaders.constructions import SUITE_DIR, SuiteError, load_suite, run_suite, score_case
from loaders.document import Extraction

# ---------------------------------------------------------------------------------------------
# FLOORS: the pass rates the default extractor reaches today (rounded down to the percent).
# Raise them as extraction improves; a drop below one fails test_pass_rates_do_not_drop.
# `kflow constructions --show-failures` lists what fails.
OVERALL_FLOOR = (
    0.97  # 484/495 (the citation_letters cases add three NER misses: a heading name tagged as a body or place)
)
FLOORS = {
    "made_to": 1.00,  # 39/39
    "filed_with": 1.00,  # 24/24
    "active": 1.00,  # 21/21
    "passive_by": 1.00,  # 18/18
    "passive_agentless": 1.00,  # 27/27
    "nominal": 0.95,  # 20/21
    "relative_clause": 0.83,  # 15/18
    "coordinated_senders": 1.00,  # 16/16
    "coordinated_recipients": 0.95,  # 19/20
    "flow_verbs": 1.00,  # 21/21
    "engage_verbs": 1.00,  # 21/21
    "document_parties": 1.00,  # 15/15
    "document_frame": 1.00,  # 18/18
    "date_before": 1.00,  # 12/12
    "date_inside": 1.00,  # 12/12
    "date_after": 1.00,  # 12/12
    "roles": 1.0,  # 21/21
    "org_names_whole": 1.00,  # 15/15
    "weekday_not_topic": 1.00,  # 15/15
    "negated": 1.00,  # 21/21
    "hedged": 1.00,  # 15/15
    "future": 1.00,  # 15/15
    "question": 1.00,  # 15/15
    "headline": 1.00,  # 15/15
    "dateline": 1.00,  # 12/12
    "office_holders": 0.91,  # 11/12
    "definite_later_mentions": 1.00,  # 12/12
    "portfolio_names_whole": 1.00,  # 12/12
    "documents_by_description": 1.00,  # 12/12
    "possessor_sends_passive": 0.91,  # 11/12 (the parser breaks "the Department of X's report")
    "markdown_links": 0.91,  # 11/12 (a link on the verb: "[published](url) X")
    "defined_acronyms": 1.00,  # 12/12
    "several_objects": 1.00,  # 12/12
    "owned_documents": 1.00,  # 12/12
    "titled_holders": 1.00,  # 12/12
    "bold_names": 1.00,  # 12/12
    "announced_release": 1.00,  # 12/12
    "citation_letters": 0.80,  # 12/15 (the small model tags "Helen Marsh MP" in a heading as a body)
    "uk_letter_layout": 0.87,  # 14/16 (the small model tags "Tom Briggs MP Chair, X" on one line as a body)
    "us_letter_layout": 1.00,  # 43/43
    "referred_letters": 1.00,  # 28/28 (before the refs round: 7/28)
    "office_comma_body": 1.00,  # 12/12
    "portfolio_ministers": 1.00,  # 12/12
    "written_answers": 1.00,  # 12/12
    "quoted_titles": 1.00,  # 12/12
    "listed_documents": 1.00,  # 10/10
    "front_matter": 0.91,  # 11/12 (a body name the tagger cuts short is not the whole line)
    "information_it_received": 0.75,  # 9/12 ("The Review examined how X had acted on information it had received": nothing yet)
    "referrals": 1.00,  # 18/18
    "public_filing": 1.00,  # 21/21
    "shared_committee_heads": 1.00,  # 12/12
    "reported_to_body": 1.00,  # 12/12
    "sender_writes_new_report": 1.00,  # 12/12
    "news_articles": 1.00,  # 10/10
    "coordinated_dates": 1.00,  # 12/12
    "office_titles": 1.00,  # 12/12
    "joined_body_heads": 1.00,  # 12/12
    "letter_as_frame": 1.00,  # 12/12
    "letters_from_sender": 1.00,  # 12/12
    "issued_to": 0.93,  # 14/15 (the tagger splits "Greyfield Children's Trust" as a subject)
    "covering_formula": 1.00,  # 12/12
    "answer_speaker": 1.00,  # 12/12
    "debate_turns": 1.00,  # 18/18
    "one_of_many": 1.00,  # 12/12
    "report_of_body": 1.00,  # 15/15
    "historic_answer_department": 1.00,  # 12/12
    "announced_commission": 0.83,  # 10/12 (a date that swallows the subject, a name NER misses)
    "topic_phrases": 1.00,  # 12/12
    "wrapped_documents": 1.00,  # 21/21 ("sent an unredacted version of X to Y")
    "object_lists": 1.00,  # 30/30 ("sent X, a copy of Y and Z to W", "sent X to Y and Z to W")
    "coordinated_prepositions": 1.00,  # 30/30 ("to A and to B", "by A and by B", "to A as well as B")
    "coordinated_post_holders": 0.91,  # 11/12 ("A and the X director B sent": the parser hangs one B apart)
    "coordinated_told": 0.90,  # 19/21 (the tagger reads "Larkspur Lodge" as a person; one "of the merger" hung apart)
    "detached_titles": 0.91,  # 11/12 ("and to the chair of X, Professor Y,"; a peer, "Lord Ferris of Tallow", is no one entity)
    "entitled_titles": 1.00,  # 12/12
    "dated_letters": 0.91,  # 11/12 (one parse hangs "dated" on the sender's body)
    "address_forms": 1.00,  # 18/18
    "body_name_lists": 1.00,  # 24/24
    "peer_names": 1.00,  # 12/12
    "block_titles": 1.00,  # 12/12
    "split_names": 1.00,  # 12/12
    "numbered_documents": 0.87,  # 21/24 ("received Form NSR-241 from X": the parser splits the form name)
    "authored_investigations": 1.00,  # 13/13
    "referral_investigations": 1.00,  # 12/12
    "sent_letter_sets": 1.00,  # 12/12
    "studies_begun": 1.00,  # 12/12
    "linked_letters": 0.94,  # 17/18 (one NER miss: "alerted A's Trust and B" read as a topic)
    "disclosed_matters": 1.00,  # 15/15
    "agency_studies": 1.00,  # 11/11
    "publisher_we": 1.00,  # 10/10 (coref2: "we" is the publisher the text names)
    "department_offices": 1.00,  # 21/21 (igoffices: "the Department of X (DX) Office of the Inspector General (OIG)" one body)
    "acting_office_titles": 0.91,  # 11/12 (one NER miss: "Special Counsel Daniel Okafor" left untitled)
    "committee_report_formula": 1.00,  # 10/10
    "shared_passive_subjects": 1.00,
    "issued_letters": 1.00,
    "committee_agreed_report": 1.00,
    "own_titles": 1.00,  # 18/18 (the document being read named by its sidecar title, own_titles.py)
    "address_blocks": 1.00,  # 10/10 (2/10 before address_blocks.py)
    "statement_headings": 1.00,  # 7/7 (4/7 before statement_members.py and initials in names)
    "letter_tellings": 1.00,  # 7/7 (sent letters telling their recipients: letter_tellings.py)
    "clause_matters": 0.94,  # 18/19 (a matter named by its clause: clause_matters.py)
    "discussed_with": 1.00,  # 24/24 ("T was discussed with Y": Y KNEW_ABOUT T, relations._knowledge; verbs.yaml passive_told)
    "found_matters": 0.94,  # 35/36 ("X found that ..." in a whistleblower text: the finder knows the matter, disclosed_matters.py)
    "told_matters": 1.00,  # 27/27 (a letter's that-clause tells the whistleblower matter; the unnamed teller: told_matters.py)
    "gerund_receipts": 1.00,  # 24/24 ("After receiving X, Y acted": Y RECEIVED X, relations._gerund_clause_subjects)
    "clause_enclosures": 1.00,  # 24/24 ("Enclosed is X", "Please find enclosed X", "the attached report": letter_openers.py)
    "directed_studies": 1.00,  # 10/10 (a direction to study commissions the study, directed_studies.py)
    "directing_verbs": 1.00,  # 10/10 (directed / compelled / invited / tasked X to review)
    "numbered_flows": 0.94,  # 37/39 ("The Council on X considered S. 870, ..., and reports favorably": parsed as a name)
    "testimony_openers": 1.00,  # 10/10 (a statement's opening: its sender and who invited it, testimony_openers.py)
    "writer_requests": 1.00,  # 13/13 ("you requested that we examine": the requester commissioned the text, writer_requests.py)
    "pronoun_aliases": 1.00,  # 18/18 ("its report", "our March 2007 report" as aliases: pronoun_aliases.py)
    "party_not_topic": 1.00,  # 15/15 ("informed that the Northshire Agency was seeking ...": no topic named by the body; relations.names_a_party)
    "titles_not_bodies": 1.00,  # 33/33 ("Northshire Rail Administrator", "Coastal Security Advisor": an office, not a body; mentions.names_an_office)
    "unnamed_office_titles": 1.00,  # 30/30 ("the Inspector General of X ... The Inspector General sent": one holder; offices.py, office_coref.py)
    "body_titled_people": 0.95,  # 46/48 ("X Commission Chairman Tom Cole", "... Inspector General Ann M. Lee"; the tagger joins "Committee on Harbour Works Ann Lee" after "Ranking Member of the")
    "joined_portfolios": 1.00,  # 24/24 ("Minister for Civic Affairs and Equality", "the Taoiseach": one office, not a body; nlp._shape_patterns, roles.yaml)
    "titled_people": 1.00,  # 30/30 ("Ranking Member Tolley" is Tolley; "Senator McArdle"; "Rep. Tom Hale, Chairman of X")
    "testimony_openings": 1.00,  # 12/12 ("Ranking Member X, and Members of the Subcommittee:": members of the audience)
    "document_headers": 0.93,  # 15/16 (flattened memo headers, the letterhead's body; the small model reads "Chief Greyfield Children" as a name)
    "memo_enclosures": 1.0,  # 12/12 (MEMORANDUM TO: / FROM: headers; "Attached is the Office of X report" sent from sender to recipient)
    "writer_findings": 1.00,  # 16/16 ("we found that X", "we issued a report", "our letters dated D": writer_findings.py)
    "committee_we": 1.00,  # 11/11 ("we" on a committee's own page: the committee its publisher names, publisher_we.py)
    "regulator_findings": 1.00,  # 13/13 ("violations were identified": the writer knew; regulator_findings.py)
    "breach_meetings": 1.00,  # 10/10 ("a conference was held with you to discuss the violations": breach_meetings.py)
    "report_names": 1.00,  # 12/12 ("its report on X, which ...": "its report on X"; "X report to Y of March 2018")
    "body_before_title": 1.00,  # 18/18 ("said DCA Deputy Director Ann Kerr": MEMBER_OF the DCA; 6/18 before roles8)
    "release_staff": 1.00,  # 15/15 ("said Senior Counsel Ann Lee" in the body's own release: release_staff.py; 9/15 before)
    "discloser_bodies": 1.00,  # 15/15 ("a whistleblower with X", "the whistleblower, a former analyst at X": discloser_bodies.py)
    "chaired_by": 1.00,  # 15/15 ("the X Inquiry chaired by Sir Tom Hale": chaired_by.py; 6/15 before)
    "layout_addressees": 1.00,  # 15/15 (an address block above "JAN 25 2019"-style date stamps and a joint "Dear Ms. X and Chairman Y:", "Testimony Before the X" cover line, "Before the / COMMITTEE ON Y" in capitals, "Dear Helen and Tom," above a block naming both, "a memorandum for the Director of X")
    "fronted_reports": 1.00,  # 15/15 (round 8: nominal8)
    "framed_documents": 0.95,  # 40/41 (the small model does not take "Priya Anand's" for a person)
    "authored_documents": 1.00,  # 12/12 (a letter's signatory wrote it, signed_authors.py; issuing is no writing)
    "author_fields": 1.00,  # 19/19 ("Author: X", "Report Author: X", "Prepared by: X" lines; author_fields.py)
    "testimony_headings": 1.00,  # 13/13 ("Testimony of Ann Lee" at a line's start; speaker.py)
    "following_statements": 1.00,  # 20/20 ("X issued the following statement:": following_statements.py)
    "job_appositions": 1.00,  # 17/17 ("Ann Lee, a former DCA IT specialist": MEMBER_OF; a GAO team is no body, headless_units.py)
    "transferred_documents": 1.00,  # 33/33 ("issued a subpoena to X", "received an alert from X": transferred_documents.py)
    "receipt_phrases": 1.00,  # 21/21 ("X is in receipt of D", "upon receipt of D, X ...": receipt_phrases.py)
    "moved_plurals": 1.00,  # 30/30 ("X sent findings to Y", "received results from Y": transferred_documents.py)
    "fronted_appositions": 1.00,  # ("In 2009 Ann Lee, an IT specialist at X, sent": fronted_subjects.py; 68/72 before)
    "page_furniture": 1.00,  # 21/21 (furn: "Select Committee on X Written Evidence" / "... Sixth Report", a capitals line, a day: not the name)
    "apposed_titles": 1.00,  # 27/27 (precision4: "a letter from X, Title, Body, to Y": the title and body are X's)
    "national_prefixes": 1.00,  # 15/15 (entities4: "U.S. Department of X" found with and without its prefix; national_prefixes.py)
    "flattened_page_names": 1.00,  # 15/15 (entities5: a name ends before its address's city and a form's next field label)
    "office_title_fragments": 1.00,  # 12/12 (entities5: "the Ranking | Member" is no body)
    "publisher_holders": 1.00,  # 15/15 (furn: "the Commissioner" in the Commissioner's office's own notice)
    "letter_matters": 0.95,  # 30/30 ("sent findings to Y regarding T": Y KNEW_ABOUT T, letter_matters.py)
    "told_documents": 1.00,  # 15/15 ("informed Y of the report's release": Y KNEW_ABOUT the report)
    "answered_letters": 1.00,  # 15/15 ("your letter of D about T": the writer's side KNEW_ABOUT T)
    "brought_attention": 0.92,  # 36/39 ("brought T to the attention of Y": Y KNEW_ABOUT T, brought_attention.py)
    "document_coreference": 1.00,  # 39/39 ("X wrote to Y ... the letter": X's letter; two writers' letters stay two)
    "signed_writer": 1.00,  # 12/12 ("I" of a letter: the writer a run-on sign-off, "Yours," or a numbered heading names)
    "unfinished_work": 1.00,  # 16/16 ("its ongoing investigation": no AUTHORED yet, unfinished_work.py)
    "hoped_flows": 1.00,  # 12/12 ("I am hoping to send the report to X": not sent, relations.lemma_in)
    "testimony_salutation": 1.00,  # 11/11 (the witness above "Mr. Chairman and Members": not the addressee)
    "letter_names": 1.00,  # 12/12 (a letter's heading names it as texts cite it: letter_headings.py)
    "published_authors": 1.00,  # 25/25 ("X published a report": X AUTHORED it too; verbs.yaml authors_new)
    "titled_memberships": 0.95,  # 22/23 ("Ann Lee, Inspector General, Department of X", "served as head of X")
    "quoted_writers": 1.00,  # 37/37 ("X and Y sent a letter ... '...,' the senators wrote": they AUTHORED it)
    "titled_member_appositions": 1.00,  # 15/15 ("Ann Lee, Ranking Member of the Committee on X,": its member)
    "coordinated_committee_members": 1.00,  # 16/16 ("A and B, Chairman and Ranking Member of X,": both X's members)
    "requested_work": 1.00,  # 14/14 ("asked the GAO to conduct a review": the review commissioned, not the GAO)
    "hyphenated_document_names": 1.00,  # 12/12 ("a follow-up letter" named as written)
    "flattened_address_blocks": 1.00,  # 12/12 ("Dear Mr. Chairman:" under a one-line address block: its person)
    "letter_addressing": 1.00,  # 11/11 ("X urged Y in a letter to ...": X sent it, Y received it)
    "title_phrase_members": 1.00,  # 18/18 ("Chair of the X Committee Ann Lee (D-OR)": X's member)
    "regulator_issues": 1.00,  # 14/14 ("issued Bulletin 2031-007", "the Order issued to X", "In the Order, EPA alleges")
    "company_names": 1.00,  # 10/10 ("Kestrel Media, LLC" is one body, never "LLC": nlp._shape_patterns)
    "formal_complaints": 1.00,  # 11/11 ("EPA filed administrative complaints", "the agency's complaint": filed_complaints.py)
    "question_presupposed_authors": 1.00,  # 15/15 (a question's "the Report of Mr. X": X wrote it, presupposed_documents.py)
    "person_report_authors": 1.00,  # 15/15 ("the Report of Mr Justice X": X wrote it, body_reports.py)
    "bare_office_turns": 1.00,  # 12/12 ("The PRIME MINISTER" alone on a line: a speaker turn, debate_turns.py)
    "made_reports": 0.94,  # "X made a report to Y" sends it, "sought a report from X" commissions it (verbs.yaml)
    "question_relative_facts": 1.00,  # a question's "the report ... which X received": stated (relations.py)
    "unspoken_answers": 1.00,  # an answer with no speaker line under its numbered question: the office asked (debate_turns.py)
    "issued_own_documents": 0.90,  # 22/24 ("In 2011, X published its report": AUTHORED dated by the verb, late_dates.py; 12/24 before)
}
# ---------------------------------------------------------------------------------------------

MIN_CASES, MIN_PER_CAPABILITY = 300, 10


@pytest.fixture(scope="module")
def suite():
    return load_suite()


@pytest.fixture(scope="module")
def report(suite):
    return run_suite(suite)


def test_suite_has_enough_cases_per_capability(suite):
    assert len(suite) >= MIN_CASES
    counts: dict[str, int] = {}
    for case in suite:
        counts[case.capability] = counts.get(case.capability, 0) + 1
    thin = {name: n for name, n in counts.items() if n < MIN_PER_CAPABILITY}
    assert not thin, f"capabilities with fewer than {MIN_PER_CAPABILITY} cases: {thin}"
    assert len({case.id for case in suite}) == len(suite), "case ids are unique"
    assert all(case.expect or case.forbid for case in suite), "every case expects or forbids something"


def _fingerprint() -> str:
    return json.dumps(
        [[c.id, c.sentence, [e.describe() for e in c.expect], [f.describe() for f in c.forbid]] for c in load_suite()]
    )


def test_generation_is_deterministic_across_processes():
    code = "from loaders.constructions import load_suite; import json; print(json.dumps([[c.id, c.sentence, [e.describe() for e in c.expect], [f.describe() for f in c.forbid]] for c in load_suite()]))"
    env = {**os.environ, "PYTHONHASHSEED": "12345"}
    other = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        env=env,
        cwd=Path(__file__).parent.parent,
        check=True,
    )
    assert other.stdout.strip() == _fingerprint()


def _real_names() -> re.Pattern:
    """Every gazetteer body's name, alias and acronym, and every role word tied to a real body."""
    from loaders.extract.gazetteer import load_gazetteer

    gazetteer = load_gazetteer()
    names = {n for body in gazetteer.bodies.values() for n in (body.name, *body.aliases)}
    names |= {role.phrase for role in gazetteer.roles.values() if role.body_id}
    acronyms = {a for body in gazetteer.bodies.values() for a in body.acronyms}
    words = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
    caps = "|".join(re.escape(a) for a in sorted(acronyms, key=len, reverse=True))
    return re.compile(rf"(?i:\b(?:{words})\b)|\b(?:{caps})\b")


def test_no_sentence_names_a_real_institution(suite):
    pattern = _real_names()
    hits = {case.sentence: m.group(0) for case in suite if (m := pattern.search(case.sentence))}
    assert not hits, f"real bodies in the suite: {hits}"
    lexicon = yaml.safe_load((SUITE_DIR / "lexicon.yaml").read_text(encoding="utf-8"))["lexicon"]
    names = [
        str(n)
        for cls in lexicon.values()
        for f in cls["fillers"]
        for n in (f["text"], f.get("name", ""), *f.get("aliases", []))
    ]
    assert not [n for n in names if pattern.search(n)], "a lexicon filler names a real body"


# --- the runner on toy cases: a stub extractor gives known claims -------------------------------

TOY = """
seed: 1
published: 2015-06-12
per_template: 1
lexicon:
  agency: {type: Agency, fillers: [{text: Northshire Police}]}
  agency_b: {type: Agency, fillers: [{text: the Department of Civic Affairs, name: Department of Civic Affairs, aliases: [DCA]}]}
  year: {fillers: [{text: "2011", year: 2011}]}
capabilities:
  toy_active:
    templates:
      - text: "{Agency} sent the report to {agency_b} in {year}."
        expect: [[SENT, agency, "*", year], [RECEIVED, agency_b, "*", year]]
  toy_negated:
    templates:
      - text: "{Agency} did not send the report to {agency_b}."
        expect: none
        about: [SENT, RECEIVED]
"""


def _toy(tmp_path):
    path = tmp_path / "toy.yaml"
    path.write_text(TOY)
    return path, {case.capability: case for case in load_suite([path])}


POLICE = Node(node_id("Agency", "Northshire Police"), "Agency", "Northshire Police")
DCA = Node(node_id("Agency", "DCA"), "Agency", "DCA")  # found by its acronym: matched through the alias
REPORT = Node(node_id("Report", "report"), "Report", "report")


def _extraction(case, *edges: tuple[str, Node, str | None]) -> Extraction:
    doc = case.document()
    claims = []
    for edge_type, subject, year in edges:
        dates = {"date_start": f"{year}-01-01", "date_end": f"{year}-12-31", "date_precision": "year"} if year else {}
        claims.append(
            Claim(
                edge_type,
                subject.id,
                REPORT.id,
                doc.source_id,
                case.sentence,
                0,
                len(case.sentence),
                0.9,
                "stub",
                **dates,
            )
        )
    return Extraction([POLICE, DCA, REPORT], claims)


def test_runner_passes_a_known_good_case(tmp_path):
    _, cases = _toy(tmp_path)
    case = cases["toy_active"]
    assert case.sentence == "Northshire Police sent the report to the Department of Civic Affairs in 2011."
    result = score_case(case, _extraction(case, ("SENT", POLICE, "2011"), ("RECEIVED", DCA, "2011")))
    assert result.passed and not result.missing and not result.forbidden
    negated = cases["toy_negated"]
    assert score_case(negated, _extraction(negated)).passed
    assert score_case(negated, _extraction(negated, ("AUTHORED", POLICE, None))).passed, (
        "only the types the case is about count"
    )


def test_runner_fails_known_bad_cases(tmp_path):
    _, cases = _toy(tmp_path)
    case = cases["toy_active"]
    swapped = score_case(case, _extraction(case, ("SENT", DCA, "2011"), ("RECEIVED", POLICE, "2011")))
    assert not swapped.passed and len(swapped.missing) == 2
    wrong_year = score_case(case, _extraction(case, ("SENT", POLICE, "2012"), ("RECEIVED", DCA, "2012")))
    assert not wrong_year.passed and "outside gold year" in wrong_year.missing[0]
    assert not score_case(case, _extraction(case, ("SENT", POLICE, "2011"))).passed
    negated = cases["toy_negated"]
    drawn = score_case(negated, _extraction(negated, ("SENT", POLICE, None)))
    assert not drawn.passed and drawn.forbidden == ["Northshire Police (Agency) -SENT-> report (Report)"]


def test_slots_inside_a_literal_claim_end_are_filled_like_the_sentence(tmp_path):
    """`forbid: [[SENT, agency, "letter from {agency_b.name}"]]` must name the drawn filler, or the
    negative can never match anything and passes vacuously."""
    path = tmp_path / "literal.yaml"
    path.write_text(
        TOY.split("capabilities:")[0]
        + "capabilities:\n  toy_literal:\n    templates:\n"
        + '      - text: "{Agency} sent the report to {agency_b}."\n'
        + '        forbid: [[SENT, agency, "letter from {agency_b.name}"]]\n'
        + '      - text: "{Agency} sent the report."\n'
        + '        forbid: [[SENT, agency, "letter from {agency_b.name}"]]\n'
    )
    with pytest.raises(SuiteError, match=r"uses slot \{agency_b\.name\} that the sentence lacks"):
        load_suite([path])
    path.write_text(path.read_text().rsplit('      - text: "{Agency} sent the report."', 1)[0])
    [case] = load_suite([path])
    assert [f.describe() for f in case.forbid] == ["Northshire Police -SENT-> letter from Department of Civic Affairs"]


def test_cli_runs_the_real_extractor_on_a_toy_suite(tmp_path):
    from kflow.cli import main

    path, _ = _toy(tmp_path)
    result = CliRunner().invoke(main, ["constructions", str(path), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["capabilities"]["toy_active"] == {"cases": 1, "passed": 1, "rate": 1.0, "description": ""}
    assert data["capabilities"]["toy_negated"]["passed"] == 1 and data["overall"]["cases"] == 2
    table = CliRunner().invoke(
        main, ["constructions", str(path), "--capability", "toy_active", "--show-failures", "--min-rate", "1"]
    )
    assert (
        table.exit_code == 0
        and "no failures" in table.output
        and re.search(r"toy_active\s+1\s+1\s+100\.0", table.output)
    )


# --- the floors -----------------------------------------------------------------------------------


def test_pass_rates_do_not_drop(report):
    rates = report.by_capability()
    assert set(rates) == set(FLOORS), "every capability has a floor (and every floor a capability)"
    dropped = {
        name: f"{rate.passed}/{rate.cases} < {FLOORS[name]:.2f}"
        for name, rate in rates.items()
        if rate.rate + 1e-9 < FLOORS[name]
    }
    overall = report.overall()
    assert not dropped, f"pass rates below their floors (kflow constructions --show-failures): {dropped}"
    assert overall.rate + 1e-9 >= OVERALL_FLOOR, f"overall {overall.passed}/{overall.cases} < {OVERALL_FLOOR}"
