"""The weekly availability file (REGISTER.md, "The availability file"): `rules` checks
it cell by cell, `publish` adds its new measurements in one transaction and records the
run. The published register is not touched; measurements are never deleted."""

from app.register.availability.publish import run_availability
from app.register.availability.rules import COLUMNS, SHEET

__all__ = ["COLUMNS", "SHEET", "run_availability"]
