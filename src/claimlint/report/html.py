"""The HTML report of `claimlint audit DIR --html FILE`: one self-contained page.

`render(data)` takes the audit's plain dict (the same one `--json` writes) and returns the
page: summary counts, the articles with most findings, one chart per contested measure
(each article's stated range against the canonical fact and the archive's prevailing
value), and a sortable, filterable table of findings with each finding's line in context.

The page needs no network: CSS and JavaScript are inline, the charts are SVG drawn here.
Every piece of article text is escaped (Jinja2 autoescaping, or `markupsafe.escape` where
markup is built in Python), and a Content-Security-Policy allows only this module's own
style and script, by hash, so even markup that slipped through could not run.
"""
from __future__ import annotations

import base64
import hashlib
import math
from functools import lru_cache
from importlib import resources
from typing import Any, Iterable, Optional

import jinja2
from markupsafe import Markup, escape

from claimlint.model import CATEGORIES
from claimlint.report.common import SEVERITY_ORDER, plural

SEVERITY_RANK = {s: i for i, s in enumerate(SEVERITY_ORDER)}  # error 0, warning 1, info 2
CONTEXT_CHARS = 160  # characters of context kept on each side of a quote
CURRENCY_SIGNS = {"USD": "$", "EUR": "€", "GBP": "£", "JPY": "¥"}
TIME_UNITS = {"day", "week", "year"}  # short unit words that still take a plural


def render(data: dict) -> str:
    """The HTML page of an audit result (see the module docstring)."""
    css, js = _asset("report.css"), _asset("report.js")
    csp = ("default-src 'none'; "
           f"style-src '{_sha256(css)}'; script-src '{_sha256(js)}'; "
           "img-src 'none'; font-src 'none'; connect-src 'none'; "
           "base-uri 'none'; form-action 'none'")
    return _env().get_template("report.html.j2").render(
        css=Markup(css), js=Markup(js), csp=csp, **_view(data or {}))


# -- the view: everything the template shows, computed and escaped here ----------------

def _view(data: dict) -> dict:
    tool = data.get("tool") or {}
    counts = data.get("counts") or {}
    rules = {r.get("code"): r for r in data.get("rules") or [] if isinstance(r, dict)}
    raw_findings = [f for f in data.get("findings") or [] if isinstance(f, dict)]
    anchors = _anchors(raw_findings)
    findings = [_finding_row(i, f, anchors) for i, f in enumerate(raw_findings, 1)]
    n_findings = _int(counts.get("findings"), len(findings))
    by_severity = _by_severity(counts.get("by_severity"), raw_findings)
    since = data.get("since") if isinstance(data.get("since"), dict) else None
    return {
        "tool_name": str(tool.get("name") or "claimlint"),
        "tool_version": str(tool.get("version") or ""),
        "root": str(data.get("root") or ""),
        "generated": str(data.get("generated") or ""),
        "documents": _int(counts.get("documents"), 0),
        "claims": _int(counts.get("claims"), 0),
        "n_findings": n_findings,
        "findings_text": plural(n_findings, "finding"),
        "by_severity": by_severity,
        "by_category": _by_category(counts.get("by_category"), raw_findings),
        "by_rule": _by_rule(counts.get("by_rule"), raw_findings, rules),
        "findings": findings,
        "show_status": any(f["status"] for f in findings),
        "options": _options(findings),
        "worst": _worst(data.get("worst_articles") or []),
        "contested": [_contested(i, m, anchors) for i, m in
                      enumerate([m for m in data.get("contested") or [] if isinstance(m, dict)], 1)],
        "since": _since(since) if since else None,
        "truncated": _int(data.get("truncated"), 0),
    }


def _by_severity(given: Any, findings: list[dict]) -> list[dict]:
    counts = _count_map(given) or _tally(f.get("severity") for f in findings)
    order = [s for s in SEVERITY_ORDER] + sorted(set(counts) - set(SEVERITY_ORDER))
    return [{"severity": s, "count": counts.get(s, 0)} for s in order
            if s in SEVERITY_ORDER or counts.get(s)]


