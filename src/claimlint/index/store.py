"""Reading and writing the claims index.

Every write is one transaction (WAL journal), so a run killed at any moment leaves the
index as it was after the last committed batch; concurrent runs wait for each other's
writes (busy timeout) instead of failing or corrupting it.
"""
from __future__ import annotations

import json
import os
import sqlite3
import time
from collections import defaultdict
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Iterable, Iterator, Optional

from ..errors import ConfigError
from ..model import Claim, Finding, Fix, Location, Subject, Suppression
from .analysis import Analysis
from .schema import SCHEMA, SCHEMA_VERSION

INDEX_DIR = ".claimlint"
_SEP = "\x1f"  # joins short lists of words (qualifiers, subject sources) in one column
INDEX_NAME = "index.sqlite"
APPLICATION_ID = 0x436C4C69  # "ClLi" in the SQLite header: this file is a claimlint index


@dataclass(frozen=True)
class Known:
    """What the index remembers of a file, to tell whether it changed."""

    id: int
    size: int
    mtime_ns: int
    digest: str
    cache_key: str


def default_path(root: str) -> str:
    return os.path.join(root, INDEX_DIR, INDEX_NAME)


def _prepare(path: str) -> bool:
    """Make the index's folder; refuse links and non-files. True when the index is new.
    A link would send claimlint's writes to a file the user never named."""
    folder = os.path.dirname(path) or "."
    if os.path.islink(folder):
        raise ConfigError("the index folder is a symbolic link; claimlint does not write through "
                          "it (remove the link)", folder)
    try:
        os.makedirs(folder, exist_ok=True)
    except FileExistsError:
        raise ConfigError("not a folder: claimlint keeps its index in this folder; rename or "
                          "remove the file", folder) from None
    except OSError as exc:
        raise ConfigError(f"cannot create the index folder: {exc.strerror or exc}", folder) from None
    for name in (path, *(path + s for s in ("-wal", "-shm", "-journal"))):
        if os.path.islink(name):
            raise ConfigError("the claims index is a symbolic link; claimlint does not write "
                              "through it (remove the link)", name)
    if os.path.lexists(path) and not os.path.isfile(path):
        raise ConfigError("the claims index is not a regular file", path)
    return not os.path.exists(path)


