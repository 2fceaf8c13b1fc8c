"""Command-line interface for the register keeper and the operator (`flask register ...`,
`flask index ...`): `commands` has the thin wrappers around app/register and app/search,
`guard` what every command does around its work (the schema, the log, one clear line)."""

from app.cli.commands import index_cli, register_cli

__all__ = ["index_cli", "register_cli"]
