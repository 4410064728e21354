"""Document-viewer logic: a Source's text with the evidence span highlighted and every claim of
the document marked, rendered as self-contained, escaped HTML (the viewer page shows it in a frame
whose script scrolls to the span), and the link every quote in the app uses to open it."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlencode

from dashboards.text import html_text
from graph.model import Claim, Node
from graph.schema import SCHEMA
from graph.store import GraphStore

PAGE = "document"


def document_link(source_id: str, start: int | None = None, end: int | None = None) -> str:
    """The viewer's URL (relative to the app) for a source, opened at [start, end) when given."""
    params: dict[str, object] = {"source": source_id}
    if start is not None and end is not None and 0 <= start < end:
        params.update(start=start, end=end)
    return f"{PAGE}?{urlencode(params)}"


def claim_link(claim: Claim) -> str:
    return document_link(claim.source_id, claim.char_start, claim.char_end)


@dataclass(frozen=True)
class MarkedClaim:
    number: int
    claim: Claim
    subject: str
    obj: str


@dataclass(frozen=True)
class DocumentView:
    source: Node
    text: str
    focus: tuple[int, int] | None
    claims: list[MarkedClaim]


def parse_span(start: str | None, end: str | None, length: int) -> tuple[int, int] | None:
    """The span named by query parameters, or None when absent or not inside the text."""
    try:
        lo, hi = int(start or ""), int(end or "")
    except ValueError:
        return None
    return (lo, hi) if 0 <= lo < hi <= length else None


def document_view(
    store: GraphStore, source_id: str, start: str | None = None, end: str | None = None
) -> DocumentView | None:
    """The Source, its text, the span to open at and its claims (MENTIONS left out: they repeat
    the others), numbered in text order; None when no such Source is stored."""
    source = store.get_node(source_id) if source_id.startswith("source:") else None
    if source is None or source.label != "Source":
        return None
    text = source.props.get("text") or ""
    claims = sorted(
        (c for c in store.claims_of_sources([source_id]) if c.type in SCHEMA.analysed_types),
        key=lambda c: (c.char_start if c.char_start is not None else len(text), c.id),
    )
    ends = {i for c in claims for i in (c.from_id, c.to_id)}
    names = {i: (n.name if (n := store.get_node(i)) else i) for i in ends}
    marked = [MarkedClaim(n, c, names[c.from_id], names[c.to_id]) for n, c in enumerate(claims, start=1)]
    return DocumentView(source, text, parse_span(start, end, len(text)), marked)


def _spans(view: DocumentView) -> list[tuple[int, int, list[int]]]:
    """The text cut at every claim boundary: (start, end, numbers of the claims covering it)."""
    length = len(view.text)
    bounded = [
        (m.number, m.claim.char_start, m.claim.char_end)
        for m in view.claims
        if m.claim.char_start is not None
        and m.claim.char_end is not None
        and 0 <= m.claim.char_start < m.claim.char_end <= length
    ]
    cuts = sorted({0, length, *(s for _, s, _ in bounded), *(e for _, _, e in bounded)})
    if view.focus:
        cuts = sorted({*cuts, *view.focus})
    return [(a, b, [n for n, s, e in bounded if s <= a and b <= e]) for a, b in zip(cuts, cuts[1:])]


def document_html(view: DocumentView) -> str:
    """The text and its margin as one escaped HTML document: the focus span in <mark id="kf-focus">,
    each claim's span underlined and numbered at its start, the margin listing the claims; clicking
    a margin entry highlights and scrolls to its span. Every piece of document text is escaped."""
    starts = {m.claim.char_start: [] for m in view.claims}
    for m in view.claims:
        starts[m.claim.char_start].append(m.number)
    body = []
    for a, b, numbers in _spans(view):
        chunk = html_text(view.text[a:b])
        markers = "".join(f'<sup class="kf-n" data-claim="{n}">{n}</sup>' for n in starts.pop(a, []))
        classes = " ".join(f"kf-c{n}" for n in numbers)
        if numbers:
            chunk = f'<span class="kf-claim {classes}">{chunk}</span>'
        if view.focus and view.focus[0] <= a and b <= view.focus[1]:
            chunk = f'<mark class="kf-focus"{" id=kf-focus" if a == view.focus[0] else ""}>{chunk}</mark>'
        body.append(markers + chunk)
    margin = "".join(
        f'<li data-claim="{m.number}"><b>{m.number}</b> <code>{html_text(m.claim.type)}</code> '
        f"{html_text(m.subject)} → {html_text(m.obj)}"
        f"{(' · ' + html_text(m.claim.date_start)) if m.claim.date_start else ''}"
        f' <span class="kf-conf">({m.claim.confidence:.2f})</span></li>'
        for m in view.claims
    )
    return _TEMPLATE.replace("%BODY%", "".join(body)).replace("%MARGIN%", margin or "<li>No claims.</li>")


_TEMPLATE = """<!doctype html><html><head><meta charset="utf-8"><style>
body { font-family: sans-serif; margin: 0; display: flex; gap: 1rem; height: 100vh; }
#kf-text { flex: 3; overflow-y: auto; white-space: pre-wrap; line-height: 1.55; padding: 0.5rem 1rem; }
#kf-margin { flex: 1; overflow-y: auto; font-size: 0.85rem; border-left: 1px solid #ddd; padding: 0.5rem; }
#kf-margin ol { list-style: none; padding: 0; margin: 0; }
#kf-margin li { padding: 0.3rem; cursor: pointer; border-bottom: 1px solid #eee; }
#kf-margin li.kf-on { background: #fff3b0; }
.kf-claim { text-decoration: underline dotted #888; text-underline-offset: 3px; }
.kf-claim.kf-on { background: #fff3b0; }
mark.kf-focus { background: #ffd54f; }
sup.kf-n { color: #555; font-size: 0.65rem; cursor: pointer; }
</style></head><body>
<div id="kf-text">%BODY%</div>
<div id="kf-margin"><b>Claims in this document</b><ol>%MARGIN%</ol></div>
<script>
function kfShow(n) {
  document.querySelectorAll('.kf-on').forEach(e => e.classList.remove('kf-on'));
  const spans = document.querySelectorAll('.kf-c' + n);
  spans.forEach(e => e.classList.add('kf-on'));
  const entry = document.querySelector('#kf-margin li[data-claim="' + n + '"]');
  if (entry) { entry.classList.add('kf-on'); entry.scrollIntoView({block: 'nearest'}); }
  if (spans.length) spans[0].scrollIntoView({block: 'center'});
}
document.querySelectorAll('[data-claim]').forEach(e => e.addEventListener('click', () => kfShow(e.dataset.claim)));
const focus = document.getElementById('kf-focus');
if (focus) focus.scrollIntoView({block: 'center'});
</script></body></html>"""
