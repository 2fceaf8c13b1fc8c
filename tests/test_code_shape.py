"""The shape the house style asks for (../shared/STYLE.md), checked so that it stays:
modules under 300 lines and functions that fit on a screen (40 lines) in app/."""

from __future__ import annotations

import ast
from pathlib import Path

from app.config import PROJECT_ROOT

MAX_MODULE_LINES = 300
MAX_FUNCTION_LINES = 40
MODULES = sorted((PROJECT_ROOT / "app").rglob("*.py"))


def _functions(tree: ast.AST) -> list[ast.FunctionDef | ast.AsyncFunctionDef]:
    return [
        node for node in ast.walk(tree) if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef))
    ]


def _name(path: Path) -> str:
    return str(path.relative_to(PROJECT_ROOT))


def test_no_module_over_300_lines():
    long = {
        _name(p): n
        for p in MODULES
        if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_MODULE_LINES
    }
    assert not long, long


def test_no_function_over_40_lines():
    long = {}
    for path in MODULES:
        for function in _functions(ast.parse(path.read_text(encoding="utf-8"))):
            lines = (function.end_lineno or function.lineno) - function.lineno + 1
            if lines > MAX_FUNCTION_LINES:
                long[f"{_name(path)}:{function.lineno} {function.name}"] = lines
    assert not long, long
