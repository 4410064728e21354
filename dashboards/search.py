"""Search-page logic: hits of the library's full-text search (graph.search.ask) as escaped HTML,
each match marked and each snippet a link to the document viewer at that place."""

from __future__ import annotations

from dashboards.document import document_link
from dashboards.text import html_text
from graph.search import SearchHit, Snippet


def snippet_html(snippet: Snippet, source_id: str) -> str:
    text = "".join(f"<mark>{html_text(t)}</mark>" if hit else html_text(t) for t, hit in snippet.parts)
    link = html_text(document_link(source_id, snippet.start, snippet.end))
    return f'<p class="kf-snippet">{text} <a href="{link}" target="_self">open here</a></p>'


def hit_html(number: int, hit: SearchHit) -> str:
    facts = " · ".join(html_text(x) for x in (hit.published, hit.media_type, hit.source_id) if x)
    link = html_text(document_link(hit.source_id))
    snippets = "".join(snippet_html(s, hit.source_id) for s in hit.snippets) or "<p><i>matched in the title</i></p>"
    return (
        f'<div class="kf-hit"><h4 style="margin-bottom:0">{number}. '
        f'<a href="{link}" target="_self">{html_text(hit.title)}</a></h4>'
        f"<small>{facts}</small>{snippets}</div>"
    )
