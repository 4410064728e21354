"""Refuse console Cypher that could write, touch files, extensions or settings, before it reaches a backend.

Defence in depth with read-only transactions, which do not stop everything: on LadybugDB a READ ONLY
transaction still runs `LOAD FROM` a file, `UNINSTALL` an extension (deleting its folder) and
`CALL timeout=0`; on Neo4j a READ session still runs `LOAD CSV` and `dbms.setConfigValue`.

The guard tokenises the query the way the databases' lexers do (LadybugDB's follows Kùzu's
`Cypher.g4`) and decides on tokens, so `LIMIT 1LOAD FROM ...` is seen as `1` then `LOAD` exactly as
the database sees it. Whatever the lexer cannot account for (an unknown character, an unclosed
string or comment, a bad escape, a number glued to letters) is refused rather than guessed at.
Then: one statement; it starts like a read query; no word from `REFUSED_WORDS` outside a string,
a `quoted name`, a property key (`n.load`) or a parameter (`$load`); `CALL` only of a subquery or of
a procedure in `READ_PROCEDURES`; no file-reading table function; no namespaced function outside
the built-in namespaces (`apoc.cypher.run*` would run a query string the guard never saw).
The console's time limit is `query_timeout_seconds()`, its memory limit `query_memory_mb()`.
"""

from __future__ import annotations

import os
import re
import unicodedata
from dataclasses import dataclass

from graph.store import ReadOnlyQueryError

# Lower-case names; Neo4j 5 and LadybugDB procedures that only read the schema or the server's identity.
READ_PROCEDURES = frozenset(
    {
        "db.labels",
        "db.relationshiptypes",
        "db.propertykeys",
        "db.info",
        "db.ping",
        "dbms.components",
        "db.schema.visualization",
        "db.schema.nodetypeproperties",
        "db.schema.reltypeproperties",
        "db.index.fulltext.querynodes",
        "db.index.fulltext.queryrelationships",
        "show_tables",
        "table_info",
        "show_connection",
        "db_version",
        "show_functions",
        "current_setting",
    }
)
# Words that begin a read query (after an optional EXPLAIN / PROFILE).
READ_STARTS = ("MATCH", "OPTIONAL", "UNWIND", "WITH", "RETURN", "CALL")
# Why each word is refused wherever it stands as a keyword. LadybugDB treats most of these as
# non-reserved, so they can also be plain names: then quote them (`load`).
_WRITES = "changes the graph"
_FILES = "reads or writes files"
_EXTENSIONS = "installs, loads or deletes database extensions"
_ADMIN = "changes databases, transactions, users or settings"
REFUSED_WORDS: dict[str, str] = {
    **dict.fromkeys(
        [
            "CREATE",
            "MERGE",
            "SET",
            "DELETE",
            "DETACH",
            "REMOVE",
            "DROP",
            "ALTER",
            "RENAME",
            "FOREACH",
            "INSERT",
            "COMMENT",
            "MACRO",
        ],
        _WRITES,
    ),
    **dict.fromkeys(["LOAD", "COPY", "EXPORT", "IMPORT", "GLOB"], _FILES),
    **dict.fromkeys(["INSTALL", "UNINSTALL", "UPDATE", "EXTENSION", "FORCE"], _EXTENSIONS),
    **dict.fromkeys(
        [
            "ATTACH",
            "USE",
            "DATABASE",
            "ANALYZE",
            "CHECKPOINT",
            "BEGIN",
            "COMMIT",
            "ROLLBACK",
            "TRANSACTION",
            "TRANSACTIONS",
            "GRANT",
            "REVOKE",
            "DENY",
            "START",
            "STOP",
            "TERMINATE",
            "SHOW",
            "ENABLE",
            "DISABLE",
            "DEALLOCATE",
            "REALLOCATE",
            "DRYRUN",
        ],
        _ADMIN,
    ),
}
# LadybugDB table functions that read files or memory given by address (`show_functions()`), and
# extension ones; any `read_*` name is refused too.
FILE_FUNCTIONS = frozenset(
    {
        "read_csv",
        "read_csv_serial",
        "read_csv_parallel",
        "read_parquet",
        "read_npy",
        "read_pandas",
        "read_json",
        "read_ndjson",
        "read_text",
        "read_blob",
        "read_arrow",
        "read_polars",
        "read_delta",
        "read_iceberg",
        "scan",
        "glob",
        "file_info",
        "copy_csv",
        "copy_parquet",
    }
)
# Namespaces of Neo4j's built-in functions (`date.truncate`, `point.distance`, ...).
BUILTIN_NAMESPACES = frozenset(
    {
        "date",
        "datetime",
        "localdatetime",
        "localtime",
        "time",
        "duration",
        "point",
        "vector",
        "db",
        "graph",
        "string",
        "math",
    }
)

