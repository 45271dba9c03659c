"""Dependencies between khabar's subpackages point one way (docs/architecture.md)."""

from __future__ import annotations

import ast
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src" / "khabar"

#: Each layer may import itself and the layers listed before it, never one after it.
LAYERS: list[set[str]] = [
    {"errors", "__init__"},
    {"model"},
    {"ontology"},
    {"ingest", "geo"},
    {"nlp"},
    {"extract"},
    {"store"},
    {"export", "evaluate", "api", "web", "watch"},
    {"cli"},
]


def _layer(name: str) -> int:
    for i, layer in enumerate(LAYERS):
        if name in layer:
            return i
    raise AssertionError(f"subpackage khabar.{name} is in no layer of tests/test_architecture.py")


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("khabar."):
            found.add(node.module.split(".")[1])
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.startswith("khabar."):
                    found.add(alias.name.split(".")[1])
    return found


def test_imports_point_down_the_layers() -> None:
    violations = []
    for path in sorted(SRC.rglob("*.py")):
        rel = path.relative_to(SRC)
        own = rel.parts[0].removesuffix(".py")
        for target in _imports(path):
            if _layer(target) > _layer(own):
                violations.append(f"{rel}: khabar.{own} imports khabar.{target}")
    assert violations == []
