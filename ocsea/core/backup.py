"""Export every piece of content to plain files, and restore it into an empty database.

Generic on purpose: every model of every installed app is exported (so a model another app
adds tomorrow is in the next backup with no change here), except those in ``NOT_EXPORTED``,
which are derived from the content, rebuilt by ``migrate`` or mere logs of activity.

Layout of a backup directory::

    manifest.json                  format, models in load order, row counts, media files
    data/<app_label>.<model>.json  Django's JSON serialisation, by primary key, with natural
                                   keys for content types, permissions and users
    media/<storage name>           every file a FileField names (images, documents)
"""

import datetime
import json
from pathlib import Path

from django.apps import apps
from django.contrib.auth.management import create_permissions
from django.contrib.contenttypes.models import ContentType
from django.core import serializers
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management.color import no_style
from django.core.serializers.json import DjangoJSONEncoder
from django.core.serializers.json import Serializer as JSONSerializer
from django.db import connection, models, transaction

FORMAT = "ocsea-content-backup/1"
NOT_EXPORTED = {
    # Rebuilt by migrate, with other primary keys: references to them use natural keys.
    "contenttypes.contenttype",
    # Derived from the content: rebuilt after an import.
    "wagtailsearch.indexentry",
    "wagtailsearch.sqliteftsindexentry",
    "wagtailcore.referenceindex",
    "wagtailimages.rendition",
    "wagtailembeds.embed",
    # Ephemeral: sessions, who is editing right now, uploads in progress, login throttling.
    "sessions.session",
    "wagtailadmin.editingsession",
    "wagtailcore.uploadedfile",
    "axes.accessattempt",
    "axes.accessattemptexpiration",
    "axes.accessfailurelog",
    "axes.accesslog",
    # Django admin's own action log (Wagtail's audit log, wagtailcore.*logentry, is kept).
    "admin.logentry",
}
# Users are exported without their password hashes unless asked for: a backup is copied to
# more places than the database, and a restored user sets a new password (reset by e-mail).
PASSWORD_FIELD = "password"


def exported_models():
    """Every concrete, managed model not listed in NOT_EXPORTED, parents before children."""
    candidates = [
        model
        for model in apps.get_models()
        if model._meta.managed
        and not model._meta.proxy
        and model._meta.label_lower not in NOT_EXPORTED
    ]
    by_app = {}
    for model in candidates:
        by_app.setdefault(model._meta.app_config, []).append(model)
    return serializers.sort_dependencies(by_app.items(), allow_cycles=True)


class ExactJSONEncoder(DjangoJSONEncoder):
    """DjangoJSONEncoder rounds times to milliseconds; a backup keeps the microseconds."""

    def default(self, o):
        if isinstance(o, datetime.datetime | datetime.time):
            return o.isoformat()
        return super().default(o)


class BackupSerializer(JSONSerializer):
    """Django's JSON, with natural keys only for content types.

    Content types get new primary keys in every database, so references to them are written
    as (app label, model); every other reference keeps its primary key, restored as is.
    """

    def _init_options(self):
        super()._init_options()
        self.json_kwargs["cls"] = ExactJSONEncoder

    def handle_fk_field(self, obj, field):
        self.use_natural_foreign_keys = field.remote_field.model is ContentType
        super().handle_fk_field(obj, field)

    def handle_m2m_field(self, obj, field):
        self.use_natural_foreign_keys = field.remote_field.model is ContentType
        super().handle_m2m_field(obj, field)


def file_fields(model):
    return [field for field in model._meta.local_fields if isinstance(field, models.FileField)]


def export_content(directory, include_password_hashes=False):
    directory = Path(directory)
    (directory / "data").mkdir(parents=True, exist_ok=True)
    manifest = {"format": FORMAT, "models": [], "media": []}
    media = set()
    for model in exported_models():
        label = model._meta.label_lower
        rows = model._base_manager.order_by("pk")
        data = json.loads(BackupSerializer().serialize(rows, use_natural_foreign_keys=True))
        if label == "auth.user" and not include_password_hashes:
            for row in data:
                row["fields"][PASSWORD_FIELD] = ""
        write_json(directory / "data" / f"{label}.json", data)
        manifest["models"].append({"model": label, "rows": len(data)})
        for field in file_fields(model):
            media.update(name for name in rows.values_list(field.attname, flat=True) if name)
    for name in sorted(media):
        target = directory / "media" / name
        target.parent.mkdir(parents=True, exist_ok=True)
        if default_storage.exists(name):
            with default_storage.open(name, "rb") as source:
                target.write_bytes(source.read())
            manifest["media"].append(name)
    write_json(directory / "manifest.json", manifest)
    return manifest


def write_json(path, data):
    path.write_text(json.dumps(data, indent=1, ensure_ascii=False, sort_keys=True) + "\n")


class NotEmpty(Exception):
    pass


def import_content(directory):
    """Load a backup into a database that holds no content yet (``migrate`` only)."""
    from django.core.management import call_command
    from wagtail.models import Page

    directory = Path(directory)
    manifest = json.loads((directory / "manifest.json").read_text())
    if manifest.get("format") != FORMAT:
        raise ValueError(f"{directory} is not a content backup ({FORMAT})")
    # A migrated database holds only Wagtail's root and welcome pages.
    if Page.objects.count() > 2:
        raise NotEmpty("The database already holds pages: restore into an empty database.")
    labels = [entry["model"] for entry in manifest["models"]]
    with transaction.atomic():
        # Rows that migrate created (root page, default locale, site, collection, workflow,
        # groups) are replaced by the backup's own, primary keys included.
        tables = [apps.get_model(label)._meta.db_table for label in labels]
        connection.ops.execute_sql_flush(
            connection.ops.sql_flush(no_style(), tables, allow_cascade=True)
        )
        fixtures = [
            str(directory / "data" / f"{entry['model']}.json")
            for entry in manifest["models"]
            if entry["rows"]
        ]
        call_command("loaddata", *fixtures, verbosity=0)
        # Permissions of models the backup did not know (newer code) are created again.
        for app_config in apps.get_app_configs():
            create_permissions(app_config, verbosity=0)
        user_model = apps.get_model("auth.user")
        for user in user_model.objects.filter(**{PASSWORD_FIELD: ""}):
            user.set_unusable_password()
            user.save(update_fields=[PASSWORD_FIELD])
    for name in manifest["media"]:
        if default_storage.exists(name):
            default_storage.delete(name)
        stored = default_storage.save(name, ContentFile((directory / "media" / name).read_bytes()))
        assert stored == name, f"media file {name} was stored as {stored}"
    call_command("update_index", verbosity=0)
    call_command("rebuild_references_index", verbosity=0)
    cache.clear()  # cached pages, site roots and listings belong to the database replaced
    return manifest
