"""Name keys and slugs: how a surface form becomes a lookup key and a stable id."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_ARTICLE = re.compile(r"^(the|a|an)\s+", re.IGNORECASE)
_NON_WORD = re.compile(r"[^\w]+", re.UNICODE)


_ARTICLES = frozenset({"the", "a", "an"})


def name_key(name: str) -> str:
    """Case-, accent-, punctuation- and leading-article-insensitive key ("The Home Office" -> "home office")."""
    if name.isascii() and name.replace(" ", "").isalnum():  # fast path for plain ASCII names, same result as below
        words = name.lower().split()
        return " ".join(words[1:]) if len(words) > 1 and words[0] in _ARTICLES else " ".join(words)
    text = unicodedata.normalize("NFKC", name).replace("\u2019", "'").strip()
    text = _ARTICLE.sub("", text)
    text = text.replace("'s ", " ").replace("'", "")
    text = _NON_WORD.sub(" ", text.casefold())
    return " ".join(text.split())


_INITIALS_SKIP = frozenset({"of", "the", "and", "for", "on", "in", "&"})


def initials(name: str) -> str:
    """ "Nuclear Regulatory Commission" -> "NRC": the short name a body's own texts often use for it
    undefined (its letters, its letterhead's offices), when the text gives no "(NRC)" to learn it from."""
    return "".join(w[0] for w in name.split() if w.lower() not in _INITIALS_SKIP).upper()


@lru_cache(maxsize=65_536)  # an extraction makes an id of the same few names thousands of times
def slug(name: str) -> str:
    """ASCII slug for ids, stable across runs and machines ("Home Office" -> "home-office")."""
    ascii_text = unicodedata.normalize("NFKD", name_key(name)).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-") or "unnamed"


# Titles and honorifics a person's name may carry; left out when two names are compared, never when shown.
HONORIFICS = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "miss",
        "mx",
        "dr",
        "sir",
        "dame",
        "lord",
        "lady",
        "baroness",
        "baron",
        "professor",
        "prof",
        "cllr",
        "councillor",
        "rev",
        "reverend",
        "rt",
        "right",
        "hon",
        "honourable",
        "honorable",
    ]
)
POST_NOMINALS = frozenset(
    ["qc", "kc", "mp", "msp", "ms", "am", "mla", "mep", "obe", "mbe", "cbe", "kbe", "dbe", "jp", "phd"]
)


def person_key(name: str) -> str:
    """`name_key` without titles and letters after the name: "The Rt Hon Helen Ashby MP" -> "helen ashby"."""
    words = name_key(name).split()
    while len(words) > 1 and words[0] in HONORIFICS:
        words = words[1:]
    while len(words) > 1 and words[-1] in POST_NOMINALS:
        words = words[:-1]
    return " ".join(words)
