"""The README's "Open data and API" examples work: each curl line is requested here."""

import re
import shlex
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.conf import settings

from tests import factories


def readme_examples():
    readme = (Path(settings.BASE_DIR) / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Open data and API", 1)[1].split("\n## ", 1)[0]
    block = re.search(r"```sh\n(.*?)```", section, re.S).group(1)
    examples = []
    for line in block.splitlines():
        if not line.startswith("curl "):
            continue
        words = shlex.split(line)[1:]
        headers = {}
        while words[0] == "-H":
            name, value = words[1].split(": ", 1)
            headers[f"HTTP_{name.upper().replace('-', '_')}"] = value
            words = words[2:]
        [url] = words
        examples.append((url, headers))
    return examples


def test_the_readme_has_examples_of_each_kind():
    urls = " ".join(url for url, _headers in readme_examples())
    for part in ("format=csv", "format=json", "/feed/", "datapackage.json", "/api/v2/pages/"):
        assert part in urls


@pytest.fixture
def barnahus(site, taxonomy):
    t = taxonomy
    return factories.practice(
        site["practices"],
        "Barnahus",
        countries=[t["IS"], t["NO"]],
        capabilities=[t["cap5"], t["cap8"]],
        themes=[t["victims"]],
        articles=[t["l23"]],
    )


def test_every_readme_example_answers(client, barnahus):
    for url, headers in readme_examples():
        parts = urlsplit(url)
        assert parts.netloc == "127.0.0.1:8000", url
        response = client.get(
            f"{parts.path}?{parts.query}" if parts.query else parts.path, **headers
        )
        assert response.status_code == 200, url
        body = response.content.decode()
        if any(part in url for part in ("format=", "/feed/", "country=", "theme=", "cite.")):
            assert "Barnahus" in body, url