def _by_category(given: Any, findings: list[dict]) -> list[dict]:
    counts = _count_map(given) or _tally(f.get("category") for f in findings)
    order = [c for c in CATEGORIES if c in counts] + sorted(set(counts) - set(CATEGORIES))
    top = max(counts.values(), default=0) or 1
    return [{"category": c, "count": counts[c], "bar": _meter(counts[c], top)} for c in order if counts[c]]


def _by_rule(given: Any, findings: list[dict], rules: dict) -> list[dict]:
    counts = _count_map(given) or _tally(f.get("rule") for f in findings)
    names = {f.get("rule"): f for f in findings}
    out = []
    for code in sorted(c for c in counts if counts[c]):
        rule = rules.get(code) or {}
        seen = names.get(code) or {}
        name = str(rule.get("name") or seen.get("name") or "")
        summary = str(rule.get("summary") or "")
        for prefix in (f"{code} {name}:", f"{code}:", f"{name}:"):  # "CL101 conflicting-values: ..."
            if summary.startswith(prefix):
                summary = summary[len(prefix):].strip()
                break
        out.append({"code": code, "count": counts[code], "name": name, "summary": summary,
                    "category": str(rule.get("category") or seen.get("category") or ""),
                    "severity": str(rule.get("severity") or seen.get("severity") or "")})
    return out


def _options(findings: list[dict]) -> dict:
    def values(key, order=()):
        present = {f[key] for f in findings if f[key]}
        return [v for v in order if v in present] + sorted(present - set(order))
    return {"severity": values("severity", SEVERITY_ORDER), "rule": values("rule"),
            "category": values("category", CATEGORIES), "status": values("status", ("new", "open"))}


def _anchors(findings: list[dict]) -> dict:
    """(path, line) -> the id of the first finding there, for links from charts and related."""
    anchors: dict = {}
    for i, f in enumerate(findings, 1):
        anchors.setdefault((str(f.get("path") or ""), _int(f.get("line"), 0)), f"f-{i}")
    return anchors


def _finding_row(index: int, f: dict, anchors: dict) -> dict:
    path, line, column = str(f.get("path") or ""), _int(f.get("line"), 0), _int(f.get("column"), 0)
    severity = str(f.get("severity") or "")
    quote = str(f.get("text") or "")
    context = f.get("context")
    related = []
    for r in f.get("related") or []:
        if not isinstance(r, dict):
            continue
        r_path, r_line = str(r.get("path") or ""), _int(r.get("line"), 0)
        related.append({"path": r_path, "same_file": r_path == path, "line": r_line,
                        "column": _int(r.get("column"), 0), "text": str(r.get("text") or ""),
                        "anchor": anchors.get((r_path, r_line)) if (r_path, r_line) != (path, line) else None})
    fix = f.get("fix") if isinstance(f.get("fix"), dict) else None
    return {
        "id": f"f-{index}", "index": index, "severity": severity,
        "severity_rank": SEVERITY_RANK.get(severity, len(SEVERITY_RANK)),
        "rule": str(f.get("rule") or ""), "name": str(f.get("name") or ""),
        "category": str(f.get("category") or ""), "path": path, "line": line, "column": column,
        "dir": path[:path.rfind("/") + 1], "file": path[path.rfind("/") + 1:],
        "location_key": f"{path}\t{line:09d}\t{column:06d}",
        "message": str(f.get("message") or ""), "quote": quote,
        "context": _highlight(str(context) if context is not None else "", quote, column),
        "related": related, "fact_id": str(f.get("fact_id") or ""),
        "fix": {"replacement": str(fix.get("replacement") or ""),
                "description": str(fix.get("description") or "")} if fix else None,
        "status": str(f.get("status") or ""),
    }


