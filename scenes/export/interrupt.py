"""SIGINT and SIGTERM during an export: stop cleanly everywhere, but never mid-publish.

An export is stopped by Ctrl-C (SIGINT) or by ``kill``/a CI timeout (SIGTERM).
Both must end the render processes and leave the previous outputs whole, so both
become one exception in the main thread (``Interrupted``), which unwinds through
the code that stops the renders. The short step that publishes the new outputs
holds both signals back (``signals_held``) and acts on them once it is done.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType

__all__ = [
    "HANDLED",
    "Interrupted",
    "deliver_after_publishing",
    "raise_on_signals",
    "signals_held",
]

HANDLED = (signal.SIGINT, signal.SIGTERM)


class Interrupted(KeyboardInterrupt):
    """SIGINT or SIGTERM arrived.

    A ``KeyboardInterrupt``, so that no ``except Exception`` on the way (a render
    marked failed, say) swallows it, and SIGINT and SIGTERM take the same path.

    Parameters
    ----------
    signum
        The signal that arrived.
    published
        True when it arrived while the new outputs were being published, which
        was then finished: the new outputs are in place, not the previous ones.
    """

    def __init__(self, signum: int, published: bool = False) -> None:
        super().__init__(signal.Signals(signum).name)
        self.signum = signum
        self.published = published

    @property
    def name(self) -> str:
        return signal.Signals(self.signum).name


def _raise(signum: int, frame: FrameType | None) -> None:
    raise Interrupted(signum)


def _in_main_thread() -> bool:
    # Python runs signal handlers in the main thread only, and only it may set them.
    return threading.current_thread() is threading.main_thread()


@contextmanager
def raise_on_signals() -> Iterator[None]:
    """While the body runs, SIGINT and SIGTERM raise ``Interrupted`` in the main thread.

    SIGTERM's default is to end the process on the spot, orphaning the renders;
    this turns it into an exception the export unwinds from. The previous handlers
    are put back afterwards (the command line is also called from tests).
    """
    if not _in_main_thread():
        yield
        return
    previous = {signum: signal.signal(signum, _raise) for signum in HANDLED}
    try:
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)


@contextmanager
def signals_held() -> Iterator[list[int]]:
    """Hold SIGINT and SIGTERM back while the body runs; yields those that arrived.

    The handlers are swapped for ones that only take note, which is what makes a
    critical section safe in CPython: ``pthread_sigmask`` would block the signal in
    the calling thread only, and a signal taken by any other thread (a pool worker,
    a decoder thread) still runs its Python handler in the main thread. The caller
    decides what to do with what arrived once the section is over.
    """
    if not _in_main_thread():
        yield []
        return
    arrived: list[int] = []

    def note(signum: int, frame: FrameType | None) -> None:
        arrived.append(signum)

    previous = {signum: signal.signal(signum, note) for signum in HANDLED}
    try:
        yield arrived
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)


def deliver_after_publishing(arrived: list[int]) -> None:
    """Act on a signal held back while publishing, now that the outputs are in place.

    Under Python handlers (the command line's, or Ctrl-C's KeyboardInterrupt) this
    raises ``Interrupted`` saying the new outputs were published; under the default
    action the signal is sent again, and ends the process as it would have.
    """
    if not arrived:
        return
    signum = arrived[0]
    handler = signal.getsignal(signum)
    if handler == signal.SIG_IGN:
        return
    if handler in (signal.SIG_DFL, None):
        signal.raise_signal(signum)
        return
    raise Interrupted(signum, published=True)
