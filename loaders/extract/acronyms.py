"""Bodies written by the acronym the text defined for them: after "The Office of Special Counsel (OSC)",
a bare "OSC" is that office wherever it stands ("sent a report to OSC"), though the tagger, not knowing the
letters, tagged nothing there (or took them for a place)."""

from __future__ import annotations

from loaders.extract.mentions import DocumentParse, Mention, names_a_body


def add_acronym_mentions(parse: DocumentParse, acronyms: dict[str, str]) -> None:
    """An agency mention for each untagged (or place-tagged) token that is an acronym the text defined for a
    body; resolution then finds the body through the same definitions (`DocumentContext.acronyms`)."""
    bodies = {short for short, long_form in acronyms.items() if names_a_body(long_form)}
    if not bodies:
        return
    for doc_index, doc in enumerate(parse.docs):
        for token in doc:
            if token.text not in bodies or (doc_index, token.sent.start) not in parse._sentence_of:
                continue
            existing = parse.at(doc_index, token)
            if existing is not None:
                if existing.kind != "place" or existing.end - existing.start != 1:
                    continue
                parse.remove(existing)
            sentence = parse._sentence_of[(doc_index, token.sent.start)]
            parse.add(Mention("agency", doc_index, token.i, token.i + 1, sentence, token.text))
