"""The public "Suggest a practice" form and what moderators do with submissions."""

import pytest
from django.core import mail
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from practices.models import PracticePage
from submissions.models import Submission
from tests.editorial_helpers import assert_denied, role_users

SUGGEST_URL = "/en/suggest-a-practice/"
THANKS_URL = "/en/suggest-a-practice/thanks/"


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def users(site):
    return role_users()


def valid_data(taxonomy, **overrides):
    data = {
        "title": "Online safety helpline",
        "countries": ["IS", "NO"],
        "description": "A national helpline for children harmed online.",
        "capabilities": ["8"],
        "source_url": "https://example.org/helpline",
        "organisation": "Example NGO",
        "email": "someone@example.org",
        "consent_to_contact": "on",
        "website": "",
    }
    data.update(overrides)
    return data


def test_form_renders_accessibly(client, site, taxonomy):
    response = client.get(SUGGEST_URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert "csrfmiddlewaretoken" in html
    assert '<label class="label" for="id_title">' in html
    assert 'value="IS"' in html and "Iceland" in html
    assert "<div hidden" in html and 'name="website"' in html
    assert ' style="' not in html and "<script>" not in html

    french = client.get("/fr/proposer-une-pratique/")  # a French address (issue 10)
    assert french.status_code == 200
    assert '<html lang="fr">' in french.content.decode()


def test_every_listing_and_page_links_to_the_form(client, site):
    for url in (site["practices"].url, site["home"].url):
        assert f'href="{SUGGEST_URL}"' in client.get(url).content.decode()


def test_valid_submission_is_stored_and_moderators_notified(
    client, users, taxonomy, django_capture_on_commit_callbacks
):
    # The mail goes out once the submission is committed.
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            SUGGEST_URL,
            valid_data(
                taxonomy, description="<p>A national <b>helpline</b>.</p><script>x</script>"
            ),
        )

    assert response.status_code == 302
    assert response["Location"] == THANKS_URL
    submission = Submission.objects.get()
    assert submission.status == Submission.Status.NEW
    assert submission.title == "Online safety helpline"
    assert submission.description == "A national helpline.x"
    assert sorted(submission.countries.values_list("iso2", flat=True)) == ["IS", "NO"]
    assert list(submission.capabilities.values_list("number", flat=True)) == [8]
    assert submission.consent_to_contact
    assert not PracticePage.objects.filter(title="Online safety helpline").exists()

    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["moderator@example.org"]
    assert "Online safety helpline" in mail.outbox[0].subject
    assert f"/admin/submissions/inspect/{submission.pk}/" in mail.outbox[0].body

    thanks = client.get(THANKS_URL).content.decode()
    assert "Thank you" in thanks
    assert "Online safety helpline" not in thanks


def test_honeypot_submissions_are_dropped_silently(client, users, taxonomy):
    response = client.post(SUGGEST_URL, valid_data(taxonomy, website="http://spam.example"))
    assert response.status_code == 302
    assert response["Location"] == THANKS_URL
    assert not Submission.objects.exists()
    assert mail.outbox == []


def test_oversized_and_invalid_fields_are_refused(client, site, taxonomy):
    response = client.post(
        SUGGEST_URL,
        valid_data(
            taxonomy,
            title="x" * 201,
            description="y" * 5001,
            source_url="javascript:alert(1)",
            countries=["ZZ"],
        ),
    )
    assert response.status_code == 400
    form = response.context["form"]
    assert set(form.errors) == {"title", "description", "source_url", "countries"}
    html = response.content.decode()
    assert 'role="alert"' in html
    assert 'aria-invalid="true"' in html and 'id="id_title_error"' in html
    assert not Submission.objects.exists()


def test_text_that_is_only_markup_is_refused(client, site, taxonomy):
    response = client.post(SUGGEST_URL, valid_data(taxonomy, title="<b></b>"))
    assert response.status_code == 400
    assert "title" in response.context["form"].errors


def test_consent_needs_an_email(client, site, taxonomy):
    response = client.post(SUGGEST_URL, valid_data(taxonomy, email=""))
    assert response.status_code == 400
    assert "email" in response.context["form"].errors
    response = client.post(SUGGEST_URL, valid_data(taxonomy, email="", consent_to_contact=""))
    assert response.status_code == 302


