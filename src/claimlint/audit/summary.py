"""The audit summary printed on the terminal (tabulate)."""
from __future__ import annotations

from tabulate import tabulate

from ..display import printable


def render(data: dict, refreshed) -> str:
    counts = data["counts"]
    out = [f"claimlint audit of {printable(data['root'])}: {counts['documents']} articles, "
           f"{counts['claims']} claims, {counts['findings']} findings "
           f"({refreshed.analysed} analysed, {refreshed.reused} from the index, "
           f"{refreshed.seconds:.1f} s)", ""]
    rules = {r["code"]: r for r in data["rules"]}
    if counts["by_rule"]:
        rows = [[rules[code]["category"], code, rules[code]["name"], n]
                for code, n in counts["by_rule"].items()]
        out += [tabulate(sorted(rows), headers=["category", "rule", "name", "findings"]), ""]
    if data["worst_articles"]:
        rows = [[printable(w["path"]), w["findings"], w["by_severity"].get("error", 0),
                 w["by_severity"].get("warning", 0)] for w in data["worst_articles"][:10]]
        out += [tabulate(rows, headers=["worst articles", "findings", "errors", "warnings"]), ""]
    if data["contested"]:
        rows = [[printable(c["label"]), c["articles"], c["dissenting"],
                 printable((c["prevailing"] or {}).get("text", "-"))] for c in data["contested"][:10]]
        out += [tabulate(rows, headers=["most contested", "articles", "disagreeing", "prevailing"]), ""]
    since = data.get("since")
    if since:
        out += [f"since {since['ref']}: {since['new']} new, {since['fixed']} fixed, "
                f"{since['open']} still open", ""]
    return "\n".join(out)
