"""What an import did: records kept, records skipped (with their line), and notes."""

from __future__ import annotations

from dataclasses import dataclass, field


class ImportFileError(ValueError):
    """A file that cannot be imported at all (unknown format, not contacts, no header)."""


@dataclass(frozen=True, slots=True)
class RowProblem:
    """A record that was skipped, and why."""

    line: int
    reason: str


@dataclass(frozen=True, slots=True)
class RowNote:
    """A record that was imported, with something about it the user should know (a pager
    number left out, a second contact of the same name kept apart)."""

    line: int
    note: str


@dataclass
class ImportReport:
    """What an import did."""

    file: str
    created: int = 0
    updated: int = 0
    problems: list[RowProblem] = field(default_factory=list)
    notes: list[RowNote] = field(default_factory=list)

    @property
    def skipped(self) -> int:
        """Records that were not imported."""
        return len(self.problems)