def _highlight(context: str, quote: str, column: int) -> Markup:
    """The context line, escaped, with the quote marked: the text is split at the quote
    first, each piece escaped, and only then joined with `<mark>`."""
    first = quote.split("\n", 1)[0]
    start = _find_quote(context, first, column - 1) if first else None
    if start is None:
        return escape(_clip_right(context, 2 * CONTEXT_CHARS)) if context else Markup("")
    before, after = context[:start], context[start + len(first):]
    return Markup("{}<mark>{}</mark>{}").format(_clip_left(before, CONTEXT_CHARS), first,
                                                _clip_right(after, CONTEXT_CHARS))


def _find_quote(context: str, quote: str, offset: int) -> Optional[int]:
    if 0 <= offset and context[offset:offset + len(quote)] == quote:
        return offset
    hits, at = [], context.find(quote)
    while at != -1:
        hits.append(at)
        at = context.find(quote, at + 1)
    return min(hits, key=lambda h: abs(h - offset)) if hits else None


def _clip_left(text: str, keep: int) -> str:
    if len(text) <= keep:
        return text
    cut = text[-keep:]
    space = cut.find(" ")
    return "… " + (cut[space + 1:] if 0 <= space < 20 else cut)


def _clip_right(text: str, keep: int) -> str:
    if len(text) <= keep:
        return text
    cut = text[:keep]
    space = cut.rfind(" ")
    return (cut[:space] if space > keep - 20 else cut) + " …"


def _worst(articles: Iterable) -> list[dict]:
    rows = []
    for a in articles:
        if not isinstance(a, dict):
            continue
        counts = _count_map(a.get("by_severity"))
        rows.append({"path": str(a.get("path") or ""), "findings": _int(a.get("findings"), sum(counts.values())),
                     "by_severity": [(s, counts[s]) for s in SEVERITY_ORDER if counts.get(s)],
                     "counts": counts})
    top = max((r["findings"] for r in rows), default=0) or 1
    for r in rows:
        r["bar"] = _stacked(r["counts"], top)
    return rows


def _since(since: dict) -> dict:
    fixed = []
    for f in since.get("fixed_findings") or []:
        if isinstance(f, dict):
            fixed.append({"rule": str(f.get("rule") or ""), "name": str(f.get("name") or ""),
                          "severity": str(f.get("severity") or ""), "path": str(f.get("path") or ""),
                          "line": _int(f.get("line"), 0), "text": str(f.get("text") or ""),
                          "message": str(f.get("message") or "")})
    return {"ref": str(since.get("ref") or ""), "new": _int(since.get("new"), 0),
            "fixed": _int(since.get("fixed"), len(fixed)), "open": _int(since.get("open"), 0),
            "fixed_findings": fixed}


# -- small inline SVG bars ---------------------------------------------------------------

def _meter(count: int, top: int) -> Markup:
    width = max(2.0, 120 * count / top)
    return Markup('<svg class="meter" viewBox="0 0 120 10" width="120" height="10" aria-hidden="true">'
                  '<rect class="meter-track" x="0" y="0" width="120" height="10" rx="2"/>'
                  '<rect class="meter-fill" x="0" y="0" width="{:.1f}" height="10" rx="2"/></svg>').format(width)


def _stacked(counts: dict, top: int) -> Markup:
    parts, x = [], 0.0
    for severity in SEVERITY_ORDER:
        n = counts.get(severity, 0)
        if n:
            w = 160 * n / top
            parts.append(Markup('<rect class="sev-{}" x="{:.1f}" y="0" width="{:.1f}" height="12"/>')
                         .format(severity, x, w))
            x += w
    return Markup('<svg class="meter" viewBox="0 0 160 12" width="160" height="12" aria-hidden="true">'
                  '<rect class="meter-track" x="0" y="0" width="160" height="12"/>{}</svg>'
                  ).format(Markup("").join(parts))


