"""Read -> validate -> publish the contract register (see docs/register-format.md).

This package does not import Flask: the CLI and the tests call it with a SQLAlchemy
session, the reference data and a search index store.
"""