def test_rate_limit_per_address(client, site, taxonomy, settings):
    settings.OCSEA_SUBMISSIONS_RATE_LIMIT = 2
    for _ in range(2):
        assert client.post(SUGGEST_URL, valid_data(taxonomy)).status_code == 302
    response = client.post(SUGGEST_URL, valid_data(taxonomy))
    assert response.status_code == 429
    assert "try again later" in response.content.decode()
    assert Submission.objects.count() == 2

    other_address = Client(REMOTE_ADDR="192.0.2.7")
    assert other_address.post(SUGGEST_URL, valid_data(taxonomy)).status_code == 302
    assert Submission.objects.count() == 3


def test_csrf_is_enforced(site, taxonomy):
    strict = Client(enforce_csrf_checks=True)
    assert strict.post(SUGGEST_URL, valid_data(taxonomy)).status_code == 403
    assert not Submission.objects.exists()


def test_moderator_turns_a_submission_into_a_draft(client, users, site, taxonomy):
    client.post(SUGGEST_URL, valid_data(taxonomy))
    submission = Submission.objects.get()
    client.force_login(users["moderator"])

    listing = client.get(reverse("submission_admin:index")).content.decode()
    create_url = reverse("submission_admin:create_draft", args=[submission.pk])
    assert create_url in listing
    assert client.get(create_url).status_code == 200
    response = client.post(create_url)

    page = PracticePage.objects.get(title="Online safety helpline")
    assert response["Location"] == reverse("wagtailadmin_pages:edit", args=[page.pk])
    assert not page.live
    assert page.get_parent().pk == site["practices"].pk
    assert page.summary == "A national helpline for children harmed online."
    assert sorted(page.countries.values_list("iso2", flat=True)) == ["IS", "NO"]
    assert list(page.capabilities.values_list("number", flat=True)) == [8]
    assert [s.url for s in page.sources.all()] == ["https://example.org/helpline"]
    assert page.owner == users["moderator"]
    submission.refresh_from_db()
    assert submission.status == Submission.Status.ACCEPTED
    assert submission.practice_id == page.pk

    # Running the action again leads to the same draft instead of a second one.
    assert client.post(create_url)["Location"] == response["Location"]
    assert PracticePage.objects.filter(title="Online safety helpline").count() == 1

    client.logout()
    assert client.get(f"{site['practices'].url}{page.slug}/").status_code == 404


def test_only_moderators_may_create_drafts(client, users, taxonomy):
    client.post(SUGGEST_URL, valid_data(taxonomy))
    submission = Submission.objects.get()
    create_url = reverse("submission_admin:create_draft", args=[submission.pk])
    for name in ("editor", "translator"):
        client.force_login(users[name])
        assert_denied(client.get(create_url))
        assert_denied(client.post(create_url))
    assert not PracticePage.objects.exists()
    submission.refresh_from_db()
    assert submission.status == Submission.Status.NEW


def test_moderator_records_a_decision(client, users, taxonomy):
    client.post(SUGGEST_URL, valid_data(taxonomy))
    submission = Submission.objects.get()
    client.force_login(users["moderator"])
    response = client.post(
        reverse("submission_admin:edit", args=[submission.pk]),
        {"status": "rejected", "moderator_notes": "Not about OCSEA."},
    )
    assert response.status_code == 302
    submission.refresh_from_db()
    assert submission.status == Submission.Status.REJECTED
    assert submission.moderator_notes == "Not about OCSEA."
    inspect = client.get(reverse("submission_admin:inspect", args=[submission.pk]))
    assert inspect.status_code == 200
    assert "someone@example.org" in inspect.content.decode()


def test_rate_limit_counts_the_client_behind_trusted_proxies(site, taxonomy, settings):
    settings.OCSEA_SUBMISSIONS_RATE_LIMIT = 1
    settings.OCSEA_TRUSTED_PROXY_HOPS = 2

    def post(forwarded_for):
        # Every request reaches the app from the load balancer's address.
        client = Client(REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR=forwarded_for)
        return client.post(SUGGEST_URL, valid_data(taxonomy)).status_code

    assert post("198.51.100.1, 10.9.9.9") == 302
    assert post("198.51.100.2, 10.9.9.9") == 302
    # A client cannot escape the limit by forging the left part of the header.
    assert post("203.0.113.5, 198.51.100.1, 10.9.9.9") == 429
    assert Submission.objects.count() == 2