# -- charts of contested measures ----------------------------------------------------------

CHART_W, LABEL_W, PAD_R, ROW_H, TOP, AXIS_H = 880, 290, 28, 26, 10, 34


def _contested(index: int, measure: dict, anchors: dict) -> dict:
    unit, kind = str(measure.get("unit") or ""), str(measure.get("kind") or "")
    fact = _bounds(measure.get("fact"))
    prevailing = _bounds(measure.get("prevailing"))
    statements = []
    for s in measure.get("statements") or []:
        if not isinstance(s, dict):
            continue
        low, high = _num(s.get("low")), _num(s.get("high"))
        path, line = str(s.get("path") or ""), _int(s.get("line"), 0)
        agrees = s.get("agrees")
        statements.append({"path": path, "line": line, "low": low, "high": high,
                           "text": str(s.get("text") or ""),
                           "agrees": agrees if isinstance(agrees, bool) else None,
                           "range": _fmt_range(low, high, unit, kind),
                           "anchor": anchors.get((path, line))})
    fact_id = ""
    if isinstance(measure.get("fact"), dict):
        fact_id = str(measure["fact"].get("id") or "")
    # the audit caps a chart's statements; its own counts cover every article
    disagree = _int(measure.get("dissenting"), sum(1 for s in statements if s["agrees"] is False))
    articles = _int(measure.get("articles"), len({s["path"] for s in statements}))
    return {
        "id": f"m-{index}", "label": str(measure.get("label") or f"{kind} ({unit})"),
        "kind": kind, "unit": unit, "fact_id": fact_id,
        "fact": _fmt_range(*fact, unit, kind) if fact else "",
        "prevailing": _fmt_range(*prevailing, unit, kind) if prevailing else "",
        "statements": statements, "disagree": disagree,
        "articles": articles, "shown": len(statements),
        "svg": _chart(index, statements, fact, prevailing, unit, kind,
                      str(measure.get("label") or "")),
    }


def _bounds(value: Any) -> Optional[tuple]:
    if not isinstance(value, dict):
        return None
    low, high = _num(value.get("low")), _num(value.get("high"))
    if low is None and high is None:
        low = high = _num(value.get("value"))
    return (low, high) if (low is not None or high is not None) else None


def _chart(index: int, statements: list[dict], fact, prevailing, unit: str, kind: str,
           label: str) -> Markup:
    values = [v for s in statements for v in (s["low"], s["high"]) if v is not None]
    for bounds in (fact, prevailing):
        if bounds:
            values += [v for v in bounds if v is not None]
    if not values:
        return Markup("")
    integer = all(float(v).is_integer() for v in values)
    if kind == "year":  # a year either side, not a tenth of two thousand years
        values += [min(values) - 1, max(values) + 1]
    lo, hi, ticks = _axis(min(values), max(values), integer=integer)
    x0, x1 = LABEL_W + 10, CHART_W - PAD_R
    rows_h = ROW_H * max(1, len(statements))
    height = TOP + rows_h + AXIS_H

    def x(v: float) -> float:
        return x0 + (x1 - x0) * (v - lo) / (hi - lo)

    gid = f"c{index}"
    out = [Markup('<svg class="chart" viewBox="0 0 {w} {h}" width="{w}" height="{h}" '
                  'role="img" aria-labelledby="{gid}-t" preserveAspectRatio="xMinYMin meet">')
           .format(w=CHART_W, h=height, gid=gid),
           Markup('<title id="{}-t">{}</title>').format(gid, f"Stated ranges: {label}"),
           _gradients(gid)]
    top, bottom = TOP, TOP + rows_h
    for i in range(len(statements)):  # zebra rows
        if i % 2:
            out.append(Markup('<rect class="row-alt" x="0" y="{}" width="{}" height="{}"/>')
                       .format(top + i * ROW_H, CHART_W, ROW_H))
    compact = max(abs(t) for t in ticks) >= 10_000
    # ticks carry $, € and %; other units are named once, left of the axis
    inline = bool(_prefix(unit)) or unit == "%" or kind == "year"
    for t in ticks:  # grid and axis labels
        out.append(Markup('<line class="grid" x1="{0:.1f}" x2="{0:.1f}" y1="{1}" y2="{2}"/>'
                          '<text class="tick" x="{0:.1f}" y="{3}" text-anchor="middle">{4}</text>')
                   .format(x(t), top, bottom + 4, bottom + 18,
                           _fmt_value(t, unit, kind, compact=compact, bare=not inline)))
    if not inline and unit:
        name = f"{unit}s" if _countable(unit) else unit
        out.append(Markup('<text class="tick unit" x="{}" y="{}" text-anchor="end">{}</text>')
                   .format(LABEL_W - 22, bottom + 18, name))
    out.append(Markup('<line class="axis" x1="{0}" x2="{1}" y1="{2}" y2="{2}"/>').format(x0, x1, bottom))
    if fact:
        out.append(_band(fact, x, x0, x1, top, bottom, "fact", unit, kind))
    if prevailing:
        for v in sorted({v for v in prevailing if v is not None}):
            out.append(Markup('<line class="prevailing" x1="{0:.1f}" x2="{0:.1f}" y1="{1}" y2="{2}">'
                              '<title>the archive mostly says {3}</title></line>')
                       .format(x(v), top - 4, bottom, _fmt_range(*prevailing, unit, kind)))
    for i, s in enumerate(statements):
        out.append(_statement_row(i, s, x, x0, x1, top + i * ROW_H, gid))
    out.append(Markup("</svg>"))
    return Markup("").join(out)


