"""Machine-readable exports of an audit: JSON (the report data) and CSV (one finding a row)."""
from __future__ import annotations

import csv
import io
import json

CSV_COLUMNS = ("path", "line", "column", "rule", "name", "category", "severity", "message",
               "text", "fingerprint", "status")


def to_json(data: dict) -> str:
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


def to_csv(data: dict) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for f in data["findings"]:
        writer.writerow([_cell(f.get(c, "")) for c in CSV_COLUMNS])
    return out.getvalue()


def _cell(value) -> str:
    """Spreadsheets run cells that start with = + - @ as formulas: quote them."""
    text = "" if value is None else str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text
