"""Reference data: the gemeenten, services, participation, themes and indicators.

The YAML files in data/reference/ are what the maintainer edits (docs/reference-data.md).
An import checks the register against them and publishes them with it: the import run
keeps the whole reference document (`ImportRun.referentie`). Pages, the API and the
catalog all read that published copy (app/domain/published_reference.py), as the typed,
frozen records of `records.py` (read by `reading.py`), so they change together when a new
register is published and never stay stale in a process that read the files at start.

Texts that residents read are `Texts`: one entry per language code ({"nl": ..., "en":
...}); `app.web.i18n.pick` chooses the visitor's language. The words residents type for a
service or a theme are `Words`: per language code, a tuple of words and phrases (the search
reads every language; a page suggests spellings only from its own).
"""

from __future__ import annotations

from app.domain.reference.reading import from_document as from_document
from app.domain.reference.reading import load_reference as load_reference
from app.domain.reference.reading import read_document as read_document
from app.domain.reference.records import DEELNAME_SOORTEN as DEELNAME_SOORTEN
from app.domain.reference.records import WETTEN as WETTEN
from app.domain.reference.records import Dienst as Dienst
from app.domain.reference.records import Gemeente as Gemeente
from app.domain.reference.records import Indicator as Indicator
from app.domain.reference.records import ReferenceData as ReferenceData
from app.domain.reference.records import Segment as Segment
from app.domain.reference.records import Texts as Texts
from app.domain.reference.records import Thema as Thema
from app.domain.reference.records import Toegang as Toegang
from app.domain.reference.records import Uitzondering as Uitzondering
from app.domain.reference.records import Words as Words
