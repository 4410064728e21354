"""How the app words answers that need care: knowing-to-acting gaps at the precision of their dates,
silences and first dates on thin evidence, first-knowledge chains linked by date only.

The findings come from the question layer (`graph.analysis.questions`, as in the CLI); this
module only turns them into rows and sentences, so the app says what the CLI says.
"""

from __future__ import annotations

import pandas as pd

from graph.analysis.date_windows import claim_date
from graph.analysis.gaps import GapsReport
from graph.analysis.knowledge import Knowledge

GAP_COLUMNS = ["body", "first knew", "next action", "elapsed", "sources since", "caveat", "how it knew", "action"]
SILENCE = "none on record"


def gaps_frame(report: GapsReport) -> pd.DataFrame:
    """One row per body: when it first knew, its next action and how long after (at the coarser
    precision of the two dates: "within the same decade", "2 years later"), and for a silence on
    thin evidence why it may be the record's silence rather than the body's."""
    rows = [
        {
            "body": g.body_name,
            "first knew": claim_date(g.knowledge),
            "next action": claim_date(g.action) if g.action else SILENCE,
            "elapsed": g.elapsed or "",
            "sources since": g.coverage.sources if g.coverage else None,
            "caveat": g.caveat or "",
            "how it knew": g.knowledge.sentence,
            "action": g.action.sentence if g.action else "",
        }
        for g in report.gaps
    ]
    return pd.DataFrame(rows, columns=GAP_COLUMNS)


def knowledge_headline(answer: Knowledge, topic_name: str | None) -> str:
    """One plain sentence (not yet escaped) answering "when did the body first know?"."""
    about = f" about “{topic_name}”" if topic_name else ""
    if not answer.found:
        return f"No dated evidence that {answer.body_name} knew anything{about}."
    sources = answer.independent_sources
    return (
        f"{answer.body_name} first knew{about} by {answer.date}, on the evidence of "
        f"{sources} source{'' if sources == 1 else 's'}."
    )
