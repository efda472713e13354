"""The NumPy network behind every number the lecture shows."""

from __future__ import annotations

from network.errors import NetworkInputError
from network.model import DEFAULT_SIZES, Network, Trace

__all__ = ["DEFAULT_SIZES", "Network", "NetworkInputError", "Trace"]
