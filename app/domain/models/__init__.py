"""The domain: reference data, the published contract register and its import runs.

Dutch domain terms are kept (gemeente, dienst, aanbieder, ...) so that code, data
files and the people who keep the register use the same words.
Nothing here is database-specific: the same models run on SQLite and PostgreSQL.
"""

from app.domain.models.history import Beschikbaarheid, Wijziging
from app.domain.models.reference import Deelname, Dienst, Gemeente, Indicator, Segment, Thema
from app.domain.models.register import (
    Aanbieder,
    AanbiederTaal,
    AanbiederThema,
    Contract,
    ContractGemeente,
    Kwaliteitscijfer,
    Locatie,
)
from app.domain.models.runs import (
    BESCHIKBAARHEID,
    BESCHIKBAARHEID_VALIDATIE,
    IMPORT,
    VALIDATIE,
    ImportRun,
)

__all__ = [
    "BESCHIKBAARHEID",
    "BESCHIKBAARHEID_VALIDATIE",
    "IMPORT",
    "VALIDATIE",
    "Beschikbaarheid",
    "Wijziging",
    "Aanbieder",
    "AanbiederTaal",
    "AanbiederThema",
    "Contract",
    "ContractGemeente",
    "Deelname",
    "Dienst",
    "Gemeente",
    "ImportRun",
    "Indicator",
    "Kwaliteitscijfer",
    "Locatie",
    "Segment",
    "Thema",
]
