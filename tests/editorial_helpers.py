"""Shared helpers for the editorial and submissions tests: role users and admin form posts."""

from django.contrib.auth import get_user_model
from django.urls import reverse
from wagtail import blocks
from wagtail.fields import StreamField
from wagtail.test.utils import WagtailTestUtils
from wagtail.test.utils.form_data import (
    nested_form_data,
    querydict_from_html,
    rich_text,
    streamfield,
)

from editorial.setup import EDITORS, MODERATORS, TRANSLATORS, setup_editorial


def make_user(username, *groups, superuser=False):
    user = get_user_model().objects.create_user(
        username=username, email=f"{username}@example.org", password="irrelevant"
    )
    if superuser:
        user.is_superuser = user.is_staff = True
        user.save()
    user.groups.add(*groups)
    return user


def role_users():
    groups, _workflow = setup_editorial()
    return {
        "editor": make_user("editor", groups[EDITORS]),
        "moderator": make_user("moderator", groups[MODERATORS]),
        "translator": make_user("translator", groups[TRANSLATORS]),
    }


def block_form_data(block, value):
    """A block's value as the admin's block editor posts it (a nested dict for
    ``nested_form_data``): the StreamField is drawn by JavaScript, so its form fields are not in
    the page's HTML."""
    if isinstance(block, blocks.StreamBlock):
        return streamfield(
            [(child.block_type, block_form_data(child.block, child.value)) for child in value]
        )
    if isinstance(block, blocks.StructBlock):
        return {
            name: block_form_data(child, value[name]) for name, child in block.child_blocks.items()
        }
    if isinstance(block, blocks.ListBlock):
        items = list(value)
        data = {"count": str(len(items))}
        for index, item in enumerate(items):
            data[str(index)] = {
                "value": block_form_data(block.child_block, item),
                "deleted": "",
                "order": str(index),
            }
        return data
    if isinstance(block, blocks.RichTextBlock):
        return rich_text(value.source)
    return "" if value is None else str(value)


def stream_fields_form_data(page):
    """The form data of each StreamField of ``page``."""
    return nested_form_data(
        {
            model_field.name: block_form_data(
                model_field.stream_block, getattr(page, model_field.name)
            )
            for model_field in page._meta.concrete_fields
            if isinstance(model_field, StreamField)
        }
    )


def edit_form_data(client, page, changes=None, url=None):
    """The page's admin edit form as the browser would post it, with ``changes`` applied.

    ``changes`` maps field names to values: ``None`` removes the field, a list sets a
    multi-valued field. ``url`` is another view of the form (e.g. a revision to revert to).
    """
    response = client.get(url or reverse("wagtailadmin_pages:edit", args=[page.pk]))
    assert response.status_code == 200, response.status_code
    html = response.content.decode()
    data = querydict_from_html(html, form_id="page-edit-form")
    # querydict_from_html takes a <select multiple> without a selection as its first option.
    form = WagtailTestUtils.get_soup(html).find("form", attrs={"id": "page-edit-form"})
    for select in form.find_all("select", multiple=True):
        selected = select.find_all("option", selected=True)
        data.setlist(select["name"], [option.get("value", "") for option in selected])
    shown = page.get_latest_revision_as_object() if url is None else response.context["page"]
    for name, value in stream_fields_form_data(shown).items():
        data.setdefault(name, value)
    for name, value in (changes or {}).items():
        if value is None:
            data.pop(name, None)
        elif isinstance(value, list | tuple):
            data.setlist(name, [str(item) for item in value])
        else:
            data[name] = str(value)
    # An editor who removes every capability or article also deletes its quotes in the evidence
    # panel: the form refuses evidence for a tag the practice does not carry.
    for field_name, facet in EVIDENCE_FACETS.items():
        if field_name in (changes or {}) and not changes[field_name]:
            for name, value in list(data.items()):
                if name.startswith("evidence-") and name.endswith("-facet") and value == facet:
                    data[name.removesuffix("-facet") + "-DELETE"] = "1"
    return data


EVIDENCE_FACETS = {"capabilities": "capability", "treaty_articles": "article"}


def add_evidence(data, facet, key, quote, section="Test section"):
    """Fill one more row of the evidence panel, as an editor clicking "Add" would."""
    index = int(data["evidence-TOTAL_FORMS"])
    prefix = f"evidence-{index}-"
    data.update(
        {
            prefix + "id": "",
            prefix + "ORDER": str(index + 1),
            prefix + "facet": facet,
            prefix + "key": str(key),
            prefix + "quote": quote,
            prefix + "source": "report",
            prefix + "section": section,
        }
    )
    data["evidence-TOTAL_FORMS"] = str(index + 1)
    return data


def post_form(client, url, data):
    """POST a QueryDict with every value of multi-valued fields (``data.items()`` keeps one)."""
    return client.post(url, dict(data.lists()))


def post_edit(client, page, changes=None):
    data = edit_form_data(client, page, changes)
    return post_form(client, reverse("wagtailadmin_pages:edit", args=[page.pk]), data)


def workflow_action(client, page, action, comment=""):
    page.refresh_from_db()
    task_state = page.current_workflow_task_state
    assert task_state is not None, "the page is not in moderation"
    return client.post(
        reverse(
            "wagtailadmin_pages:workflow_action",
            args=[page.pk, action, task_state.pk],
        ),
        {"comment": comment},
    )


def assert_denied(response):
    """Wagtail answers 403, or sends the user back to the dashboard with "permission denied"."""
    if response.status_code == 302:
        assert response["Location"] == reverse("wagtailadmin_home")
    else:
        assert response.status_code == 403
