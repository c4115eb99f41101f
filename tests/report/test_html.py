"""The HTML report: escaping of article text, no external resources, a CSP that allows
only the report's own style and script, charts with open bounds, and an empty archive."""
from __future__ import annotations

import base64
import copy
import hashlib
import re
from html.parser import HTMLParser

import pytest

from claimlint.report.html import render

SCRIPT = "<script>window.__pwned = 1</script>"
IMG = '<img src=x onerror="window.__pwned=2">'
EVIL_PATH = 'articles/"quoted" <b>&amp; \'x\'.md'

# Every element the report itself writes; anything else came from article text.
ALLOWED_TAGS = {
    "html", "head", "meta", "title", "style", "body", "header", "div", "h1", "h2", "h3", "p", "span",
    "nav", "a", "main", "section", "table", "thead", "tbody", "tr", "th", "td", "ul", "li", "q",
    "code", "strong", "mark", "form", "label", "input", "select", "option", "button", "output",
    "figure", "figcaption", "details", "summary", "footer", "script", "wbr",
    "svg", "rect", "line", "text", "path", "g", "defs", "lineargradient", "stop",
}


class Page(HTMLParser):
    """Every element with its attributes, and the text of <script> and <style> elements."""

    def __init__(self, text: str):
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict]] = []
        self.raw: dict[str, list[str]] = {"script": [], "style": []}
        self._in: str | None = None
        self.feed(text)
        self.close()

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, dict(attrs)))
        if tag in self.raw:
            self._in = tag
            self.raw[tag].append("")

    handle_startendtag = handle_starttag

    def handle_endtag(self, tag):
        if tag == self._in:
            self._in = None

    def handle_data(self, data):
        if self._in:
            self.raw[self._in][-1] += data

    def tags(self, name: str) -> list[dict]:
        return [attrs for tag, attrs in self.elements if tag == name]


def finding(**kw) -> dict:
    base = {
        "rule": "CL102", "name": "cross-article-conflict", "category": "cross-article",
        "severity": "warning", "path": "articles/a.md", "line": 17, "column": 12,
        "end_line": 17, "end_column": 28, "text": "$6,500 – $15,000",
        "message": "price is $6,500 – $15,000 here but $7,000 – $12,000 in 3 other articles",
        "quantity": "price", "related": [], "fact_id": None, "fingerprint": "abc", "fix": None,
        "context": "Expect to pay $6,500 – $15,000 for one course.",
    }
    base.update(kw)
    return base


def report(**kw) -> dict:
    data = {
        "tool": {"name": "claimlint", "version": "0.1.0"},
        "root": "articles",
        "generated": "2026-11-23T12:00:00Z",
        "counts": {"documents": 3, "claims": 40, "findings": 2,
                   "by_severity": {"error": 1, "warning": 1, "info": 0},
                   "by_category": {"cross-article": 1, "fact": 1},
                   "by_rule": {"CL102": 1, "CL201": 1}},
        "rules": [{"code": "CL102", "name": "cross-article-conflict", "category": "cross-article",
                   "severity": "warning", "summary": "Two articles state different values"},
                  {"code": "CL201", "name": "fact-mismatch", "category": "fact",
                   "severity": "error", "summary": "A claim contradicts a canonical fact"}],
        "findings": [
            finding(),
            finding(rule="CL201", name="fact-mismatch", category="fact", severity="error",
                    path="articles/b.md", line=4, column=1, text="2014", fact_id="jp.asrm.enacted",
                    message="2014 contradicts fact jp.asrm.enacted", context="2014 The Act passed."),
        ],
        "worst_articles": [{"path": "articles/a.md", "findings": 1, "by_severity": {"warning": 1}},
                           {"path": "articles/b.md", "findings": 1, "by_severity": {"error": 1}}],
        "contested": [{
            "label": "Japan · knee osteoarthritis · cultured — price", "kind": "price", "unit": "USD",
            "fact": {"id": "jp.knee.price", "low": 7000, "high": 12000},
            "prevailing": {"low": 7000, "high": 12000},
            "statements": [
                {"path": "articles/a.md", "line": 17, "low": 6500, "high": 15000,
                 "text": "$6,500 – $15,000", "agrees": False},
                {"path": "articles/c.md", "line": 9, "low": 7000, "high": 12000,
                 "text": "$7,000 – $12,000", "agrees": True},
            ]}],
        "since": None,
    }
    data.update(kw)
    return data


