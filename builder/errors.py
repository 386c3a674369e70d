"""The builder's exceptions: every one names the file and the reason."""

from __future__ import annotations

from pathlib import Path


class BuildError(Exception):
    """The build cannot go on; the message says which file and why."""

    def __init__(self, path: Path | str, reason: str, line: int | None = None) -> None:
        self.path = str(path)
        self.reason = reason
        self.line = line
        where = f"{self.path}:{line}" if line else self.path
        super().__init__(f"{where}: {reason}")


class RuntimeFetchError(BuildError):
    """The Python runtime is missing or does not match its pin."""


class WorksheetError(BuildError):
    """A worksheet module fails to import, declare or render."""


class VerifyError(BuildError):
    """The written site breaks a rule (CSP, third-party reference, missing file)."""
