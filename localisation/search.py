"""Wagtail's database search backend with per-language stemming on PostgreSQL.

Wagtail's database backend has one text-search configuration (``SEARCH_CONFIG``) for every
object (wagtail#9253), so French pages would be stemmed as English. On PostgreSQL this backend
indexes each translatable object with the configuration of its locale's language (``french``
for French pages) and searches with the configurations of every configured language at once
(``to_tsquery('english', q) || to_tsquery('french', q)``), so a query matches each page as
stemmed in its own language; listings then keep the locale they list. Other databases get
Wagtail's database backend unchanged (on SQLite, FTS5 stems with
the porter tokenizer: ``search_tuning`` migration 0002).

``WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "localisation.search", ...}}``. A language
without a PostgreSQL configuration in ``search_tuning.config`` is indexed with ``simple`` (no
stemming); objects without a locale with ``SEARCH_CONFIG``.
"""

from functools import cache, reduce

from django.db import connection
from wagtail.models import Locale
from wagtail.search.backends.database import SearchBackend as DatabaseSearchBackend

from search_tuning.config import DEFAULT_CONFIGS, config_for_language, language_configs

__all__ = ["DEFAULT_CONFIGS", "SearchBackend", "config_for_language", "language_configs"]


def SearchBackend(params):  # noqa: N802 - the name Wagtail looks up in a backend module
    if connection.vendor != "postgresql":
        return DatabaseSearchBackend(params)
    return _postgres_backend_class()(params)


@cache
def _postgres_backend_class():
    from modelsearch.backends.database.postgres.postgres import (
        PostgresIndex,
        PostgresSearchBackend,
        PostgresSearchQueryCompiler,
    )

    class ConfigView:
        """The backend as ``ObjectIndexer`` sees it, with another text-search configuration."""

        def __init__(self, backend, config):
            self._backend = backend
            self.config = config

        def __getattr__(self, name):
            return getattr(self._backend, name)

    class LocalisedIndex(PostgresIndex):
        def add_items(self, model, objs):
            """Index each object with its own language's configuration."""
            codes = dict(Locale.objects.values_list("pk", "language_code"))
            groups = {}
            for obj in objs:
                code = codes.get(getattr(obj, "locale_id", None))
                config = config_for_language(code) if code else self.backend.config
                groups.setdefault(config, []).append(obj)
            backend = self.backend
            for config, group in groups.items():
                self.backend = ConfigView(backend, config)
                try:
                    super().add_items(model, group)
                finally:
                    self.backend = backend

    class LocalisedQueryCompiler(PostgresSearchQueryCompiler):
        def build_tsquery(self, query, config=None):
            """The query in every language's configuration, OR-ed."""
            queries = []
            for each in dict.fromkeys([config, *language_configs()]):
                built = super().build_tsquery(query, config=each)
                if built is not None:
                    queries.append(built)
            return reduce(lambda a, b: a | b, queries) if queries else None

    class LocalisedPostgresSearchBackend(PostgresSearchBackend):
        query_compiler_class = LocalisedQueryCompiler
        index_class = LocalisedIndex

    return LocalisedPostgresSearchBackend