def hostile() -> dict:
    """A report where every piece of article text tries to inject markup."""
    evil = finding(
        path=EVIL_PATH, text=SCRIPT,
        message=f"price {SCRIPT} {IMG} \"quoted\" 'single' & more",
        context=f"Prices {IMG} start {SCRIPT} at \"$6,500\" & up",
        related=[{"path": EVIL_PATH, "line": 3, "column": 1, "end_line": 3, "end_column": 9, "text": IMG},
                 {"path": "articles/<svg onload=alert(1)>.md", "line": 8, "column": 1,
                  "end_line": 8, "end_column": 9, "text": "</td></tr></table><script>x()</script>"}],
        fix={"replacement": SCRIPT, "safe": False, "description": IMG},
        fact_id='"><script>y()</script>', status="new",
    )
    data = report(findings=[evil, finding(status="open")])
    data["root"] = "<script>z()</script>"
    data["generated"] = IMG
    data["tool"] = {"name": "claimlint", "version": "<b>1</b>"}
    data["rules"][0]["summary"] = SCRIPT
    data["counts"]["by_rule"] = {"<i>CL102</i>": 1}
    data["counts"]["by_category"] = {"<u>cat</u>": 1}
    data["worst_articles"] = [{"path": EVIL_PATH, "findings": 1, "by_severity": {"<em>": 1, "warning": 1}}]
    measure = data["contested"][0]
    measure["label"] = f"Japan {SCRIPT} — price"
    measure["unit"] = "<b>USD</b>"
    measure["fact"]["id"] = IMG
    for s in measure["statements"]:
        s["path"], s["text"] = EVIL_PATH, f"{SCRIPT}{IMG}"
    data["since"] = {"ref": "HEAD~3<script>w()</script>", "new": 1, "fixed": 1, "open": 1,
                     "fixed_findings": [finding(path=EVIL_PATH, message=IMG, text=SCRIPT)]}
    return data


def test_article_text_cannot_add_elements_or_handlers():
    page = Page(render(hostile()))
    tags = {tag for tag, _ in page.elements}
    assert tags <= ALLOWED_TAGS, tags - ALLOWED_TAGS
    assert "img" not in tags
    handlers = [(tag, name) for tag, attrs in page.elements for name in attrs if name.startswith("on")]
    assert handlers == []
    assert len(page.tags("script")) == 1  # the report's own


def test_article_text_is_shown_as_text():
    text = render(hostile())
    assert "&lt;script&gt;window.__pwned = 1&lt;/script&gt;" in text
    assert "&lt;img src=x onerror=&#34;window.__pwned=2&#34;&gt;" in text
    assert "&lt;/td&gt;&lt;/tr&gt;&lt;/table&gt;" in text
    assert "<script>window" not in text and "<img" not in text and "<svg onload" not in text


def test_quotes_in_attributes_round_trip():
    page = Page(render(hostile()))
    filters = [a["data-filter-text"] for a in page.tags("a") if "data-filter-text" in a]
    assert filters == [EVIL_PATH]
    ids = {a.get("id") for _, a in page.elements if a.get("id")}
    assert all(re.fullmatch(r"[a-z][a-z0-9-]*", i) for i in ids), ids


def test_context_is_escaped_then_highlighted():
    data = report(findings=[finding(text="<b>$6,500</b>", column=5,
                                    context="From <b>$6,500</b> & \"up\" <b>$6,500</b>")])
    text = render(data)
    assert ('From <mark>&lt;b&gt;$6,500&lt;/b&gt;</mark> &amp; &#34;up&#34; &lt;b&gt;$6,500&lt;/b&gt;'
            in text)


def test_quote_found_when_column_does_not_match():
    text = render(report(findings=[finding(column=1, context="  Expect $6,500 – $15,000 for one course.")]))
    assert "Expect <mark>$6,500 – $15,000</mark> for one course." in text


def test_long_context_is_clipped_around_the_quote():
    context = "word " * 200 + "$6,500 – $15,000" + " tail" * 200
    text = render(report(findings=[finding(column=1, context=context)]))
    shown = re.search(r'<div class="context">(.*?)</div>', text, re.S).group(1)
    assert "<mark>$6,500 – $15,000</mark>" in shown and len(shown) < 500


def test_missing_context_shows_the_quote():
    f = finding()
    del f["context"]
    assert '<div class="context"><mark>$6,500 – $15,000</mark></div>' in render(report(findings=[f]))


EXTERNAL = re.compile(r"^\s*(https?:|//|ftp:|data:|javascript:)", re.I)


def test_no_external_resources():
    data = hostile()
    data["findings"][0]["context"] = 'see https://evil.example/x.js and <a href="http://x">x</a>'
    data["findings"][0]["message"] = "url(https://evil.example/bg.png)"
    text = render(data)
    page = Page(text)
    for tag, attrs in page.elements:
        for name in ("src", "href", "xlink:href", "action", "formaction", "poster", "background"):
            assert not EXTERNAL.match(attrs.get(name) or ""), (tag, name, attrs[name])
        for name, value in attrs.items():
            assert "url(http" not in (value or "").replace(" ", "").lower(), (tag, name)
    css = "".join(page.raw["style"])
    assert "@import" not in css and not re.search(r"url\(\s*['\"]?(https?:|//)", css)
    assert "<link" not in text
    assert not any(re.search(r"https?://", s) for s in page.raw["script"])


