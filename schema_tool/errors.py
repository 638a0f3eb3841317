"""The failures the tool reports, each with the exit code it maps to.

Exit codes everywhere: 0 ok, 1 the check found something (drift, findings,
a refused or failed apply), 2 usage or connection error.
"""

from __future__ import annotations

from dataclasses import dataclass, field


class ToolError(Exception):
    exit_code = 1


class UsageError(ToolError):
    """Bad arguments or an unusable connection: exit 2."""

    exit_code = 2


class Refusal(ToolError):
    """The engine refuses to start, or the database refused what it tried first: nothing has been applied."""


class ExtensionBlocked(Refusal):
    """A required extension is missing and the role cannot create it: exit 1 everywhere, diff included."""


class ConnectionLost(UsageError):
    """The connection broke while a file ran: exit 2, like any connection error."""


@dataclass
class FailedStatement:
    path: str
    line: int
    column: int
    sqlstate: str | None
    message: str
    detail: str | None = None
    hint: str | None = None
    context: str | None = None
    statement: str | None = field(default=None, repr=False)

    @property
    def where(self) -> str:
        return f"{self.path}:{self.line}:{self.column}"

    @property
    def headline(self) -> str:
        state = f"ERROR {self.sqlstate}: " if self.sqlstate else "ERROR: "
        return f"{self.where}: {state}{self.message}"

    @property
    def statement_line(self) -> str:
        """The statement's first line that is not a comment, shortened."""
        for line in (self.statement or "").splitlines():
            if line.strip() and not line.strip().startswith("--"):
                text = line.strip()
                return text if len(text) <= 100 else text[:97] + "..."
        return ""

    def __str__(self) -> str:
        text = self.headline
        for label, value in (("DETAIL", self.detail), ("HINT", self.hint), ("CONTEXT", self.context)):
            if value:
                text += f"\n  {label}: {value}"
        return text


class ApplyFailed(ToolError):
    """A file failed. `left` says what of it is left: by default nothing (its transaction rolled back);
    the files before it stay applied."""

    def __init__(self, failure: FailedStatement, applied: list[str], left: str | None = None):
        super().__init__(str(failure))
        self.failure = failure
        self.applied = applied
        self.left = left or f"nothing of {failure.path} was applied"
        self.in_scratch = False  # applied to a scratch database (for diff or lint), dropped again

    @property
    def summary(self) -> str:
        """One line: where, what, and what is left."""
        return (f"{self.failure.headline}; {self.left}; "
                f"{len(self.applied)} file(s) before it stay applied")


def from_driver(error) -> ToolError:
    """A driver error raised outside any file, as one line: a lost connection is exit 2 like any
    connection error, whatever the database refused exit 1."""
    import psycopg

    text = " ".join(str(error).split())
    if isinstance(error, psycopg.OperationalError):
        return UsageError(f"lost the database connection: {text}")
    return ToolError(f"the database refused: ERROR {error.diag.sqlstate or ''}: {text}")
