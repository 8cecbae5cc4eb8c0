"""Errors a user can cause. Their message is Chinese and says what to do; the CLI prints it
without a traceback and exits 2, the UI shows it in a dialog."""

from __future__ import annotations


class UserError(Exception):
    """A mistake in the user's input or environment, with a message meant for the user."""

    def __init__(self, message: str, details: list[str] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.details = details or []

    def __str__(self) -> str:
        if not self.details:
            return self.message
        return self.message + "\n" + "\n".join(f"  - {d}" for d in self.details)
