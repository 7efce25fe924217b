"""Shared helpers for the editorial and submissions tests: role users and admin form posts."""

from django.contrib.auth import get_user_model
from django.urls import reverse
from wagtail.test.utils import WagtailTestUtils
from wagtail.test.utils.form_data import querydict_from_html

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


def edit_form_data(client, page, changes=None):
    """The page's admin edit form as the browser would post it, with ``changes`` applied.

    ``changes`` maps field names to values: ``None`` removes the field, a list sets a
    multi-valued field.
    """
    response = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
    assert response.status_code == 200, response.status_code
    html = response.content.decode()
    data = querydict_from_html(html, form_id="page-edit-form")
    # querydict_from_html takes a <select multiple> without a selection as its first option.
    form = WagtailTestUtils.get_soup(html).find("form", attrs={"id": "page-edit-form"})
    for select in form.find_all("select", multiple=True):
        selected = select.find_all("option", selected=True)
        data.setlist(select["name"], [option.get("value", "") for option in selected])
    data.setdefault("body-count", "0")
    for name, value in (changes or {}).items():
        if value is None:
            data.pop(name, None)
        elif isinstance(value, list | tuple):
            data.setlist(name, [str(item) for item in value])
        else:
            data[name] = str(value)
    return data


def post_edit(client, page, changes=None):
    data = edit_form_data(client, page, changes)
    # Every value of a multi-valued field: posting the QueryDict itself sends only the last.
    values = {name: data.getlist(name) for name in data}
    return client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), values)


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
