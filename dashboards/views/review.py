"""Review: the claims least likely to be right first; accept or reject each in place, with who and why."""

import streamlit as st

from dashboards import corrections as app_corrections
from dashboards.context import store_or_stop
from dashboards.resolve_panel import resolve_panel
from dashboards.review_paging import current_page, turn
from dashboards.text import md, short
from graph import corrections
from graph.review_queue import EXTRACTED, review_count, review_rows
from graph.store import StoreError

STATUS_CHOICES = {"To review": EXTRACTED, "Accepted": "accepted", "Rejected": "rejected", "All": None}
QUEUE_SIZE = 25

store = store_or_stop()
st.title("Review claims")
st.caption(
    "Lowest confidence first. A rejected claim stays stored (status rejected) but no analysis or export uses it."
)
left, middle, right = st.columns([1, 1, 2])
shown = left.selectbox("Show", list(STATUS_CHOICES), key="review_status")
reviewer = middle.text_input("Reviewer", value=app_corrections.default_reviewer(), key="review_by")
reason = right.text_input("Reason (kept with each decision)", key="review_reason")

flash = st.session_state.pop("review_flash", None)
if flash:
    st.success(flash)


def _act(claim_id: str, decision: str) -> None:
    try:
        done = app_corrections.decide(claim_id, decision, reviewer, reason)
    except (corrections.CorrectionError, StoreError) as error:
        st.session_state["review_error"] = str(error)
        return
    st.session_state["review_flash"] = f"{decision.capitalize()}ed {claim_id} ({done.id})."


def _revert(correction_id: str) -> None:
    try:
        app_corrections.revert(correction_id, reviewer, reason)
    except (corrections.CorrectionError, StoreError) as failure:
        st.session_state["review_error"] = str(failure)
        return
    st.session_state["review_flash"] = f"Reverted {correction_id}."


error = st.session_state.pop("review_error", None)
if error:
    st.error(md(error))

queue = current_page(st.session_state, shown, QUEUE_SIZE, review_count(store, status=STATUS_CHOICES[shown]))
rows = review_rows(store, status=STATUS_CHOICES[shown], limit=QUEUE_SIZE, offset=queue.offset)
if not rows:
    st.info("Nothing to review here.")
else:
    back, where, forward = st.columns([1, 3, 1])
    back.button(
        "Previous", key="review_prev", on_click=turn, args=(st.session_state, -1), disabled=not queue.has_previous
    )
    where.caption(queue.label())
    forward.button("Next", key="review_next", on_click=turn, args=(st.session_state, 1), disabled=not queue.has_next)
for row in rows:
    key = row["id"].replace(":", "_")  # a key becomes a CSS class (st-key-...): no ':' in it
    with st.container(border=True, key=f"review_row_{key}"):
        text, buttons = st.columns([5, 1])
        text.markdown(
            f"**{row['confidence']:.2f}** · {md(row['status'])} · {md(row['from_name'])} "
            f"**{md(row['type'])}** {md(row['to_name'])} · {md(row['date_start'] or 'undated')}"
        )
        text.caption(f"“{md(short(row['sentence'], 400))}” ({md(row['source_title'])}) · {md(row['id'])}")
        if row["status"] != "accepted":
            buttons.button(
                "Accept", key=f"review_accept_{key}", on_click=_act, args=(row["id"], "accept"), type="primary"
            )
        if row["status"] != "rejected":
            buttons.button("Reject", key=f"review_reject_{key}", on_click=_act, args=(row["id"], "reject"))

resolve_panel(store, reviewer)

with st.expander("History of corrections"):
    history = corrections.load(store)
    if not history:
        st.caption("No corrections yet.")
    for c in reversed(history):
        line, undo = st.columns([5, 1])
        state = f" · reverted by {md(c.reverted_by)}" if not c.active else ""
        line.markdown(
            f"{md(c.at[:19])} · **{md(c.kind)}** {md(' '.join(c.targets))} · by {md(c.who)}: {md(c.why)}{state}"
        )
        if c.active:
            undo.button("Revert", key=f"review_revert_{c.id.replace(':', '_')}", on_click=_revert, args=(c.id,))