def _gradients(gid: str) -> Markup:
    """Fading fills for open bounds, one per direction and state (stop colours come from CSS)."""
    out = []
    for state in ("ok", "bad", "neutral"):
        out.append(Markup('<linearGradient id="{g}-fr-{s}" class="grad-{s}" x1="0" x2="1" y1="0" y2="0">'
                          '<stop offset="0" stop-opacity="1"/><stop offset="1" stop-opacity="0.05"/>'
                          '</linearGradient>'
                          '<linearGradient id="{g}-fl-{s}" class="grad-{s}" x1="0" x2="1" y1="0" y2="0">'
                          '<stop offset="0" stop-opacity="0.05"/><stop offset="1" stop-opacity="1"/>'
                          '</linearGradient>').format(g=gid, s=state))
    return Markup("<defs>{}</defs>").format(Markup("").join(out))


def _band(bounds, x, x0, x1, top, bottom, cls, unit, kind) -> Markup:
    low, high = bounds
    tip = Markup("<title>canonical fact: {}</title>").format(_fmt_range(low, high, unit, kind))
    if low is not None and high is not None and low == high:
        return Markup('<line class="{0}-line" x1="{1:.1f}" x2="{1:.1f}" y1="{2}" y2="{3}">{4}</line>') \
            .format(cls, x(low), top - 4, bottom, tip)
    a = x(low) if low is not None else x0
    b = x(high) if high is not None else x1
    return Markup('<rect class="{0}-band" x="{1:.1f}" y="{2}" width="{3:.1f}" height="{4}">{5}</rect>') \
        .format(cls, a, top - 4, max(b - a, 2), bottom - top + 4, tip)


