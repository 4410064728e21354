"""Timeline-page logic: claims as dated bars, first knowledge, knowledge-to-action gaps, a Sankey of flows."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta

import networkx as nx
import pandas as pd

from dashboards.analysis import flow_volumes, link_evidence
from dashboards.bar_lanes import pack
from dashboards.text import html_text, short
from graph.analysis.date_windows import at_precision, claim_date
from graph.model import Claim

CHRONOLOGY_COLUMNS = [
    "date",
    "start",
    "end",
    "precision",
    "subject",
    "type",
    "object",
    "quote",
    "source",
    "confidence",
    "claim",
]
ROW_HEIGHT = 26  # pixels per timeline row


def _end(claim: Claim) -> str:
    """A bar needs width: a day-precise claim spans one day."""
    end = claim.date_end or claim.date_start
    return (date.fromisoformat(end) + timedelta(days=1)).isoformat()


def evidence_row(c: Claim, names: dict[str, str], titles: dict[str, str]) -> dict[str, object]:
    """One claim as a reader sees it: who, what, to whom, the quote and where it was said."""
    return {
        "subject": names.get(c.from_id, c.from_id),
        "type": c.type,
        "object": names.get(c.to_id, c.to_id),
        "quote": c.sentence,
        "source": titles.get(c.source_id, c.source_id),
        "confidence": round(c.confidence, 2),
        "claim": c.id,
    }


def chronology(claims: list[Claim], names: dict[str, str], titles: dict[str, str]) -> pd.DataFrame:
    """Dated claims, earliest first: who did what to what, when, said where. The date reads as the
    source gives it ("2002", "March 2002"); start and end are cut to that precision ("2002",
    "2002-03"), so neither the table nor its CSV claims a day the evidence does not name."""
    rows = [
        {
            "date": claim_date(c),
            "start": at_precision(c.date_start, c.date_precision),
            "end": at_precision(c.date_end or c.date_start, c.date_precision),
            "precision": c.date_precision,
            **evidence_row(c, names, titles),
        }
        for c in sorted(claims, key=lambda c: (c.date_start or "", c.date_end or "", c.id))
        if c.date_start
    ]
    return pd.DataFrame(rows, columns=CHRONOLOGY_COLUMNS)


def of_types(claims: list[Claim], types: Iterable[str] | None) -> list[Claim]:
    """The claims of the chosen types (all of them when `types` is None)."""
    if types is None:
        return list(claims)
    chosen = set(types)
    return [c for c in claims if c.type in chosen]


def timeline_figure(claims: list[Claim], names: dict[str, str]):
    """A Plotly timeline: a block of rows per subject, one bar per dated claim, the claim id as
    customdata. Bars that overlap in time go on separate rows of their subject's block
    (`bar_lanes.pack`), so none hides another. Plotly reads a subset of HTML in labels, so every
    label is escaped."""
    import plotly.express as px

    dated = [c for c in claims if c.date_start]
    spans = [(date.fromisoformat(c.date_start), date.fromisoformat(_end(c))) for c in dated]
    rows, blocks = pack([c.from_id for c in dated], spans)
    frame = pd.DataFrame(
        {
            "start": [c.date_start for c in dated],
            "finish": [_end(c) for c in dated],
            "row": rows,
            "type": [c.type for c in dated],
            "claim": [c.id for c in dated],
            "when": [claim_date(c) for c in dated],
            "who": [html_text(short(names.get(c.from_id, c.from_id), 50)) for c in dated],
            "what": [html_text(short(names.get(c.to_id, c.to_id), 60)) for c in dated],
            "quote": [html_text(short(c.sentence, 120)) for c in dated],
        }
    )
    figure = px.timeline(
        frame,
        x_start="start",
        x_end="finish",
        y="row",
        color="type",
        custom_data=["claim", "when", "who", "what", "quote"],
    )
    figure.update_traces(
        width=0.75,  # rows are numbers: without a set width a lone bar of a type grows to fill the gap to the next
        hovertemplate="<b>%{customdata[1]}</b><br>%{customdata[2]} → %{customdata[3]}<br>%{customdata[4]}"
        "<extra>%{fullData.name}</extra>",
    )
    total = sum(height for _, height in blocks.values())
    figure.update_yaxes(
        autorange=False,
        range=[total - 0.5, -0.5],
        tickmode="array",
        tickvals=[first + (height - 1) / 2 for first, height in blocks.values()],
        ticktext=[html_text(short(names.get(s, s), 50)) for s in blocks],
        title=None,
        showgrid=False,
        zeroline=False,
    )
    for first, _height in list(blocks.values())[1:]:
        figure.add_hline(y=first - 0.5, line_width=1, line_color="#d0d0d0")
    figure.update_layout(
        height=max(260, ROW_HEIGHT * total + 140),
        margin={"l": 10, "r": 10, "t": 30, "b": 10},
        legend_title_text="claim type",
    )
    return figure


def selected_claim_ids(state: object) -> list[str]:
    """Claim ids of the bars picked in a `st.plotly_chart(on_select=...)` selection."""
    selection = _field(state, "selection") if state is not None else None
    ids = []
    for point in (_field(selection, "points") if selection else None) or []:
        data = _field(point, "customdata")
        ids.append(data[0] if isinstance(data, (list, tuple)) else data)
    return [i for i in ids if i]


SANKEY_CLICK = "function(p){return {dataType: p.dataType, name: p.name, source: p.data && p.data.source, target: p.data && p.data.target};}"


def _field(value: object, name: str) -> object:
    if isinstance(value, dict):
        return value.get(name)
    try:
        return value[name]  # type: ignore[index]
    except (KeyError, TypeError, IndexError):
        return getattr(value, name, None)


def sankey_labels(ids: set[str], names: dict[str, str]) -> dict[str, str]:
    """Unique Sankey labels (ECharts keys nodes by name): a name shared by two ids gets its id."""
    counts: dict[str, int] = {}
    for i in ids:
        counts[names.get(i, i)] = counts.get(names.get(i, i), 0) + 1
    return {i: names.get(i, i) if counts[names.get(i, i)] == 1 else f"{names.get(i, i)} [{i}]" for i in ids}


def sankey_option(
    claims: list[Claim], names: dict[str, str], body: str | None = None
) -> tuple[dict, dict[str, str]] | None:
    """An ECharts Sankey of body -> body flows (only those of `body` when given) and its label -> id
    map. ECharts Sankeys must be acyclic, so a link that would close a cycle is left out (heaviest
    links kept first); tooltips render as canvas text, not HTML."""
    volumes = {pair: n for pair, n in flow_volumes(claims).items() if body is None or body in pair}
    if not volumes:
        return None
    kept = nx.DiGraph()
    for (a, b), weight in sorted(volumes.items(), key=lambda kv: (-kv[1], kv[0])):
        if a == b or (b in kept and a in kept and nx.has_path(kept, b, a)):
            continue
        kept.add_edge(a, b, weight=weight)
    label = sankey_labels(set(kept.nodes), names)
    option = {
        "tooltip": {"trigger": "item", "renderMode": "richText"},
        "series": [
            {
                "type": "sankey",
                "emphasis": {"focus": "adjacency"},
                "nodeGap": 14,
                "lineStyle": {"color": "gradient", "curveness": 0.5, "opacity": 0.45},
                "label": {"show": True},
                "data": [{"name": label[n]} for n in sorted(kept.nodes)],
                "links": [
                    {"source": label[a], "target": label[b], "value": d["weight"]} for a, b, d in kept.edges(data=True)
                ],
            }
        ],
    }
    return option, {v: k for k, v in label.items()}


def sankey_pick(result: object, ids_by_label: dict[str, str]) -> tuple[str, str | None] | None:
    """(from body id, to body id or None) for the last click on a Sankey link or node."""
    event = _field(result, "chart_event") if result is not None else None
    if not event:
        return None
    source, target = _field(event, "source"), _field(event, "target")
    if source and target:
        return ids_by_label.get(source, source), ids_by_label.get(target, target)
    name = _field(event, "name")
    return (ids_by_label.get(name, name), None) if name else None


def picked_claims(claims: list[Claim], pick: tuple[str, str | None]) -> list[Claim]:
    """The evidence behind a Sankey click: the claims making up a link, or every claim of a body."""
    a, b = pick
    if b is None:
        return [c for c in claims if a in (c.from_id, c.to_id)]
    return link_evidence(claims).get((a, b), [])
