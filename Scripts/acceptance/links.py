"""Internal links and asset references of a built Harigami output: every href/src resolves to a file, and every #fragment to an id."""

from __future__ import annotations

import html.parser
import os
import re
import urllib.parse
from dataclasses import dataclass, field

# Elements whose attribute makes the browser fetch something: a foreign host here is a third-party request.
ASSET_ATTRIBUTES = {
    ("img", "src"), ("img", "srcset"), ("source", "src"), ("source", "srcset"), ("script", "src"),
    ("iframe", "src"), ("audio", "src"), ("video", "src"), ("video", "poster"), ("track", "src"),
    ("object", "data"), ("embed", "src"), ("input", "src"),
}
LINK_ATTRIBUTES = {("a", "href"), ("area", "href"), ("link", "href"), ("form", "action"), ("blockquote", "cite"), ("q", "cite")}
# <link rel> values that are only addresses, never fetched by the page.
LINK_RELS_NOT_FETCHED = {"canonical", "alternate", "author", "license", "help", "next", "prev", "search", "bookmark"}
SCHEMES_NOT_CHECKED = ("mailto:", "tel:", "sms:", "data:")


@dataclass
class Reference:
    """One address written in a page: where (line), in which element and attribute, and whether the page fetches it."""
    url: str
    line: int
    element: str
    attribute: str
    fetched: bool


@dataclass
class PageFacts:
    """What the link check needs to know about one HTML file."""
    references: list[Reference] = field(default_factory=list)
    ids: set[str] = field(default_factory=set)


class _PageParser(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.facts = PageFacts()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value for name, value in attrs if value is not None}
        line = self.getpos()[0]
        if "id" in values:
            self.facts.ids.add(values["id"])
        if tag == "a" and "name" in values:
            self.facts.ids.add(values["name"])
        for name, value in values.items():
            is_asset = (tag, name) in ASSET_ATTRIBUTES
            if not is_asset and (tag, name) not in LINK_ATTRIBUTES:
                continue
            fetched = is_asset
            if tag == "link":
                rels = set(values.get("rel", "").lower().split())
                fetched = not rels <= LINK_RELS_NOT_FETCHED
            urls = [part.strip().split()[0] for part in value.split(",") if part.strip()] if name == "srcset" else [value.strip()]
            for url in urls:
                self.facts.references.append(Reference(url, line, tag, name, fetched))

    handle_startendtag = handle_starttag


def read_page(path: str) -> PageFacts:
    parser = _PageParser()
    with open(path, encoding="utf-8", errors="replace") as file:
        parser.feed(file.read())
    parser.close()
    return parser.facts


CSS_URL = re.compile(r"""url\(\s*(['"]?)([^'")]+)\1\s*\)""")


@dataclass
class LinkProblem:
    rule: str
    line: int
    message: str


