"""User-facing failures: each names the file, the subject and the problem, printed as one line."""

from __future__ import annotations

from pathlib import Path

__all__ = [
    "LexpathError",
    "CaseNotFoundError",
    "InputFileError",
    "TurtleError",
    "InvalidCaseError",
    "DoctrineError",
    "UnknownIdError",
    "OutputError",
    "BadBoundError",
    "CompareError",
    "ContrastError",
    "StoreError",
]


class LexpathError(Exception):
    """A failure the user can fix; the CLI prints str(err) as one line."""

    def __init__(self, file: str | Path, subject: str, problem: str) -> None:
        super().__init__(f"{file}: {subject}: {problem}")
        self.file, self.subject, self.problem = str(file), subject, problem

    def __reduce__(self):
        """Pickle by the three parts, so an error raised in a worker process reaches the user whole."""
        return (type(self), (self.file, self.subject, self.problem))


class CaseNotFoundError(LexpathError):
    """A case or doctrine reference is neither a bundled id nor a readable file."""


class InputFileError(LexpathError):
    """A file cannot be read as UTF-8 text (missing, a directory, wrong encoding)."""


class TurtleError(LexpathError):
    """A Turtle file does not parse."""


class InvalidCaseError(LexpathError):
    """A case breaks the shapes or the structural checks."""


class DoctrineError(LexpathError):
    """A doctrine is malformed: a cycle, a condition naming nothing, a role that does not fit."""


class UnknownIdError(LexpathError):
    """An id given on the command line names nothing in the case."""


class OutputError(LexpathError):
    """An output file cannot be written."""


class BadBoundError(LexpathError):
    """A search out of bounds: flips --max-size below 1, or relevance over too many unknowns."""


class CompareError(LexpathError):
    """compare needs two or more distinct cases (a file given twice, or one alone)."""


class ContrastError(LexpathError):
    """A contrast cannot be drawn: one doctrine named twice, or not two doctrines."""


class StoreError(LexpathError):
    """A store cannot be opened or reached, or it refuses a query or an update."""
