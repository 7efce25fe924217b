"""Screenshots of the main pages at 1280 px and 390 px, in Debian's Chromium (``make screenshots``).

Serves the site (``make setup`` loads every fixture into the development database) on a free
port, then saves full-page PNGs under ``screenshots/`` (git-ignored). Not a test: look at the
pictures.

    .venv/bin/python bench/screenshots.py [--out screenshots] [--only listing]
"""

import argparse
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.browser_support import CHROMIUM, CHROMIUM_ARGS  # noqa: E402

WIDTHS = {"wide": (1280, 900), "phone": (390, 844)}
PAGES = {
    "home": "/en/",
    "listing": "/en/practices/",
    "listing-filtered": "/en/practices/?country=NO&capability=11",
    "listing-query": "/en/practices/?q=grooming",
    "listing-all-tags": "/en/practices/?expand=tag#facet-tag",
    "practice": "/en/practices/barnahus/",
    "country": "/en/countries/norway/",
    "suggest": "/en/suggest-a-practice/",
    "listing-fr": "/fr/pratiques/",
    "practice-fr": "/fr/pratiques/barnahus/",
    "recommendations": "/en/recommendations/",
    "about": "/en/about-the-source/",
    "countries": "/en/countries/",
    "coverage": "/en/coverage/",
    "map": "/en/map/",
    "compare": "/en/countries/compare/?c=AL&c=RS&c=UA",
    "listing-no-result": "/en/practices/?q=barnahsu",
}


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(url, seconds=60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5):  # noqa: S310 - our own local server
                return
        except OSError:
            time.sleep(0.5)
    raise SystemExit(f"the site did not answer at {url}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=str(ROOT / "screenshots"))
    parser.add_argument("--only", action="append", help="page names to take (default: all)")
    parser.add_argument("--axe", action="store_true", help="also run axe-core on each page")
    args = parser.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "ocsea.settings.dev"}
    server = subprocess.Popen(  # noqa: S603 - fixed arguments
        [sys.executable, "manage.py", "runserver", "--noreload", f"127.0.0.1:{port}"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_for(f"{base}/en/")
        from playwright.sync_api import sync_playwright

        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
            for width_name, (width, height) in WIDTHS.items():
                context = browser.new_context(viewport={"width": width, "height": height})
                page = context.new_page()
                for name, path in PAGES.items():
                    if args.only and name not in args.only:
                        continue
                    response = page.goto(base + path)
                    page.wait_for_load_state("networkidle")
                    target = out / f"{name}-{width_name}.png"
                    page.screenshot(path=str(target), full_page=True)
                    # The first one and a half screens: what a visitor sees before scrolling far.
                    page.screenshot(
                        path=str(out / f"{name}-{width_name}-top.png"),
                        full_page=True,
                        clip={"x": 0, "y": 0, "width": width, "height": int(height * 1.5)},
                    )
                    print(f"{response.status} {path} -> {target.relative_to(ROOT)}")
                    if args.axe and width_name == "wide":
                        from axe_playwright_python.sync_playwright import Axe

                        for violation in Axe().run(page).response["violations"]:
                            nodes = [node["target"] for node in violation["nodes"]][:3]
                            print(f"    axe: {violation['id']} ({violation['impact']}) {nodes}")
                context.close()
            browser.close()
    finally:
        server.terminate()
        server.wait(timeout=10)


if __name__ == "__main__":
    main()
