"""The report the atlas is drawn from, as ``fixtures/source.yaml`` records it (nothing invented)."""

from functools import cache
from pathlib import Path

import yaml
from django.conf import settings


@cache
def report_source():
    """``{title, publisher, year, edition, citation, ...}`` of the Council of Europe report."""
    path = Path(settings.OCSEA_FIXTURES_DIR) / "source.yaml"
    return yaml.safe_load(path.read_text(encoding="utf-8"))