def _statement_row(i: int, s: dict, x, x0, x1, y: float, gid: str) -> Markup:
    state = {True: "ok", False: "bad", None: "neutral"}[s["agrees"]]
    mid = y + ROW_H / 2
    name = s["path"].rsplit("/", 1)[-1]
    label = f"{name}:{s['line']}" if s["line"] else name
    if len(label) > 40:  # keep both ends: the name's start and the line number matter
        label = label[:18] + "…" + label[-21:]
    full = f"{s['path']}:{s['line']} — {s['text']} ({s['range']})"
    text = Markup('<text class="label" x="{}" y="{:.1f}" text-anchor="end">{}</text>').format(
        LABEL_W, mid + 4, label)
    if s["anchor"]:
        text = Markup('<a href="#{}">{}</a>').format(s["anchor"], text)
    parts = [Markup('<g class="stmt {}"><title>{}</title>').format(state, full), text]
    low, high = s["low"], s["high"]
    bar_h = 14
    if low is not None and high is not None:
        a, b = sorted((x(low), x(high)))
        if b - a < 3:
            parts.append(Markup('<path class="bar {}" d="M{:.1f} {:.1f} l6 6 l-6 6 l-6 -6 z"/>')
                         .format(state, (a + b) / 2, mid - 6))
        else:
            parts.append(Markup('<rect class="bar {}" x="{:.1f}" y="{:.1f}" width="{:.1f}" height="{}" rx="2"/>')
                         .format(state, a, mid - bar_h / 2, b - a, bar_h))
        end, start = b, a
    elif low is not None:  # "from X": open to the right
        a = x(low)
        parts.append(Markup('<rect class="bar-open" x="{:.1f}" y="{:.1f}" width="{:.1f}" height="{}" '
                            'fill="url(#{}-fr-{})"/>').format(a, mid - bar_h / 2, max(x1 - a, 2), bar_h, gid, state))
        parts.append(Markup('<path class="arrow {}" d="M{:.1f} {:.1f} l7 6 l-7 6 z"/>').format(state, x1, mid - 6))
        parts.append(Markup('<line class="bound {}" x1="{:.1f}" x2="{:.1f}" y1="{:.1f}" y2="{:.1f}"/>')
                     .format(state, a, a, mid - 7, mid + 7))
        end, start = x1 + 8, a
    else:  # "up to X": open to the left
        b = x(high)
        parts.append(Markup('<rect class="bar-open" x="{:.1f}" y="{:.1f}" width="{:.1f}" height="{}" '
                            'fill="url(#{}-fl-{})"/>').format(x0, mid - bar_h / 2, max(b - x0, 2), bar_h, gid, state))
        parts.append(Markup('<path class="arrow {}" d="M{:.1f} {:.1f} l-7 6 l7 6 z"/>').format(state, x0, mid - 6))
        parts.append(Markup('<line class="bound {}" x1="{:.1f}" x2="{:.1f}" y1="{:.1f}" y2="{:.1f}"/>')
                     .format(state, b, b, mid - 7, mid + 7))
        end, start = b, x0 - 8
    value = s["range"]
    width = 6.6 * len(value)
    if end + 8 + width <= x1 + PAD_R - 2:
        parts.append(Markup('<text class="value" x="{:.1f}" y="{:.1f}">{}</text>').format(end + 8, mid + 4, value))
    elif start - 8 - width >= x0:
        parts.append(Markup('<text class="value" x="{:.1f}" y="{:.1f}" text-anchor="end">{}</text>')
                     .format(start - 8, mid + 4, value))
    elif min(end, x1) - max(start, x0) >= width + 12:  # on the bar itself
        parts.append(Markup('<text class="value inside" x="{:.1f}" y="{:.1f}" text-anchor="middle">{}</text>')
                     .format((min(end, x1) + max(start, x0)) / 2, mid + 4, value))
    parts.append(Markup("</g>"))
    return Markup("").join(parts)


def _axis(lo: float, hi: float, integer: bool = False) -> tuple[float, float, list[float]]:
    """A padded domain with round ends and about five round ticks (whole ones for whole
    numbers: years, counts)."""
    if hi == lo:
        pad = abs(lo) * 0.1 or 1.0
        lo, hi = lo - pad, hi + pad
    span = hi - lo
    lo_p, hi_p = lo - span * 0.08, hi + span * 0.08
    if lo >= 0 > lo_p:
        lo_p = 0.0
    step = _nice_step((hi_p - lo_p) / 5)
    if integer:
        step = max(1.0, round(step))
    start, stop = math.floor(lo_p / step) * step, math.ceil(hi_p / step) * step
    count = int(round((stop - start) / step))
    ticks = [start + k * step for k in range(count + 1)]
    return start, stop, [round(t, 10) for t in ticks]


