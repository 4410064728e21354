"""The Review page's "Suggested merges" panel: what cross-document resolution proposes
(loaders/cross_resolve.py), and one button that applies them as recorded, revertible merges."""

from __future__ import annotations

import streamlit as st

from dashboards.context import refresh_store, writable_store
from dashboards.text import md
from graph.corrected import raw_store
from graph.store import GraphStore, StoreError
from loaders.apply_resolve import pending_candidates, resolve_store

SHOWN = 50


def _apply(by: str) -> None:
    try:
        with writable_store() as store:
            outcomes = resolve_store(store, by=by.strip() or None)
    except StoreError as error:
        st.session_state["resolve_flash"] = ("error", str(error))
        return
    refresh_store()
    merged = sum(1 for o in outcomes if o.outcome == "merged")
    st.session_state["resolve_flash"] = ("success", f"Applied {merged} suggested merges (see the history below).")


def resolve_panel(store: GraphStore, by: str) -> None:
    with st.expander("Suggested merges (entity resolution)"):
        kind, message = st.session_state.pop("resolve_flash", (None, None))
        if message:
            (st.success if kind == "success" else st.error)(md(message))
        candidates = pending_candidates(store)
        if not candidates:
            st.caption("No suggested merges: no two nodes look like one entity.")
            return
        names = {n.id: n.name for n in raw_store(store).neighbourhood(_ends(candidates), hops=0).nodes.values()}
        st.caption(
            f"{len(candidates)} suggested. Each merge is recorded with its rule and evidence, and Revert "
            "(below) or Split off (Explore) undoes it."
        )
        for c in candidates[:SHOWN]:
            st.markdown(
                f"{md(names.get(c.merge_id, c.merge_id))} → {md(names.get(c.keep_id, c.keep_id))} · "
                f"{md(c.rule)} · {c.score:.2f}: {md(c.evidence)}"
            )
        st.button("Apply suggested merges", key="resolve_apply", on_click=_apply, args=(by,), type="primary")


def _ends(candidates: list) -> list[str]:
    return sorted({i for c in candidates for i in (c.keep_id, c.merge_id)})
