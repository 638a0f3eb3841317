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

# Identifier characters are letters, digits, _ and $ (not first) and every non-ASCII character.
# The classes are written as "not the other ASCII characters": a class spelling out the range
# \u0080-\uffff costs 20-60 ms to compile, at the start of every command.
_NOT_LETTER = r"\x00-\x40\x5b-\x5e\x60\x7b-\x7f"
_NOT_LETTER_OR_DIGIT = r"\x00-\x2f\x3a-\x40\x5b-\x5e\x60\x7b-\x7f"
_DOLLAR_TAG = re.compile(rf"\$([^{_NOT_LETTER}][^{_NOT_LETTER_OR_DIGIT}]*)?\$")
_IDENT_CHAR = re.compile(r"[^\x00-\x23\x25-\x2f\x3a-\x40\x5b-\x5e\x60\x7b-\x7f]")
# The characters that may start a comment, a quote or a dollar quote, or end a statement: the scanner
# jumps from one to the next instead of looking at every character.
_MAY_START_REGION = re.compile(r"""[-/'"$;]""")


@dataclass(frozen=True)
class Statement:
    text: str
    offset: int  # character offset of text[0] in the file


def split(sql: str) -> list[Statement]:
    """Statements of `sql` without their terminating semicolons; comments-only chunks dropped."""
    statements: list[Statement] = []
    start = 0
    for i, end in _regions_and_semicolons(sql):
        if end is None:
            _append(statements, sql, start, i)
            start = i + 1
    _append(statements, sql, start, len(sql))
    return statements


def _regions_and_semicolons(sql: str):
    """(start, end) of each comment, quote and dollar quote in order, and (offset, None) of each
    semicolon outside them."""
    i = 0
    while (found := _MAY_START_REGION.search(sql, i)) is not None:
        i = found.start()
        end = _end_of_region(sql, i)
        if end is not None:
            yield i, end
            i = end
        else:
            if sql[i] == ";":
                yield i, None
            i += 1


def _end_of_region(sql: str, i: int) -> int | None:
    """Where the quoted string, quoted identifier, dollar quote or comment starting at i ends;
    None when none starts there."""
    c = sql[i]
    if c == "-" and sql.startswith("--", i):
        return _end_of_line(sql, i)
    if c == "/" and sql.startswith("/*", i):
        return _end_of_block_comment(sql, i)
    if c == "'":
        escapes = i > 0 and sql[i - 1] in "eE" and not _IDENT_CHAR.match(sql[i - 2] if i > 1 else " ")
        return _end_of_quoted(sql, i, "'", backslash=escapes)
    if c == '"':
        return _end_of_quoted(sql, i, '"', backslash=False)
    if c == "$" and (i == 0 or not _IDENT_CHAR.match(sql[i - 1])) and _DOLLAR_TAG.match(sql, i):
        return _end_of_dollar_quote(sql, i)
    return None


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


_COMMENT_MARK = re.compile(r"/\*|\*/")


def _end_of_block_comment(sql: str, i: int) -> int:
    """Block comments nest: the comment ends where its depth returns to zero."""
    depth = 0
    while (found := _COMMENT_MARK.search(sql, i)) is not None:
        i = found.end()
        depth += 1 if found.group(0) == "/*" else -1
        if depth == 0:
            return i
    return len(sql)


_QUOTE_END = {("'", False): re.compile("'"), ("'", True): re.compile(r"['\\]"), ('"', False): re.compile('"')}


def _end_of_quoted(sql: str, i: int, quote: str, *, backslash: bool) -> int:
    i += 1
    ends = _QUOTE_END[quote, backslash]
    while (found := ends.search(sql, i)) is not None:
        i = found.start()
        if sql[i] == "\\":
            i += 2
        elif sql.startswith(quote * 2, i):
            i += 2
        else:
            return i + 1
    return len(sql)


def _end_of_dollar_quote(sql: str, i: int) -> int:
    match = _DOLLAR_TAG.match(sql, i)
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
    start = 0
    for i, end in _regions_and_semicolons(sql):
        if end is not None:
            out.append(_lower_words(sql[start:i]))
            out.append(sql[i:end])
            start = end
    out.append(_lower_words(sql[start:]))
    return "".join(out)


def _lower_words(text: str) -> str:
    return re.sub(r"\b[A-Z][A-Z_]*\b", lambda m: m.group(0).lower(), text)
