"""Small text helpers shared by the register import and the search index."""

from __future__ import annotations

import unicodedata


def fold(text: str) -> str:
    """Lower-case, strip surrounding space and remove accents: 'Cliënt ' -> 'client'."""
    decomposed = unicodedata.normalize("NFKD", str(text).strip().lower())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))
