"""Investigation: open a saved investigation where it was left (its sources and their grades, pinned
entities, notes on claims, saved questions with the last one open), grade evidence, and add to it.

An investigation lives in the store (graph/investigations.py), so the same one opens on the
embedded store and, after `kflow sync`, on Neo4j. `?investigation=NAME` in the URL opens it.
"""

import os

import streamlit as st

from dashboards.context import node_names, refresh_store, store_label, store_or_stop, titles, writable_store
from dashboards.investigation import ask, grade_choices, minimum_choices, question_title
from dashboards.text import md, short
from dashboards.widgets import evidence_list, pick_node
from graph import investigations as inv
from graph.analysis import AnalysisError
from graph.grades import grade_book, set_claim_grade, set_source_grade, source_grade
from graph.grading import GradeError, load_scheme
from graph.store import StoreError


def code(text: str) -> str:
    """An id shown as inline code (no backslash escapes show inside code; a backtick cannot end it)."""
    return "`" + text.replace("`", "'") + "`"


def write(work) -> bool:
    """Run one write on a brief writable store; show why it failed instead of raising."""
    try:
        with writable_store() as writable:
            work(writable)
    except (StoreError, GradeError, inv.InvestigationError) as error:
        st.error(md(error))
        return False
    refresh_store()
    return True


store = store_or_stop()
st.title("Investigation")
saved = inv.names(store)
wanted = st.query_params.get("investigation")
with st.expander("New investigation", expanded=not saved):
    new_name = st.text_input("Name of the new investigation", key="investigation_new")
    created = st.button("Create", key="investigation_create") and new_name.strip()
    if created and write(lambda s: inv.save(s, inv.load_or_new(s, new_name))):
        st.query_params["investigation"] = " ".join(new_name.split())
        st.rerun()
if not saved:
    st.info("No saved investigation yet: create one above, or `kflow investigation save NAME` / `import FILE`.")
    st.stop()

by_id = {inv.investigation_id(n): n for n in saved}
if wanted and inv.investigation_id(wanted) in by_id:
    default = by_id[inv.investigation_id(wanted)]
else:  # where the investigator left off: the one saved last
    default = max(saved, key=lambda n: inv.load(store, n).updated_at)
name = st.selectbox("Investigation", saved, index=saved.index(default), key="investigation_pick")
st.query_params["investigation"] = name
case = inv.load(store, name)
st.header(md(case.name))
st.caption(f"Created {case.created_at[:19]} · last saved {case.updated_at[:19]} · store {md(store_label())}")
missing = inv.missing(store, case)
if missing:
    st.warning("Not in this store (yet): " + ", ".join(md(m) for m in missing))
who = st.text_input(
    "Your name (kept with grades and changes)", value=os.environ.get("USER", ""), key="investigation_by"
)
scheme = load_scheme()

# -- sources and their grades ------------------------------------------------------------------
st.subheader(f"Sources ({len(case.sources)})")
source_titles = titles(store)
reliability, credibility = grade_choices("source"), grade_choices("information")
for source_id in case.sources:
    grade = source_grade(store, source_id)
    shown = grade.code(scheme)
    with st.container(border=True):
        st.markdown(f"**{md(source_titles.get(source_id, source_id))}** · grade **{md(shown)}** · {code(source_id)}")
        left, right, button = st.columns([3, 3, 1])
        rel = left.selectbox(
            "Reliability",
            reliability,
            index=scheme.rank("source", grade.source),
            key=f"rel_{source_id}",
        )
        cred = right.selectbox(
            "Credibility of its claims",
            credibility,
            index=scheme.rank("information", grade.information),
            key=f"cred_{source_id}",
        )
        if button.button("Grade", key=f"grade_{source_id}"):
            new = (rel.split(":")[0], cred.split(":")[0])
            if write(
                lambda s, sid=source_id, new=new: (
                    set_source_grade(s, sid, "source", new[0], by=who),
                    set_source_grade(s, sid, "information", new[1], by=who),
                )
            ):
                st.rerun()

