"""The one exception type every bad input in `network/` raises."""

from __future__ import annotations

__all__ = ["NetworkInputError"]


class NetworkInputError(ValueError):
    """A file, array or option the network cannot use; the message names it and why."""
