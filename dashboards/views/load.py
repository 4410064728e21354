"""Load: upload documents, review each extracted claim and its quote, store only what is accepted."""

import pandas as pd
import streamlit as st

from dashboards.context import annotations, data_dir, get_store, refresh_store, store_label, writable_store
from dashboards.review import rejected_before, stage, store_accepted
from dashboards.text import md
from dashboards.upload import checked_published, pair_sidecars, save_with_sidecar
from graph.store import StoreError
from loaders.document import ReadError
from loaders.extract import default_extractor
from loaders.readers import supported_extensions


def _already_stored(source_id: str) -> bool:
    try:
        return get_store().has_source(source_id)
    except StoreError:  # no store yet
        return False


st.title("Load documents")
st.caption(
    f"Into {store_label()}. Each claim is shown with its quote; untick a claim to reject it. Rejections are remembered."
)
uploads = st.file_uploader(
    "Documents (with any NAME.meta.yaml sidecars: title, published, note, url)",
    type=[e.lstrip(".") for e in supported_extensions()] + ["yaml"],
    accept_multiple_files=True,
    key="load_files",
)
published_text = st.text_input(
    "Publication date (YYYY, YYYY-MM or YYYY-MM-DD; applies to every file, over a sidecar's)", key="load_published"
)
if not uploads:
    st.info(f"kflow reads {', '.join(supported_extensions())}, each with an optional NAME.meta.yaml sidecar.")
    st.stop()
try:
    published = checked_published(published_text)
except ReadError as error:
    st.error(md(error.reason))
    st.stop()
documents, unpaired = pair_sidecars([(u.name, u.getvalue()) for u in uploads])
for name in unpaired:
    st.warning(f"{md(name)} is not the sidecar of an uploaded document (NAME.meta.yaml beside NAME); not read.")

notes = annotations()  # the old side file: read only, for rejections made before corrections
try:
    reader = get_store()
except StoreError:  # no store yet: nothing was rejected before
    reader = None
extractor = default_extractor()
for upload in documents:
    try:
        staged = stage(save_with_sidecar(upload, data_dir() / "uploads"), extractor, published)
    except ReadError as error:
        st.error(f"{md(upload.name)}: {md(error.reason)}")
        continue
    st.subheader(md(staged.document.title or upload.name))
    document = staged.document
    st.caption(
        " · ".join(
            md(x)
            for x in (upload.name, document.published and f"published {document.published}", document.source_id)
            if x
        )
        + (" · metadata from its sidecar" if upload.sidecar is not None else "")
    )
    if _already_stored(document.source_id):
        st.info(
            "Already in the store (the same bytes were loaded before): storing again adds only claims not stored yet."
        )
    for warning in staged.document.warnings:
        st.warning(md(warning))
    nodes = staged.nodes
    rejected = rejected_before(staged, reader, notes)
    frame = pd.DataFrame(
        [
            {
                "accept": c.id not in rejected,
                "type": c.type,
                "subject": nodes[c.from_id].name if c.from_id in nodes else c.from_id,
                "object": nodes[c.to_id].name if c.to_id in nodes else c.to_id,
                "date": c.date_start or "",
                "confidence": round(c.confidence, 2),
                "quote": c.sentence,
                "claim": c.id,
            }
            for c in staged.claims
        ],
        columns=["accept", "type", "subject", "object", "date", "confidence", "quote", "claim"],
    )
    if frame.empty:
        st.info(
            "No claims were extracted from this document; storing it keeps the Source (its text and metadata) only."
        )
    previously = len(rejected)
    if previously:
        st.caption(f"{previously} claim(s) were rejected before and start unticked.")
    edited = st.data_editor(
        frame,
        hide_index=True,
        disabled=[c for c in frame.columns if c != "accept"],
        key=f"load_review_{staged.document.source_id}",
    )
    if st.button("Store accepted claims", key=f"load_commit_{staged.document.source_id}", type="primary"):
        accepted = set(edited.loc[edited["accept"], "claim"]) if not edited.empty else set()
        try:
            with writable_store() as store:
                result = store_accepted(staged, accepted, store)
        except StoreError as error:
            st.error(f"Not stored: {md(error)}. Try again when the store is free.")
            continue
        refresh_store()
        st.success(
            f"Stored {len(accepted)} accepted claim(s) and {result.nodes_added} new node(s) "
            f"({result.claims_added} claims written, MENTIONS included); {len(staged.claims) - len(accepted)} rejected "
            "(stored with status rejected: see the Review page)."
        )