class LinkChecker:
    """Checks pages under `output`; absolute addresses under a tree's base URL (read from its root page's canonical link) count as internal."""

    def __init__(self, output: str, trees: list[str]) -> None:
        self.output = os.path.abspath(output)
        self.base_urls: dict[str, str] = {}
        for tree in trees:
            base = self._canonical(os.path.join(self.output, tree, "index.html"))
            if base:
                self.base_urls[tree] = base if base.endswith("/") else base + "/"
        self._facts: dict[str, PageFacts] = {}

    @staticmethod
    def _canonical(root_page: str) -> str | None:
        if not os.path.isfile(root_page):
            return None
        parser = _RelFinder()
        with open(root_page, encoding="utf-8", errors="replace") as file:
            parser.feed(file.read())
        return parser.canonical

    def facts(self, path: str) -> PageFacts:
        if path not in self._facts:
            self._facts[path] = read_page(path)
        return self._facts[path]

    def _local_target(self, page: str, url: str) -> tuple[str | None, str | None, bool]:
        """(file or folder path, fragment, was relative) for an internal address; (None, None, False) for another host."""
        parts = urllib.parse.urlsplit(url)
        fragment = urllib.parse.unquote(parts.fragment) if "#" in url else None
        if parts.scheme or url.startswith("//"):
            absolute = urllib.parse.urlunsplit((parts.scheme, parts.netloc, parts.path, "", ""))
            if url.startswith("//"):
                absolute = "https:" + absolute
            tree = self._tree_of(page)
            # Posters and the staff handbook link to the public site's addresses.
            candidates = [tree, "site"] if tree else ["site"]
            for candidate in candidates:
                base = self.base_urls.get(candidate)
                if base and (absolute + "/").startswith(base):
                    rest = absolute[len(base):]
                    return os.path.join(self.output, candidate, urllib.parse.unquote(rest)), fragment, False
            return None, None, False
        if not parts.path:
            return page, fragment, True
        target = os.path.normpath(os.path.join(os.path.dirname(page), urllib.parse.unquote(parts.path)))
        if parts.path.endswith("/"):
            target += "/"
        return target, fragment, True

    def _tree_of(self, page: str) -> str | None:
        relative = os.path.relpath(page, self.output)
        return relative.split(os.sep)[0] if not relative.startswith("..") else None

    def check(self, page: str) -> list[LinkProblem]:
        problems: list[LinkProblem] = []
        for reference in self.facts(page).references:
            problems += self._check_reference(page, reference)
        return problems

    def _check_reference(self, page: str, reference: Reference) -> list[LinkProblem]:
        url = reference.url
        where = f'<{reference.element} {reference.attribute}="{url}">'
        if url == "":
            return [LinkProblem("link.empty", reference.line, f"{where} has an empty address")]
        lowered = url.lower()
        if lowered.startswith(("javascript:", "vbscript:", "file:")):
            return [LinkProblem("link.unsafe", reference.line, f"{where} uses a scheme a published page must not use")]
        if lowered.startswith(SCHEMES_NOT_CHECKED):
            return []
        target, fragment, relative = self._local_target(page, url)
        if target is None:
            if reference.fetched:
                return [LinkProblem("link.third-party", reference.line, f"{where} makes the page load something from another host; ship it under assets/ instead")]
            return []
        if not target.startswith(self.output + os.sep):
            return [LinkProblem("link.outside-output", reference.line, f"{where} points outside the output folder ({target})")]
        shown = os.path.relpath(target.rstrip("/"), self.output)
        if os.path.isdir(target.rstrip("/")):
            if relative and target.rstrip("/") != page:
                return [LinkProblem("link.folder", reference.line, f"{where} points to the folder {shown}/; relative links must name the file ({shown}/index.html) so the page also works when opened from disk")]
            target = os.path.join(target.rstrip("/"), "index.html")
            shown = os.path.relpath(target, self.output)
        if not os.path.isfile(target):
            return [LinkProblem("link.missing", reference.line, f"{where}: {shown} does not exist")]
        if fragment is not None:
            if fragment == "":
                return [LinkProblem("link.fragment", reference.line, f"{where} ends in an empty '#'; link to an element's id")]
            if target.endswith(".html") and fragment not in self.facts(target).ids:
                return [LinkProblem("link.fragment", reference.line, f"{where}: {shown} has no element with id=\"{fragment}\"")]
        if target.endswith(".css") and reference.fetched:
            return self._check_stylesheet(target, reference.line)
        return []

    def _check_stylesheet(self, stylesheet: str, line: int) -> list[LinkProblem]:
        problems = []
        with open(stylesheet, encoding="utf-8", errors="replace") as file:
            text = file.read()
        for match in CSS_URL.finditer(text):
            url = match.group(2).strip()
            if url.startswith(("data:", "#")):
                continue
            shown = os.path.relpath(stylesheet, self.output)
            if urllib.parse.urlsplit(url).scheme or url.startswith("//"):
                problems.append(LinkProblem("link.third-party", line, f"{shown} loads url({url}) from another host; ship it under assets/ instead"))
                continue
            target = os.path.normpath(os.path.join(os.path.dirname(stylesheet), urllib.parse.unquote(urllib.parse.urlsplit(url).path)))
            if not os.path.isfile(target):
                problems.append(LinkProblem("link.missing", line, f"{shown} refers to url({url}): {os.path.relpath(target, self.output)} does not exist"))
        return problems


class _RelFinder(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.canonical: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "link" and (values.get("rel") or "").lower() == "canonical" and self.canonical is None:
            self.canonical = values.get("href")
