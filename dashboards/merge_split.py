"""The Explore page's merge / split panel: candidate duplicates of the selected node to merge into
it, and the nodes merged into it to split off again. Every action is a recorded correction."""

from __future__ import annotations

import streamlit as st

from dashboards import corrections as app_corrections
from dashboards.text import md
from graph import corrections
from graph.corrected import raw_store
from graph.duplicates import candidate_duplicates
from graph.model import Node
from graph.store import GraphStore, StoreError


def merged_into(store: GraphStore, node_id: str) -> list[Node]:
    """The stored nodes merged (directly) into `node_id` by active merges."""
    merges = corrections.active_merges(corrections.load(store))
    members = sorted(m for m, keep in merges.items() if keep == node_id)
    return list(raw_store(store).neighbourhood(members, hops=0).nodes.values()) if members else []


def _run(action, *args) -> None:  # noqa: ANN001 - a dashboards.corrections function and its arguments
    try:
        done = action(*args)
    except (corrections.CorrectionError, StoreError) as error:
        st.session_state["merge_error"] = str(error)
        return
    if action is app_corrections.split:  # a split of a merged node reverts that merge
        st.session_state["merge_flash"] = f"Split off: merge {done.id} reverted."
    else:
        st.session_state["merge_flash"] = f"{done.kind} recorded ({done.id})."


def merge_split_panel(store: GraphStore, node: Node) -> None:
    with st.expander("Merge or split this node"):
        for key in ("merge_flash", "merge_error"):
            message = st.session_state.pop(key, None)
            if message:
                (st.success if key == "merge_flash" else st.error)(md(message))
        by = st.text_input("Reviewer", value=app_corrections.default_reviewer(), key="merge_by")
        reason = st.text_input("Reason", key="merge_reason")
        candidates = candidate_duplicates(store, node)
        st.markdown("**Possible duplicates** (same type, similar name)")
        if not candidates:
            st.caption("None found.")
        for other, score in candidates:
            text, button = st.columns([4, 1])
            text.markdown(f"{md(other.name)} · {md(other.id)} · similarity {score:.0f}")
            button.button(
                "Merge into this",
                key=f"merge_{other.id.replace(':', '_')}",
                on_click=_run,
                args=(app_corrections.merge, node.id, other.id, by, reason),
            )
        members = merged_into(store, node.id)
        if members:
            st.markdown("**Merged into this node**")
        for member in members:
            text, button = st.columns([4, 1])
            text.markdown(f"{md(member.name)} · {md(member.id)}")
            button.button(
                "Split off",
                key=f"split_{member.id.replace(':', '_')}",
                on_click=_run,
                args=(app_corrections.split, member.id, by, reason),
            )