def test_content_security_policy_allows_only_the_report_own_style_and_script():
    page = Page(render(report()))
    metas = [m for m in page.tags("meta") if m.get("http-equiv", "").lower() == "content-security-policy"]
    assert len(metas) == 1
    csp = dict(d.strip().split(" ", 1) for d in metas[0]["content"].split(";"))
    assert csp["default-src"] == "'none'"
    assert "unsafe-inline" not in metas[0]["content"] and "unsafe-eval" not in metas[0]["content"]

    def digest(text: str) -> str:
        return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"

    (script,), (style,) = page.raw["script"], page.raw["style"]
    assert csp["script-src"] == digest(script)
    assert csp["style-src"] == digest(style)
    # the policy comes before anything it governs
    names = [tag for tag, _ in page.elements]
    assert names.index("meta", names.index("head")) < names.index("style")
    assert not any("style" in attrs for _, attrs in page.elements)  # inline style attributes are blocked


def test_open_bounds_draw_arrows_and_fades():
    data = report()
    data["contested"] = [{
        "label": "success rate", "kind": "percentage", "unit": "%", "fact": None,
        "prevailing": {"low": 60, "high": 80},
        "statements": [
            {"path": "articles/a.md", "line": 1, "low": None, "high": 90, "text": "up to 90%", "agrees": False},
            {"path": "articles/b.md", "line": 2, "low": 60, "high": None, "text": "from 60%", "agrees": True},
            {"path": "articles/c.md", "line": 3, "low": 70, "high": 70, "text": "70%", "agrees": None},
        ]}]
    text = render(data)
    svg = re.search(r'<svg class="chart".*?</svg>', text, re.S).group(0)
    assert 'fill="url(#c1-fl-bad)"' in svg and 'fill="url(#c1-fr-ok)"' in svg
    assert svg.count('class="arrow') == 2
    assert "up to 90%" in svg and "from 60%" in svg and "70%" in svg
    assert svg.count('class="prevailing"') == 2 and "fact-band" not in svg


@pytest.mark.parametrize("unit, kind, low, high, shown", [
    ("USD", "price", 6500, None, "from $6,500"),
    ("EUR", "price", 5500, 8000, "€5,500 – €8,000"),
    ("week", "duration", 3, 4, "3 – 4 weeks"),
    ("cells", "cell_count", None, 100_000_000, "up to 100,000,000 cells"),
    ("year", "year", 2013, 2013, "2013"),
])
def test_units_are_formatted(unit, kind, low, high, shown):
    data = report()
    data["contested"] = [{"label": "m", "kind": kind, "unit": unit, "fact": None, "prevailing": None,
                          "statements": [{"path": "a.md", "line": 1, "low": low, "high": high,
                                          "text": "t", "agrees": None}]}]
    assert f">{shown}<" in render(data)


def test_fact_band_and_prevailing_marks():
    svg = re.search(r'<svg class="chart".*?</svg>', render(report()), re.S).group(0)
    assert svg.count('class="fact-band"') == 1
    assert svg.count('class="prevailing"') == 2
    assert svg.count('<g class="stmt bad">') == 1 and svg.count('<g class="stmt ok">') == 1
    assert 'href="#f-1"' in svg  # the statement at a.md:17 links to its finding


def test_empty_archive_renders_a_sensible_page():
    data = report(findings=[], contested=[], worst_articles=[], since=None)
    data["counts"] = {"documents": 0, "claims": 0, "findings": 0,
                      "by_severity": {}, "by_category": {}, "by_rule": {}}
    text = render(data)
    page = Page(text)
    assert "No findings" in text and "No measure is stated differently" in text
    assert not page.tags("table")
    assert page.tags("script")  # still valid, still the same policy
    assert render({}).startswith("<!DOCTYPE html>")


def test_since_section_and_status_column():
    data = report()
    for f, status in zip(data["findings"], ("new", "open")):
        f["status"] = status
    data["since"] = {"ref": "HEAD~3", "new": 1, "fixed": 1, "open": 1,
                     "fixed_findings": [finding(path="articles/gone.md", message="was wrong")]}
    text = render(data)
    assert 'id="since"' in text and "articles/gone.md" in text and "was wrong" in text
    assert '<select id="filter-status">' in text
    assert '<span class="status status-new">new</span>' in text
    assert "filter-status" not in render(report())


def test_rule_summary_without_its_own_code_and_name():
    data = report()
    data["rules"][0]["summary"] = "CL102 cross-article-conflict: articles disagree"
    text = render(data)
    assert "cross-article-conflict <span class=\"hint\">articles disagree</span>" in text


def test_table_rows_carry_filter_and_sort_keys():
    page = Page(render(report()))
    rows = [a for a in page.tags("tr") if a.get("class") == "finding"]
    assert [(r["data-severity"], r["data-rule"], r["data-category"]) for r in rows] == [
        ("warning", "CL102", "cross-article"), ("error", "CL201", "fact")]
    assert {o.get("value") for o in page.tags("option")} >= {"", "error", "warning", "CL102", "fact"}


def test_render_is_deterministic_and_leaves_input_alone():
    data = hostile()
    before = copy.deepcopy(data)
    assert render(data) == render(data)
    assert data == before