def _refuse_foreign(db: sqlite3.Connection, path: str) -> None:
    """An SQLite file that claimlint did not create (another tool's database) is never
    written to: its tables could be dropped or mixed with claimlint's."""
    application = db.execute("PRAGMA application_id").fetchone()[0]
    tables = {n for (n,) in db.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    ours = application == APPLICATION_ID or (application == 0 and _version(db) is not None)
    if tables and not ours:
        raise ConfigError("not a claimlint index (another program's database); claimlint leaves "
                          "it alone: move it away, or name another index file", path)


class Index:
    def __init__(self, path: str):
        self.path = path
        self.created = _prepare(path)
        try:
            self._db = self._connect()
        except sqlite3.OperationalError as exc:
            if "readonly" in str(exc) or "unable to open" in str(exc):
                raise ConfigError("cannot write the claims index here (read-only or permission "
                                  "denied); give claimlint write access to this folder", path) from None
            raise ConfigError(f"the claims index cannot be opened ({exc}); delete it to rebuild",
                              path) from None
        except sqlite3.DatabaseError as exc:
            raise ConfigError(f"the claims index cannot be opened ({exc}); delete it to rebuild",
                              path) from None

    def _connect(self) -> sqlite3.Connection:
        db = sqlite3.connect(self.path, timeout=60, isolation_level=None)
        try:
            _refuse_foreign(db, self.path)
        except ConfigError:
            db.close()
            raise
        db.execute("PRAGMA journal_mode=WAL")
        db.execute("PRAGMA synchronous=NORMAL")
        db.execute("PRAGMA foreign_keys=ON")
        with _transaction(db):
            db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
            version = _version(db)
            if version not in (None, SCHEMA_VERSION):
                for (name,) in db.execute("SELECT name FROM sqlite_master WHERE type='table'").fetchall():
                    db.execute(f'DROP TABLE IF EXISTS "{name}"')
            for statement in SCHEMA.split(";"):  # not executescript: it would commit early
                if statement.strip():
                    db.execute(statement)
            db.execute("INSERT OR REPLACE INTO meta VALUES ('schema_version', ?)", (str(SCHEMA_VERSION),))
        return db

    def close(self) -> None:
        self._db.close()

    @contextmanager
    def snapshot(self) -> Iterator[None]:
        """One view of the index for several reads. Without it each statement sees the
        newest commit, so another run writing between two reads (a document's row, then
        its findings) would show half its change."""
        if self._db.in_transaction:
            yield
            return
        self._db.execute("BEGIN")
        try:
            yield
        finally:
            if self._db.in_transaction:  # an error may have ended it already
                self._db.execute("COMMIT")

    # -- documents -----------------------------------------------------------------------
    def known(self) -> dict[str, Known]:
        rows = self._db.execute("SELECT path, id, size, mtime_ns, digest, cache_key FROM documents")
        return {path: Known(*rest) for path, *rest in rows}

    def store(self, batch: Iterable[tuple[Analysis, int, int]], cache_key: str) -> None:
        """Replace the documents of `batch` ((analysis, size, mtime_ns), ...), atomically."""
        now = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
        with _transaction(self._db):
            for result, size, mtime_ns in batch:
                self._db.execute("DELETE FROM documents WHERE path = ?", (result.path,))
                cur = self._db.execute(
                    "INSERT INTO documents (path, size, mtime_ns, digest, cache_key, format, title,"
                    " metadata, suppressions, notices, error, indexed_at)"
                    " VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
                    (result.path, size, mtime_ns, result.digest, cache_key, result.format,
                     result.title, json.dumps(result.metadata, ensure_ascii=False),
                     json.dumps([_suppression_row(s) for s in result.suppressions]),
                     json.dumps(result.notices, ensure_ascii=False), result.error, now))
                doc_id = cur.lastrowid
                self._db.executemany(
                    "INSERT INTO claims VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                    [(doc_id, seq, *_claim_row(c, ident)) for seq, (c, ident) in
                     enumerate(zip(result.claims, result.identities))])
                self._db.executemany(
                    "INSERT INTO findings VALUES (?, ?)",
                    [(doc_id, json.dumps(f.to_dict(), ensure_ascii=False)) for f in result.findings])

    def touch(self, path: str, size: int, mtime_ns: int) -> None:
        """The file was saved again with the same content: remember its new stat."""
        with _transaction(self._db):
            self._db.execute("UPDATE documents SET size = ?, mtime_ns = ? WHERE path = ?",
                             (size, mtime_ns, path))

    def remove(self, paths: Iterable[str]) -> None:
        with _transaction(self._db):
            self._db.executemany("DELETE FROM documents WHERE path = ?", [(p,) for p in paths])

    def documents(self, paths: Optional[Iterable[str]] = None, claims: bool = True) -> Iterator[Analysis]:
        """Stored analyses of `paths`, or of every document; `claims=False` leaves them out."""
        query = ("SELECT id, path, digest, format, title, metadata, suppressions, notices, error"
                 " FROM documents")
        rows = self._select(query, "path", paths, order="path")
        for doc_id, path, digest, fmt, title, metadata, suppressions, notices, error in rows:
            result = Analysis(path, digest, fmt, title, [tuple(m) for m in json.loads(metadata)],
                              suppressions=[_suppression(s) for s in json.loads(suppressions)],
                              notices=json.loads(notices), error=error)
            if claims:
                result.claims = [_claim(path, row) for row in self._db.execute(
                    "SELECT * FROM claims WHERE document_id = ? ORDER BY seq", (doc_id,))]
            result.findings = [finding_from_dict(json.loads(f)) for (f,) in self._db.execute(
                "SELECT finding FROM findings WHERE document_id = ? ORDER BY rowid", (doc_id,))]
            yield result

    def identities(self, paths: Iterable[str]) -> set[str]:
        """The identities (as stored) that the claims of `paths` fall under."""
        query = ("SELECT DISTINCT c.identity FROM claims c JOIN documents d ON d.id = c.document_id"
                 " WHERE c.identity IS NOT NULL")
        return {row[0] for row in self._select(query, "d.path", paths, order="1")}

    def summaries(self) -> list[tuple[str, Optional[str], list[str]]]:
        """(path, error, notices) of every document, without claims."""
        return [(p, e, json.loads(n)) for p, e, n in self._db.execute(
            "SELECT path, error, notices FROM documents ORDER BY path")]

    def counts(self) -> tuple[int, int]:
        docs = self._db.execute("SELECT count(*) FROM documents WHERE error IS NULL").fetchone()[0]
        claims = self._db.execute("SELECT count(*) FROM claims").fetchone()[0]
        return docs, claims

    # -- claims by identity (what CL102 compares) -------------------------------------
    def groups(self, identities: Optional[Iterable[str]] = None,
               contested: bool = False) -> Iterator[tuple[tuple, dict[str, list[Claim]]]]:
        """Comparable claims grouped by identity, one group at a time (memory stays flat).
        `contested`: only groups in which two articles state different values; in the others
        every claim agrees with every other, so CL102 has nothing to say."""
        query = ("SELECT d.path, c.* FROM claims c JOIN documents d ON d.id = c.document_id"
                 " WHERE c.identity IS NOT NULL")
        if contested:
            query += (" AND c.identity IN (SELECT identity FROM claims WHERE identity IS NOT NULL"
                      " GROUP BY identity HAVING COUNT(DISTINCT document_id) > 1 AND COUNT(DISTINCT"
                      " quote(low) || ' ' || quote(high) || ' ' || unit || ' ' || approximate) > 1)")
        rows = self._select(query, "c.identity", identities, order="c.identity, d.path, c.seq")
        current, group = None, defaultdict(list)
        for path, *row in rows:
            identity = row[-1]
            if identity != current:
                if group:
                    yield tuple(json.loads(current)), dict(group)
                current, group = identity, defaultdict(list)
            group[path].append(_claim(path, row))
        if group:
            yield tuple(json.loads(current)), dict(group)

    def _select(self, query: str, column: str, values: Optional[Iterable[str]], order: str):
        if values is None:  # a cursor: rows stream from disk as they are used
            return self._db.execute(f"{query} ORDER BY {order}")
        values = sorted(set(values))
        rows = []
        for i in range(0, len(values), 500):  # SQLite's limit on bound parameters
            chunk = values[i:i + 500]
            joiner = " AND " if " WHERE " in query else " WHERE "
            rows += self._db.execute(f"{query}{joiner}{column} IN ({','.join('?' * len(chunk))})"
                                     f" ORDER BY {order}", chunk).fetchall()
        return rows

    # -- audits -------------------------------------------------------------------------
    def record_audit(self, root: str, cache_key: str, findings: list[Finding]) -> int:
        docs, claims = self.counts()
        now = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
        with _transaction(self._db):
            cur = self._db.execute(
                "INSERT INTO audits (root, finished_at, cache_key, documents, claims) VALUES (?,?,?,?,?)",
                (root, now, cache_key, docs, claims))
            self._db.executemany(
                "INSERT INTO audit_findings VALUES (?,?,?,?,?,?,?,?)",
                [(cur.lastrowid, f.location.path, f.location.line, f.rule, f.severity,
                  f.fingerprint, f.message, json.dumps(f.to_dict(), ensure_ascii=False))
                 for f in findings])
            # keep the last ten audits: enough for --since, bounded in size
            self._db.execute("DELETE FROM audits WHERE id NOT IN "
                             "(SELECT id FROM audits ORDER BY id DESC LIMIT 10)")
        return cur.lastrowid

    def audit_findings(self, before: Optional[int] = None) -> Optional[list[Finding]]:
        """Findings of the newest audit (older than audit id `before`, when given)."""
        row = self._db.execute("SELECT id FROM audits WHERE id < ? ORDER BY id DESC LIMIT 1",
                               (before if before is not None else 1 << 62,)).fetchone()
        if row is None:
            return None
        return [finding_from_dict(json.loads(f)) for (f,) in self._db.execute(
            "SELECT finding FROM audit_findings WHERE audit_id = ? ORDER BY rowid", row)]