QUERY_TIMEOUT_S = 30
QUERY_MEMORY_MB = 1024

# Whitespace as Kùzu's Cypher.g4 lists it (also Neo4j whitespace).
_WHITESPACE = frozenset(
    " \t\n\x0b\x0c\r\x1c\x1d\x1e\x1f\u1680\u180e\u2000\u2001\u2002\u2003\u2004\u2005"
    "\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u205f\u3000\u00a0\u202f"
)
# Block comment as Kùzu lexes it: a `*` inside is consumed with the character after it, so `/* **/` is
# not closed there; the guard refuses comments where this and the usual first-`*/` reading differ.
_KUZU_BLOCK_COMMENT = re.compile(r"/\*(?:[^*]|\*[^/])*\*/", re.DOTALL)
_NUMBER = re.compile(r"(?:[0-9]+(?:\.[0-9]+)?|\.[0-9]+)(?:[eE]-?[0-9]+)?")
_ESCAPE = re.compile(r"\\(?:[\\'\"bfnrtBFNRT]|[xX][0-9a-fA-F]{2}|[uU][0-9a-fA-F]{8}|[uU][0-9a-fA-F]{4})")


@dataclass(frozen=True)
class Token:
    """One lexical token. kind: word, quoted (a `backtick name`), string, number or punct."""

    kind: str
    text: str
    start: int

    @property
    def keyword(self) -> str:
        return self.text.upper() if self.kind == "word" else ""


def query_timeout_seconds() -> float:
    """The console's per-query limit: env `KFLOW_QUERY_TIMEOUT` seconds (default 30); ValueError if malformed."""
    return _positive_setting("KFLOW_QUERY_TIMEOUT", QUERY_TIMEOUT_S, "a number of seconds")


def query_memory_mb() -> int:
    """The console's per-query memory cap: env `KFLOW_QUERY_MEMORY_MB` (default 1024); ValueError if malformed."""
    return int(_positive_setting("KFLOW_QUERY_MEMORY_MB", QUERY_MEMORY_MB, "a whole number of megabytes", whole=True))


def _positive_setting(name: str, default: float, what: str, whole: bool = False) -> float:
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    try:
        value = int(raw) if whole else float(raw)
    except ValueError:
        raise ValueError(f"{name}={raw!r} is not {what}") from None
    if not value > 0:
        raise ValueError(f"{name}={raw!r} must be positive")
    return value


def timeout_message(seconds: float) -> str:
    return (
        f"query cancelled: it ran longer than the {seconds:g}-second limit (KFLOW_QUERY_TIMEOUT); "
        "narrow it (a LIMIT, a label, fewer hops) or raise the limit"
    )


def memory_message(megabytes: int) -> str:
    return (
        f"query stopped: it needed more than {megabytes} MB of memory (KFLOW_QUERY_MEMORY_MB); "
        "narrow it (a LIMIT, a label, fewer hops, no huge range()) or raise the limit"
    )


def _refuse(reason: str) -> ReadOnlyQueryError:
    return ReadOnlyQueryError(f"refused: the console is read-only and {reason}")


