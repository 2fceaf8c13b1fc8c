"""How the index and a visitor's words are analysed: the same analyzer for both, so that
a word typed is found as it was indexed."""

from __future__ import annotations

from typing import Any

from whoosh.analysis import (
    CharsetFilter,
    LowercaseFilter,
    RegexTokenizer,
    StemFilter,
    StopFilter,
    SubstitutionFilter,
)
from whoosh.lang import stopwords_for_language
from whoosh.support.charset import accent_map

# Words that say nothing about the help someone looks for, in the two languages of the
# site's texts: Dutch (Whoosh's list) and the English function words (none of them a Dutch
# word that matters here), plus the letters left by 't, 's and 'n.
ENGLISH_STOP_WORDS = frozenset(
    "a am an and any are as at be been but by can cant could do does dont for from has have "
    "he her him his how i if im into it its me my no not of on or our she so some than that "
    "the their them then there these they this those to too us very was we were what when "
    "where which who whom why will with would you your".split()
)
STOP_WORDS = frozenset(stopwords_for_language("nl")) | ENGLISH_STOP_WORDS | {"t", "s", "n"}
# A word may hold an apostrophe or a dot (won't, alzheimer's, adhd'er, e.g.); the
# apostrophe is dropped, so "won't" is "wont" and never the stem of "wonen".
WORD = r"\w+(?:[.'’]?\w+)*"


def dutch_analyzer() -> Any:
    """Words, lower-cased, accents folded (cliënt = client), stop words left out, Dutch
    stems. Single letters and digits stay (dakje 0-a, groep 5)."""
    return (
        RegexTokenizer(WORD)
        | SubstitutionFilter("['’]", "")
        | LowercaseFilter()
        | CharsetFilter(accent_map)
        | StopFilter(stoplist=STOP_WORDS, minsize=1)
        | StemFilter(lang="nl")
    )
