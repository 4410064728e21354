"""HTML pages: the main text as plain text (scripts, navigation and boilerplate dropped), with title and date.

Everything in a page is untrusted: the reader keeps only text (entities decoded, markup gone), never
markup or script, so nothing in a page can act on whoever later reads the Source.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from bs4 import BeautifulSoup, Comment, Declaration, Doctype, NavigableString, ProcessingInstruction, Tag
from bs4.dammit import EncodingDetector

from loaders.document import Document, ReadError
from loaders.readers.common import decode_text, normalise_published, read_bytes, sha256

# Never content: code, styling, embedded objects, forms and the page's navigation furniture.
DROPPED_TAGS = (
    "script",
    "style",
    "noscript",
    "template",
    "svg",
    "canvas",
    "iframe",
    "object",
    "embed",
    "form",
    "button",
    "input",
    "select",
    "textarea",
    "nav",
    "aside",
    "dialog",
    "head",
    "meta",
    "link",
)
# Page furniture when outside the chosen article: site header and footer.
FURNITURE_TAGS = ("header", "footer")
BOILERPLATE_ROLES = {
    "navigation",
    "banner",
    "contentinfo",
    "complementary",
    "search",
    "menu",
    "menubar",
    "dialog",
    "alert",
}
# Whole class/id tokens that mark furniture on common sites (matched as tokens, never substrings).
BOILERPLATE_TOKENS = {
    "nav",
    "navbar",
    "navigation",
    "menu",
    "breadcrumb",
    "breadcrumbs",
    "sidebar",
    "cookie",
    "cookies",
    "cookie-banner",
    "cookie-notice",
    "consent",
    "share",
    "social",
    "social-share",
    "advert",
    "advertisement",
    "ads",
    "related",
    "related-links",
    "skip-link",
    "site-header",
    "site-footer",
    "newsletter",
    "pagination",
}
BLOCK_TAGS = {
    "address",
    "article",
    "blockquote",
    "body",
    "caption",
    "dd",
    "details",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hr",
    "html",
    "li",
    "main",
    "ol",
    "p",
    "pre",
    "section",
    "summary",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "tr",
    "ul",
}
DATE_META = (
    ("property", "article:published_time"),
    ("property", "og:published_time"),
    ("itemprop", "datePublished"),
    ("name", "citation_publication_date"),
    ("name", "dcterms.date"),
    ("name", "dcterms.issued"),
    ("name", "dc.date"),
    ("name", "dc.date.issued"),
    ("name", "date"),
    ("name", "pubdate"),
    ("name", "publish-date"),
    ("name", "publication_date"),
)
NOT_TEXT = (Comment, Declaration, Doctype, ProcessingInstruction)
# lxml follows browsers (an unclosed <title> swallows the page); Python's parser is the lenient second try.
PARSERS = ("lxml", "html.parser")


def read_html(path: Path) -> Document:
    data = read_bytes(path)
    warnings: list[str] = []
    markup = _decode(path, data, warnings)
    for parser in PARSERS:
        soup = _parse(path, markup, parser)
        title = _title(soup)
        published, precision = _published(soup, markup, warnings)
        url = _canonical_url(soup)
        text = main_text(soup, warnings)
        if text:
            break
        if parser != PARSERS[-1]:
            warnings.append("no text found with the lxml parser (badly broken markup?); read with Python's html.parser")
    if not text:
        raise ReadError(path, "HTML has no readable text (only markup, scripts or navigation)")
    return Document(
        path=path,
        text=text,
        sha256=sha256(data),
        media_type="text/html",
        title=title,
        published=published,
        published_precision=precision,
        url=url,
        warnings=warnings,
    )


def html_to_text(markup: str) -> str:
    """Plain main text of an HTML fragment or page (used for HTML-only e-mail bodies)."""
    for parser in PARSERS:
        text = main_text(BeautifulSoup(markup, parser), [])
        if text:
            return text
    return ""


def _decode(path: Path, data: bytes, warnings: list[str]) -> str:
    """UTF-8, else the charset the page itself declares, else detection (decode_text warns)."""
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        declared = EncodingDetector.find_declared_encoding(data, is_html=True)
        if declared and b"\x00" not in data[:8192]:
            try:
                text = data.decode(declared)
            except (LookupError, UnicodeDecodeError):
                pass
            else:
                warnings.append(f"not UTF-8; decoded as {declared}, the charset the page declares")
                return text.replace("\r\n", "\n").replace("\r", "\n")
    return decode_text(path, data, warnings)


def main_text(soup: BeautifulSoup, warnings: list[str]) -> str:
    """The article (or main, or body) as paragraphs of plain text, furniture removed."""
    container = _main_container(soup)
    _strip_boilerplate(
        container, inside_article=container.name in {"article", "main"} or container.get("role") == "main"
    )
    text = _render(container)
    if not text and container is not soup:
        warnings.append("no main text in the page's article/main element; read the whole page")
        whole = soup.body or soup
        _strip_boilerplate(whole, inside_article=False)
        text = _render(whole)
    return text


def _parse(path: Path, markup: str, parser: str) -> BeautifulSoup:
    try:
        return BeautifulSoup(markup, parser)
    except Exception as error:  # both parsers are lenient; whatever they still reject is a bad file, not a crash
        raise ReadError(
            path, f"malformed HTML that {parser} could not parse ({type(error).__name__}: {error})"
        ) from None


def _main_container(soup: BeautifulSoup) -> Tag:
    articles = [a for a in soup.find_all("article") if a.find_parent("article") is None]
    if articles:
        return max(articles, key=lambda a: len(a.get_text(" ", strip=True)))
    for candidate in (soup.find("main"), soup.find(attrs={"role": "main"})):
        if isinstance(candidate, Tag):
            return candidate
    return soup.body or soup


def _strip_boilerplate(root: Tag, inside_article: bool) -> None:
    for tag in root.find_all(DROPPED_TAGS):
        tag.decompose()
    if not inside_article:
        for tag in root.find_all(FURNITURE_TAGS):
            tag.decompose()
    for tag in root.find_all(_is_furniture):
        tag.decompose()
    for node in root.find_all(string=lambda s: isinstance(s, NOT_TEXT)):
        node.extract()


def _is_furniture(tag: Tag) -> bool:
    if tag.attrs is None:
        return False
    if tag.has_attr("hidden") or str(tag.get("aria-hidden", "")).lower() == "true":
        return True
    if str(tag.get("role", "")).lower() in BOILERPLATE_ROLES:
        return True
    tokens = {t.lower() for t in (tag.get("class") or [])} | {str(tag.get("id", "")).lower()}
    return bool(tokens & BOILERPLATE_TOKENS)


def _render(root: Tag) -> str:
    """Text with block elements as paragraphs and <br> as line breaks; runs of spaces collapsed.

    Walks with its own stack, not recursion: hostile pages nest 100,000 elements deep."""
    parts: list[str] = []
    stack = [(iter(root.children), False)]  # (children still to visit, whether the element is a block)
    while stack:
        children, block = stack[-1]
        child = next(children, None)
        if child is None:
            stack.pop()
            if block:
                parts.append("\n\n")
        elif isinstance(child, NavigableString):
            if not isinstance(child, NOT_TEXT):
                parts.append(str(child))
        elif isinstance(child, Tag):
            if child.name == "br":
                parts.append("\n")
                continue
            if child.name in BLOCK_TAGS:
                parts.append("\n\n")
            stack.append((iter(child.children), child.name in BLOCK_TAGS))
    lines = [re.sub(r"[ \t\f\v\u00a0]+", " ", line).strip() for line in "".join(parts).split("\n")]
    text = "\n".join(lines)
    return re.sub(r"\n{3,}", "\n\n", text).strip()


def _title(soup: BeautifulSoup) -> str | None:
    for attrs in ({"property": "og:title"}, {"name": "dc.title"}, {"name": "citation_title"}):
        meta = soup.find("meta", attrs=attrs)
        if isinstance(meta, Tag) and str(meta.get("content", "")).strip():
            return _one_line(str(meta["content"]))
    for tag in (soup.title, soup.find("h1")):
        if isinstance(tag, Tag) and tag.get_text(strip=True):
            return _one_line(tag.get_text(" "))
    return None


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _canonical_url(soup: BeautifulSoup) -> str | None:
    link = soup.find("link", rel="canonical") or soup.find("meta", property="og:url")
    if isinstance(link, Tag):
        value = str(link.get("href") or link.get("content") or "").strip()
        if value.startswith(("http://", "https://")):
            return value
    return None


def _published(soup: BeautifulSoup, markup: str, warnings: list[str]) -> tuple[str | None, str | None]:
    """Publication date from explicit metadata first, then htmldate's metadata-only search."""
    for value in _declared_dates(soup):
        try:
            return normalise_published(value, Path("page metadata"))
        except ReadError:
            warnings.append(f"ignored unreadable publication date {value[:40]!r} in page metadata")
    try:
        from htmldate import find_date

        found = find_date(
            markup, extensive_search=False, original_date=True, outputformat="%Y-%m-%d", min_date="1900-01-01"
        )
    except Exception:  # htmldate is a heuristic; its failure leaves the page undated, not unread
        found = None
    return (found, "day") if found else (None, None)


def _declared_dates(soup: BeautifulSoup) -> list[str]:
    values: list[str] = []
    for attr, name in DATE_META:
        for meta in soup.find_all("meta", attrs={attr: re.compile(f"^{re.escape(name)}$", re.IGNORECASE)}):
            if meta.get("content"):
                values.append(str(meta["content"]))
    for script in soup.find_all("script", type="application/ld+json"):
        values.extend(_json_ld_dates(script.get_text()))
    times = soup.find_all("time", attrs={"datetime": True})
    values.extend(
        str(t["datetime"]) for t in times if t.has_attr("pubdate") or str(t.get("itemprop", "")) == "datePublished"
    )
    first_in_article = next((t for t in times if t.find_parent("article") is not None), None)
    if first_in_article is not None:
        values.append(str(first_in_article["datetime"]))
    return values


def _json_ld_dates(raw: str) -> list[str]:
    try:
        data = json.loads(raw)
    except ValueError:
        return []
    items = data if isinstance(data, list) else [data]
    items += [g for item in items if isinstance(item, dict) for g in item.get("@graph", []) if isinstance(g, dict)]
    return [str(item["datePublished"]) for item in items if isinstance(item, dict) and item.get("datePublished")]