def tokenize(cypher: str) -> list[Token]:
    """The query's tokens, without whitespace and comments; ReadOnlyQueryError on anything unaccounted for."""
    tokens: list[Token] = []
    i, n = 0, len(cypher)
    while i < n:
        ch = cypher[i]
        if ch in _WHITESPACE:
            i += 1
        elif cypher.startswith("//", i):
            end = cypher.find("\n", i)
            i = n if end < 0 else end + 1
        elif cypher.startswith("/*", i):
            i = _block_comment_end(cypher, i)
        elif ch in "'\"":
            end = _string_end(cypher, i)
            tokens.append(Token("string", cypher[i:end], i))
            i = end
        elif ch == "`":
            end = i
            while end < n and cypher[end] == "`":  # `a``b` is one name: a doubled backtick is a literal one
                close = cypher.find("`", end + 1)
                if close < 0:
                    raise _refuse(f"the quoted name starting at character {i + 1} is never closed")
                end = close + 1
            tokens.append(Token("quoted", cypher[i + 1 : end - 1].replace("``", "`"), i))
            i = end
        elif ch.isascii() and (
            ch.isdigit()
            or (
                ch == "."
                and i + 1 < n
                and cypher[i + 1].isdigit()
                and not (tokens and tokens[-1].text == "." and tokens[-1].start == i - 1)
            )
        ):
            match = _NUMBER.match(cypher, i)
            end = match.end()
            if end < n and _continues_name(cypher[end]):
                glued = end
                while glued < n and _continues_name(cypher[glued]):
                    glued += 1
                raise _refuse(
                    f"`{cypher[i:glued]}` (character {i + 1}) glues a number to a word, which the database "
                    "reads as two tokens; put a space between them"
                )
            tokens.append(Token("number", cypher[i:end], i))
            i = end
        elif _starts_name(ch):
            end = i + 1
            while end < n and _continues_name(cypher[end]):
                end += 1
            tokens.append(Token("word", cypher[i:end], i))
            i = end
        elif ch.isascii() and ch.isprintable():
            width = 2 if cypher.startswith(("..", "<>", "<=", ">=", "=~", "!=", "->", "<-", "<<", ">>", "+="), i) else 1
            tokens.append(Token("punct", cypher[i : i + width], i))
            i += width
        else:
            raise _refuse(
                f"character {i + 1} ({unicodedata.name(ch, repr(ch))}, U+{ord(ch):04X}) is outside "
                "any string or `quoted name`; the console accepts only ASCII there"
            )
    return tokens


def _starts_name(ch: str) -> bool:
    return ch.isascii() and (ch.isalpha() or ch == "_")


def _continues_name(ch: str) -> bool:
    """A character that would extend a name for the database (ID_Continue or a currency sign)."""
    if ch.isascii():
        return ch.isalnum() or ch in "_$"
    return ("a" + ch).isidentifier() or unicodedata.category(ch) in ("Sc", "Pc")


def _block_comment_end(cypher: str, start: int) -> int:
    usual = cypher.find("*/", start + 2)
    kuzu = _KUZU_BLOCK_COMMENT.match(cypher, start)
    if usual < 0 or kuzu is None or kuzu.end() != usual + 2:
        raise _refuse(f"the comment starting at character {start + 1} is not closed unambiguously by `*/`")
    return usual + 2


def _string_end(cypher: str, start: int) -> int:
    quote, i, n = cypher[start], start + 1, len(cypher)
    while i < n:
        ch = cypher[i]
        if ch == quote:
            return i + 1
        if ch == "\\":
            escape = _ESCAPE.match(cypher, i)
            if escape is None:
                raise _refuse(
                    f"the string starting at character {start + 1} has an escape "
                    f"`{cypher[i : i + 2]}` the database does not read the same way"
                )
            i = escape.end()
        else:
            i += 1
    raise _refuse(f"the string starting at character {start + 1} is never closed")


