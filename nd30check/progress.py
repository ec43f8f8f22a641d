"""Progress of a run: the batch reports each finished file to a callback.

:data:`ProgressFn` is what the pipeline calls (``done``, ``total``, the file's name) — the CLI's
terminal bar (:class:`Progress`), the web page's queue or a Dask dashboard can listen.
:func:`make_progress` turns the CLI's ``--progress/--no-progress`` (True / False / None = only
on a terminal) into one.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path
from typing import Callable

#: progress(done, total, name): one more file of ``total`` is finished
ProgressFn = Callable[[int, int, str], None]


class Progress:
    """A one-line progress bar on stderr, only for a person at a terminal.

    The line is cut to the terminal's width (asked again at every step: the window may be
    resized) and wiped with ``ESC [2K`` at the end, so no stale text is left behind."""

    def __init__(self, total: int, enabled: bool | None, stream=None):
        self.stream = stream or sys.stderr
        if enabled is None:
            ci = os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")
            enabled = self.stream.isatty() and not ci and os.environ.get("TERM") != "dumb"
        self.enabled = enabled and total > 1
        self.total = total
        self.done = 0
        self.t0 = time.monotonic()
        self.shown = False

    def _width(self) -> int:
        import shutil

        try:
            cols = os.get_terminal_size(self.stream.fileno()).columns
        except (OSError, ValueError, AttributeError):
            cols = shutil.get_terminal_size((80, 24)).columns
        return max(cols - 1, 10)  # the last column would wrap on some terminals

    def line(self, label: str = "", width: int | None = None) -> str:
        """The bar for the current step, at most ``width`` characters."""
        width = width or self._width()
        elapsed = time.monotonic() - self.t0
        eta = elapsed / self.done * (self.total - self.done) if self.done else 0
        count = f" {self.done}/{self.total} ({100 * self.done // max(self.total, 1)}%) ETA {int(eta) // 60}:{int(eta) % 60:02d}"
        bar_w = max(min(24, width - len(count) - 12), 0)
        filled = int(bar_w * self.done / max(self.total, 1))
        text = "█" * filled + "·" * (bar_w - filled) + count
        room = width - len(text) - 1
        from .inputs import display_path

        name = display_path(Path(label).name) if label else ""
        if room >= 8 and name:
            text += " " + (name if len(name) <= room else name[: room - 1] + "…")
        return text[:width]

    def __call__(self, done: int, total: int, name: str) -> None:
        """As a :data:`ProgressFn`."""
        self.done, self.total = done, total
        self._draw(name)

    def step(self, label: str = "") -> None:
        self.done += 1
        self._draw(label)

    def _draw(self, label: str) -> None:
        if not self.enabled:
            return
        self.stream.write("\r\x1b[2K" + self.line(label))
        self.stream.flush()
        self.shown = True

    def close(self) -> None:
        if self.enabled and self.shown:
            self.stream.write("\r\x1b[2K")
            self.stream.flush()


def make_progress(progress: "bool | None | ProgressFn", total: int) -> tuple[ProgressFn | None, Callable[[], None]]:
    """(callback, close) for what a caller gave: a callback as is; True/False/None → the
    terminal bar (None = only on a terminal, never in CI)."""
    if callable(progress):
        return progress, lambda: None
    bar = Progress(total, progress)
    return (bar if bar.enabled else None), bar.close