# -- pinned entities ---------------------------------------------------------------------------
st.subheader(f"Pinned ({len(case.pinned)})")
pinned_names = node_names(store, set(case.pinned))
st.markdown("  \n".join(f"- {md(pinned_names[p])} ({code(p)})" for p in case.pinned) or "Nothing pinned yet.")

# -- notes on claims ---------------------------------------------------------------------------
st.subheader(f"Notes on claims ({len(case.notes)})")
noted = [c for c in store.claims_of_sources(case.sources) if c.id in case.notes]
found_ids = {c.id for c in noted}
book = grade_book(store)
names = node_names(store, {e for c in noted for e in (c.from_id, c.to_id)})
for claim in noted:
    with st.container(border=True):
        evidence_list([claim], names, source_titles)
        st.markdown(f"**Note:** {md(case.notes[claim.id])} · grade **{md(book.of_claim(claim).code(scheme))}**")
        pick, button = st.columns([4, 1])
        chosen = pick.selectbox(
            "Credibility of this claim",
            credibility,
            index=scheme.rank("information", book.of_claim(claim).information),
            key=f"claim_cred_{claim.id}",
        )
        new_grade = chosen.split(":")[0]
        graded_now = button.button("Grade claim", key=f"claim_grade_{claim.id}")
        if graded_now and write(lambda s, cid=claim.id, g=new_grade: set_claim_grade(s, cid, g, by=who)):
            st.rerun()
for claim_id in case.notes:
    if claim_id not in found_ids:
        st.markdown(f"- {code(claim_id)} (not among this investigation's sources here): {md(case.notes[claim_id])}")

# -- saved questions, the last one open --------------------------------------------------------
st.subheader(f"Questions ({len(case.questions)})")
if case.questions:
    place = case.place.get("question", 0)
    place = place if isinstance(place, int) and 0 <= place < len(case.questions) else 0
    titles_of = [question_title(q) for q in case.questions]
    chosen = st.radio("Saved questions", range(len(titles_of)), index=place, format_func=lambda i: titles_of[i])
    if chosen != place:  # remember where the investigator is, so the investigation reopens here
        case.place["question"] = chosen
        if write(lambda s: inv.save(s, case)):
            st.rerun()
    options = minimum_choices()
    minimum = st.selectbox(
        "Minimum grade of the evidence", options, format_func=lambda g: g or "any grade", key="investigation_min_grade"
    )
    try:
        asked = ask(store, case.questions[chosen], minimum or None)
    except AnalysisError as error:
        st.warning(md(error))
    else:
        st.markdown(
            f"**{md(asked.headline)}**"
            + (f" · weakest grade on the chain **{md(asked.grade)}**" if asked.grade else "")
        )
        evidence_list(asked.claims, asked.names, source_titles, start=1)

# -- adding to it ------------------------------------------------------------------------------
with st.expander("Add to this investigation"):
    all_sources = [s.id for s in store.sources()]
    add_source = st.selectbox(
        "Source", ["", *all_sources], format_func=lambda i: short(source_titles.get(i, i), 80) if i else "—"
    )
    pin = pick_node(store, "Pin an entity", "investigation_pin")
    note_claim = st.text_input("Claim id to note", key="investigation_note_claim")
    note_text = st.text_area("Note", key="investigation_note_text")
    body = pick_node(store, "Save a first-knowledge question about", "investigation_fk", ("Agency", "Person"))
    if st.button("Add", key="investigation_add"):
        if add_source and add_source not in case.sources:
            case.sources.append(add_source)
        if pin is not None and pin.id not in case.pinned:
            case.pinned.append(pin.id)
        if note_claim.strip() and note_text.strip():
            case.notes[note_claim.strip()] = note_text.strip()
        if body is not None:
            case.questions.append(
                inv.Question("first_knowledge", {"body": body.id}, f"When did {body.name} first know?")
            )
        if write(lambda s: inv.save(s, case)):
            st.rerun()
st.download_button(
    "Export as one file (JSON)",
    inv.to_json(case),
    file_name=f"{case.id.split(':', 1)[1]}.json",
    mime="application/json",
)