def ensure_read_only(cypher: str) -> None:
    """Raise ReadOnlyQueryError unless the query is one statement made only of read clauses."""
    tokens = tokenize(cypher)
    if tokens and tokens[-1].text == ";":
        tokens = tokens[:-1]
    if not tokens:
        raise ReadOnlyQueryError("the query is empty")
    if any(t.text == ";" for t in tokens):
        raise ReadOnlyQueryError("only one statement per query is allowed in the read-only console")
    first = 1 if tokens[0].keyword in ("EXPLAIN", "PROFILE") else 0
    if first < len(tokens) and tokens[first].keyword in REFUSED_WORDS:
        word = tokens[first].keyword
        raise _refuse(f"this query uses {word}, which {REFUSED_WORDS[word]}")
    if first >= len(tokens) or tokens[first].keyword not in READ_STARTS:
        shown = tokens[first].text if first < len(tokens) else "nothing"
        raise _refuse(
            f"only read queries run here, starting with {', '.join(READ_STARTS)}; this one starts with `{shown}`"
        )
    for index, token in enumerate(tokens):
        if token.kind != "word" or _is_name_position(tokens, index):
            continue
        word = token.keyword
        if word in REFUSED_WORDS:
            raise _refuse(
                f"this query uses {word}, which {REFUSED_WORDS[word]}; load or remove data with "
                f"`kflow load` / `kflow remove` (if {token.text} is a name here, quote it: `{token.text}`)"
            )
        if word == "CALL":
            _check_call(tokens, index)
        elif _is_call_of(tokens, index):
            _check_function(tokens, index)


def _is_name_position(tokens: list[Token], index: int) -> bool:
    """A word right after `.` (a property key or namespace part: the grammars allow nothing else there)
    or glued to `$` (a parameter) is a name, never a keyword."""
    if index == 0:
        return False
    before = tokens[index - 1]
    return before.text == "." or (before.text == "$" and before.start + 1 == tokens[index].start)


def _is_call_of(tokens: list[Token], index: int) -> bool:
    """Whether the word starts a (possibly dotted) function name followed by `(`."""
    j = index + 1
    while j + 1 < len(tokens) and tokens[j].text == "." and tokens[j + 1].kind in ("word", "quoted"):
        j += 2
    return j < len(tokens) and tokens[j].text == "("


def _dotted_name(tokens: list[Token], index: int) -> tuple[str, int]:
    """The dotted name starting at `index` (`db.labels`, `` `db.labels` ``), and the index after it."""
    parts, j = [], index
    while j < len(tokens) and tokens[j].kind in ("word", "quoted"):
        parts.append(tokens[j].text)
        if j + 2 < len(tokens) and tokens[j + 1].text == "." and tokens[j + 2].kind in ("word", "quoted"):
            j += 2
        else:
            j += 1
            break
    return ".".join(parts), j


def _check_function(tokens: list[Token], index: int) -> None:
    name, _ = _dotted_name(tokens, index)
    lowered = name.lower()
    if lowered in FILE_FUNCTIONS or lowered.startswith("read_"):
        raise _refuse(f"{name}() {_FILES}")
    if "." in lowered and lowered.split(".")[0] not in BUILTIN_NAMESPACES:
        raise _refuse(
            f"{name}() is not a built-in function; plug-in functions (apoc.*, gds.*, ...) may run "
            "queries or read files the console cannot check"
        )


def _check_call(tokens: list[Token], index: int) -> None:
    after = tokens[index + 1] if index + 1 < len(tokens) else None
    if after is None:
        raise _refuse("`CALL` names no procedure")
    if after.text == "{":
        return  # a subquery: its clauses are checked with the rest of the query
    if after.text == "(":  # Neo4j's `CALL (x) { ... }`: a subquery with an import list
        depth, j = 0, index + 1
        while j < len(tokens):
            depth += {"(": 1, ")": -1}.get(tokens[j].text, 0)
            if depth == 0:
                break
            j += 1
        if j + 1 < len(tokens) and tokens[j + 1].text == "{":
            return
        raise _refuse("`CALL (...)` must be followed by a subquery `{ ... }`")
    if after.kind not in ("word", "quoted"):
        raise _refuse(f"`CALL {after.text}` is not a procedure it may call")
    name, j = _dotted_name(tokens, index + 1)
    if j < len(tokens) and tokens[j].text == "=":
        raise _refuse(f"`CALL {name}=...` changes a setting")
    if name.lower() in FILE_FUNCTIONS or name.lower().startswith("read_"):
        raise _refuse(f"{name} {_FILES}")
    if name.lower() not in READ_PROCEDURES:
        raise _refuse(
            f"{name} is not a read-only procedure it may call (allowed: {', '.join(sorted(READ_PROCEDURES))})"
        )
