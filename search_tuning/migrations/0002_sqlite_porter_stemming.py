"""On SQLite, stem the search index: FTS5's porter tokenizer on Wagtail's FTS table.

Wagtail's SQLite backend creates ``wagtailsearch_indexentry_fts`` with FTS5's default
tokenizer (``unicode61``), which matches whole words only. FTS5 applies a table's tokenizer
both to what is indexed and to every ``MATCH`` query, so recreating the table with
``porter unicode61 remove_diacritics 2`` stems both sides ("helplines" finds "helpline")
without any change to Wagtail's code. The table is a copy of ``wagtailsearch_indexentry``
(Wagtail's triggers keep it in step), so it is refilled from it. Other databases: nothing.
"""

from django.db import migrations

TABLE = "wagtailsearch_indexentry_fts"
STEMMED = "porter unicode61 remove_diacritics 2"


def recreate(tokenize):
    def operation(apps, schema_editor):
        connection = schema_editor.connection
        if connection.vendor != "sqlite" or TABLE not in connection.introspection.table_names():
            return
        option = f", tokenize = '{tokenize}'" if tokenize else ""
        with connection.cursor() as cursor:
            cursor.execute(f"DROP TABLE {TABLE}")
            cursor.execute(
                f"CREATE VIRTUAL TABLE {TABLE} USING fts5(autocomplete, body, title{option})"
            )
            cursor.execute(
                f"INSERT INTO {TABLE}(rowid, title, body, autocomplete) "
                "SELECT id, title, body, autocomplete FROM wagtailsearch_indexentry"
            )

    return operation


class Migration(migrations.Migration):
    dependencies = [
        ("search_tuning", "0001_initial"),
        ("wagtailsearch", "0010_add_text_fields"),
    ]

    operations = [migrations.RunPython(recreate(STEMMED), recreate(None))]