def _nice_step(raw: float) -> float:
    if raw <= 0:
        return 1.0
    exp = math.floor(math.log10(raw))
    base = 10 ** exp
    for m in (1, 2, 2.5, 5, 10):
        if raw <= m * base:
            return m * base
    return 10 * base


# -- numbers and units ---------------------------------------------------------------------

def _fmt_range(low: Optional[float], high: Optional[float], unit: str, kind: str) -> str:
    if low is not None and high is not None:
        if low == high:
            return _fmt_value(low, unit, kind)
        # "$7,000 – $12,000" but "3 – 4 weeks" and "60 – 90%"
        first = _fmt_value(low, unit, kind, bare=not _prefix(unit))
        return f"{first} – {_fmt_value(high, unit, kind)}"
    if low is not None:
        return f"from {_fmt_value(low, unit, kind)}"
    if high is not None:
        return f"up to {_fmt_value(high, unit, kind)}"
    return ""


def _prefix(unit: str) -> str:
    return CURRENCY_SIGNS.get(unit.upper(), "") if unit else ""


def _fmt_value(v: float, unit: str, kind: str, *, compact: bool = False, bare: bool = False) -> str:
    if kind == "year" and unit in ("year", "") and float(v).is_integer():
        return str(int(v))
    number = _fmt_number(v, compact)
    sign = _prefix(unit)
    if sign:
        return sign + number
    if bare or not unit:
        return number
    if unit == "%":
        return number + "%"
    if v != 1 and _countable(unit):
        return f"{number} {unit}s"
    return f"{number} {unit}"


def _countable(unit: str) -> bool:
    """A unit word that takes a plural: day, week, graft, session; not mg, THB, cells."""
    return (unit.isalpha() and unit.islower() and not unit.endswith("s")
            and (len(unit) > 3 or unit in TIME_UNITS))


def _fmt_number(v: float, compact: bool) -> str:
    a = abs(v)
    if compact and a >= 1_000:
        for div, suffix in ((1e9, "B"), (1e6, "M"), (1e3, "k")):
            if a >= div:
                q = v / div
                return (f"{q:.0f}" if float(round(q, 1)).is_integer() else f"{q:.1f}") + suffix
    if float(v).is_integer():
        return f"{int(v):,}"
    return f"{v:,.2f}".rstrip("0").rstrip(".")


def _num(value: Any) -> Optional[float]:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    return float(value) if math.isfinite(value) else None


def _int(value: Any, default: int) -> int:
    return int(value) if isinstance(value, int) and not isinstance(value, bool) else default


def _count_map(value: Any) -> dict:
    if not isinstance(value, dict):
        return {}
    return {str(k): _int(v, 0) for k, v in value.items()}


def _tally(keys: Iterable) -> dict:
    counts: dict = {}
    for k in keys:
        if k:
            counts[str(k)] = counts.get(str(k), 0) + 1
    return counts


# -- template and assets -----------------------------------------------------------------

@lru_cache(maxsize=None)
def _env() -> jinja2.Environment:
    return jinja2.Environment(loader=jinja2.PackageLoader("claimlint.report", "templates"),
                              autoescape=True, undefined=jinja2.StrictUndefined,
                              trim_blocks=True, lstrip_blocks=True)


@lru_cache(maxsize=None)
def _asset(name: str) -> str:
    text = resources.files("claimlint.report").joinpath("templates", name).read_text("utf-8")
    if "</" in text:  # would end the inline <style>/<script> element early
        raise ValueError(f"{name} must not contain '</'")
    return text


def _sha256(text: str) -> str:
    return "sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii")
