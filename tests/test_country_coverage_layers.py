"""countries sits below practices: it never imports it, not even inside a function."""

import ast
from pathlib import Path

from django.conf import settings

HIGHER = ("practices", "country_coverage", "report", "editorial", "localisation", "submissions")


def imported_modules(path):
    tree = ast.parse(path.read_text())
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            yield node.module


def test_countries_imports_no_higher_app():
    root = Path(settings.BASE_DIR) / "countries"
    offending = [
        f"{path.relative_to(root)}: {module}"
        for path in root.rglob("*.py")
        for module in imported_modules(path)
        if module.split(".")[0] in HIGHER
    ]
    assert offending == []


def test_country_templates_include_no_higher_app_template():
    root = Path(settings.BASE_DIR) / "templates" / "countries"
    for path in root.glob("*.html"):
        assert "country_coverage/" not in path.read_text(), path
