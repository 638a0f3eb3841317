"""Split a SQL file into statements, keeping each statement's offset.

The engine runs a file statement by statement so that a server error can be
mapped to the file's line and column, and so that a no-transaction file can
run CREATE INDEX CONCURRENTLY (which refuses multi-statement strings). The
scanner knows exactly the PostgreSQL lexemes that may hide a semicolon:
quoted strings (with E'' backslash escapes), quoted identifiers, dollar
quotes, line comments and nested block comments.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_DOLLAR_TAG = re.compile(r"\$([A-Za-z_\u0080-\uffff][A-Za-z_0-9\u0080-\uffff]*)?\$")
_IDENT_CHAR = re.compile(r"[A-Za-z_0-9$\u0080-\uffff]")


@dataclass(frozen=True)
class Statement:
    text: str
    offset: int  # character offset of text[0] in the file


def split(sql: str) -> list[Statement]:
    """Statements of `sql` without their terminating semicolons; comments-only chunks dropped."""
    statements: list[Statement] = []
    start = 0
    i = 0
    n = len(sql)
    while i < n:
        c = sql[i]
        if c == "-" and sql.startswith("--", i):
            i = _end_of_line(sql, i)
        elif c == "/" and sql.startswith("/*", i):
            i = _end_of_block_comment(sql, i)
        elif c == "'":
            escapes = i > 0 and sql[i - 1] in "eE" and not _IDENT_CHAR.match(sql[i - 2] if i > 1 else " ")
            i = _end_of_quoted(sql, i, "'", backslash=escapes)
        elif c == '"':
            i = _end_of_quoted(sql, i, '"', backslash=False)
        elif c == "$" and (i == 0 or not _IDENT_CHAR.match(sql[i - 1])):
            i = _end_of_dollar_quote(sql, i)
        elif c == ";":
            _append(statements, sql, start, i)
            i += 1
            start = i
        else:
            i += 1
    _append(statements, sql, start, n)
    return statements


def _append(statements: list[Statement], sql: str, start: int, end: int) -> None:
    chunk = sql[start:end]
    lead = _leading_noise(chunk)
    body = chunk[lead:].rstrip()
    if body:
        statements.append(Statement(body, start + lead))


def _leading_noise(chunk: str) -> int:
    """Length of the whitespace and comments before a statement's first token."""
    i = 0
    while i < len(chunk):
        if chunk[i].isspace():
            i += 1
        elif chunk.startswith("--", i):
            i = _end_of_line(chunk, i)
        elif chunk.startswith("/*", i):
            i = _end_of_block_comment(chunk, i)
        else:
            break
    return i


def _end_of_line(sql: str, i: int) -> int:
    end = sql.find("\n", i)
    return len(sql) if end < 0 else end + 1


def _end_of_block_comment(sql: str, i: int) -> int:
    depth = 0
    while i < len(sql):
        if sql.startswith("/*", i):
            depth += 1
            i += 2
        elif sql.startswith("*/", i):
            depth -= 1
            i += 2
            if depth == 0:
                return i
        else:
            i += 1
    return i


def _end_of_quoted(sql: str, i: int, quote: str, *, backslash: bool) -> int:
    i += 1
    while i < len(sql):
        c = sql[i]
        if backslash and c == "\\":
            i += 2
        elif c == quote:
            if sql.startswith(quote * 2, i):
                i += 2
            else:
                return i + 1
        else:
            i += 1
    return i


def _end_of_dollar_quote(sql: str, i: int) -> int:
    match = _DOLLAR_TAG.match(sql, i)
    if not match:
        return i + 1  # a positional parameter such as $1
    tag = match.group(0)
    end = sql.find(tag, match.end())
    return len(sql) if end < 0 else end + len(tag)


def line_and_column(text: str, offset: int) -> tuple[int, int]:
    """1-based line and column of a character offset."""
    line = text.count("\n", 0, offset) + 1
    column = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return line, column


def lower_keywords(sql: str) -> str:
    """`sql` with its upper-case words lower-cased outside quotes, comments and dollar-quoted bodies.

    For SQL printed by the server (pg_get_functiondef and friends), whose keywords are
    upper-case and whose identifiers are lower-case unless quoted, this is the house style.
    """
    out = []
    start = i = 0
    n = len(sql)

    def flush(end: int) -> None:
        out.append(re.sub(r"\b[A-Z][A-Z_]*\b", lambda m: m.group(0).lower(), sql[start:end]))

    while i < n:
        c = sql[i]
        if c == "-" and sql.startswith("--", i):
            end = _end_of_line(sql, i)
        elif c == "/" and sql.startswith("/*", i):
            end = _end_of_block_comment(sql, i)
        elif c == "'":
            escapes = i > 0 and sql[i - 1] in "eE" and not _IDENT_CHAR.match(sql[i - 2] if i > 1 else " ")
            end = _end_of_quoted(sql, i, "'", backslash=escapes)
        elif c == '"':
            end = _end_of_quoted(sql, i, '"', backslash=False)
        elif c == "$" and (i == 0 or not _IDENT_CHAR.match(sql[i - 1])) and _DOLLAR_TAG.match(sql, i):
            end = _end_of_dollar_quote(sql, i)
        else:
            i += 1
            continue
        flush(i)
        out.append(sql[i:end])
        start = i = end
    flush(n)
    return "".join(out)