class _transaction:
    """BEGIN IMMEDIATE ... COMMIT, or ROLLBACK on any error."""

    def __init__(self, db: sqlite3.Connection):
        self.db = db

    def __enter__(self):
        self.db.execute("BEGIN IMMEDIATE")

    def __exit__(self, kind, value, tb):
        self.db.execute("COMMIT" if kind is None else "ROLLBACK")
        return False


def _version(db) -> Optional[int]:
    try:
        row = db.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
    except sqlite3.OperationalError:
        return None
    return int(row[0]) if row else None


def _claim_row(c: Claim, identity: Optional[tuple]) -> tuple:
    loc, s = c.location, c.subject
    return (c.start, c.end, loc.line, loc.column, loc.end_line, loc.end_column, loc.text, c.kind,
            c.low, c.high, c.unit, _SEP.join(c.qualifiers), int(c.comparison), int(c.approximate),
            s.treatment, s.country, s.variant, s.measure, _SEP.join(c.sources), c.context,
            c.block_index, None if identity is None else json.dumps(identity, ensure_ascii=False))


def _claim(path: str, row) -> Claim:
    (_doc, _seq, start, end, line, col, end_line, end_col, text, kind, low, high, unit,
     qualifiers, comparison, approximate, treatment, country, variant, measure, sources,
     context, block_index, _identity) = row
    return Claim(path, start, end, Location(path, line, col, end_line, end_col, text), kind,
                 low, high, unit, _split(qualifiers), bool(comparison),
                 bool(approximate), Subject(treatment, country, variant, measure),
                 _split(sources), context, block_index)


def _split(joined: str) -> tuple[str, ...]:
    return tuple(joined.split(_SEP)) if joined else ()


def _suppression_row(s: Suppression) -> list:
    return [list(s.codes), s.first_line, s.last_line, s.line, s.column, s.end_column, s.text]


def _suppression(row: list) -> Suppression:
    codes, *rest = row
    return Suppression(tuple(codes), *rest)


def location_from_dict(d: dict) -> Location:
    return Location(d["path"], d["line"], d["column"], d["end_line"], d["end_column"], d.get("text", ""))


def finding_from_dict(d: dict) -> Finding:
    fix = d.get("fix")
    return Finding(d["rule"], d["name"], d["category"], d["severity"], location_from_dict(d),
                   d["message"], d.get("quantity"),
                   tuple(location_from_dict(r) for r in d.get("related") or ()),
                   d.get("fact_id"), d.get("fingerprint", ""),
                   Fix(fix["replacement"], fix["safe"], fix["description"]) if fix else None)
