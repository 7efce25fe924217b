"""The visitor mix for `make loadtest` (bench/loadtest.py runs it headless on loopback).

URLs that may not exist yet on this branch (other features land in parallel) are listed in
OPTIONAL_PATHS: a 404 there is counted apart and not as an error.
"""

import random
import re

from locust import HttpUser, between, task

COUNTRIES = ["IS", "NO", "SE", "FR", "DE", "GB", "IT", "ES", "NL", "PL", "UA", "TR"]
CAPABILITIES = [str(number) for number in range(1, 22)]
THEMES = ["victim-support", "child-friendly-justice", "education-awareness"]
WORDS = ["helpline", "child protection", "police", "barnahus", "grooming", "hotline", "school"]
# Pages that land in parallel work: a 404 means "not on this branch yet", not a failure.
OPTIONAL_PATHS = {
    "coverage matrix": "/en/coverage/",
    "coverage CSV": "/en/coverage/?format=csv",
}


class Visitor(HttpUser):
    weight = 24
    wait_time = between(0.5, 2)
    practice_urls = ["/en/practices/barnahus/"]
    country_urls = ["/en/countries/is/"]

    def on_start(self):
        listing = self.client.get(
            "/en/practices/", headers={"Accept": "application/json"}, name="listing JSON"
        )
        if listing.ok:
            urls = [result["url"] for result in listing.json()["results"]]
            Visitor.practice_urls = urls or Visitor.practice_urls
        countries = self.client.get("/data/countries.json", name="countries JSON")
        if countries.ok:
            Visitor.country_urls = [row["url"] for row in countries.json() if row["url"]] or (
                Visitor.country_urls
            )

    @task(3)
    def home(self):
        self.client.get(random.choice(["/en/", "/fr/"]), name="home")

    @task(6)
    def filtered_listing(self):
        params = {"country": random.sample(COUNTRIES, random.randint(1, 2))}
        if random.random() < 0.5:
            params["capability"] = random.choice(CAPABILITIES)
        if random.random() < 0.3:
            params["theme"] = random.choice(THEMES)
        if random.random() < 0.3:
            params["page"] = random.randint(1, 5)
        self.client.get("/en/practices/", params=params, name="filtered listing")

    @task(4)
    def text_search(self):
        self.client.get("/en/practices/", params={"q": random.choice(WORDS)}, name="text search")

    @task(6)
    def practice_page(self):
        self.client.get(random.choice(Visitor.practice_urls), name="practice page")

    @task(2)
    def country_page(self):
        self.client.get(random.choice(Visitor.country_urls), name="country page")

    @task(1)
    def csv_download(self):
        self.client.get(random.choice(["/data/practices.csv", "/data/countries.csv"]), name="CSV")

    @task(1)
    def optional_pages(self):
        name, path = random.choice(list(OPTIONAL_PATHS.items()))
        with self.client.get(path, name=name, catch_response=True) as response:
            if response.status_code == 404:
                response.success()

    @task(1)
    def search_suggestions(self):
        self.client.get("/practices/suggest/", params={"q": "ba"}, name="suggestions")


class Practitioner(HttpUser):
    """Suggests a practice now and then: the real rate is a few a day, far below the limit."""

    weight = 1
    wait_time = between(20, 40)

    @task
    def suggest(self):
        form = self.client.get("/en/suggest-a-practice/", name="suggest form")
        match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form.text)
        if not match:
            form.failure("no CSRF token in the form")
            return
        self.client.post(
            "/en/suggest-a-practice/",
            data={
                "csrfmiddlewaretoken": match.group(1),
                "title": "Load test practice",
                "description": "Suggested by the load test.",
                "source_url": "https://example.org/load-test",
                "website": "",
            },
            headers={
                "X-Forwarded-For": f"198.51.100.{random.randint(1, 254)}",
                # Production's CSRF cookie is Secure: a client on plain HTTP (this loopback test;
                # in production TLS ends at the proxy) never sends it back by itself.
                "Cookie": f"csrftoken={form.cookies.get('csrftoken', '')}",
            },
            name="suggest post",
            allow_redirects=False,
        )
