"""A line per chapter saying where it is: waiting, cached, rendering, done or failed."""

from __future__ import annotations

import sys
import threading
import time
from typing import TextIO

__all__ = ["Progress"]


class Progress:
    """Redraws a small table on a terminal; elsewhere (CI, logs) prints each change once."""

    def __init__(self, names: list[str], stream: TextIO | None = None) -> None:
        self.stream = stream if stream is not None else sys.stdout
        self.live = self.stream.isatty()
        self.names = names
        self.width = max((len(n) for n in names), default=0)
        self.states = dict.fromkeys(names, "waiting")
        self.details = dict.fromkeys(names, "")
        self.started: dict[str, float] = {}
        self._drawn = 0
        self._lock = threading.Lock()

    def set(self, name: str, state: str, detail: str = "") -> None:
        with self._lock:
            changed = state != self.states[name]  # a log gets state changes, not ticks
            if state == "rendering" and name not in self.started:
                self.started[name] = time.perf_counter()
            self.states[name], self.details[name] = state, detail
            if not self.live and changed and state != "waiting":
                print(self._line(name), file=self.stream, flush=True)
        if self.live:
            self.redraw()

    def elapsed(self, name: str) -> float:
        start = self.started.get(name)
        return 0.0 if start is None else time.perf_counter() - start

    def _line(self, name: str) -> str:
        state, detail = self.states[name], self.details[name]
        clock = f"{self.elapsed(name):6.1f} s" if state == "rendering" and self.live else ""
        return f"  {name:<{self.width}}  {state:<9} {clock:>8}  {detail}".rstrip()

    def redraw(self) -> None:
        if not self.live:
            return
        with self._lock:
            up = f"\x1b[{self._drawn}F" if self._drawn else ""
            lines = "".join(f"\x1b[2K{self._line(n)}\n" for n in self.names)
            self.stream.write(up + lines)
            self.stream.flush()
            self._drawn = len(self.names)
