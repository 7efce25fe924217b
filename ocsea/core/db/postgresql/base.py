"""PostgreSQL with a client-side deadline on every wait for the server.

PostgreSQL's own ``statement_timeout`` stops slow queries, but a server that is hung (paused,
swapping, a dead network path with the kernel still acknowledging) never answers at all, and
psycopg would wait for ever. This backend bounds each wait for the server: a query waits
``OCSEA_DATABASE_STATEMENT_TIMEOUT`` plus a margin, the health check run at the start of a
request that reuses a connection ``HEALTH_CHECK_TIMEOUT``; past that the connection is dropped
and Django sees an ``OperationalError`` (a 503 page for the visitor). ``0`` disables it
(management commands, see manage.py).
"""

import functools
import logging

from django.conf import settings
from django.db.backends.postgresql import base
from psycopg import errors

logger = logging.getLogger(__name__)

# Seconds the server may take beyond statement_timeout to report the cancelled statement.
MARGIN = 0.5
HEALTH_CHECK_TIMEOUT = 1.0


class DatabaseWrapper(base.DatabaseWrapper):
    def get_new_connection(self, conn_params):
        connection = super().get_new_connection(conn_params)
        timeout = settings.OCSEA_DATABASE_STATEMENT_TIMEOUT
        if timeout:
            bound_wait(connection, timeout + MARGIN)
        return connection

    def is_usable(self):
        timeout = settings.OCSEA_DATABASE_STATEMENT_TIMEOUT
        if self.connection is None or not timeout:
            return super().is_usable()
        bound_wait(self.connection, HEALTH_CHECK_TIMEOUT)
        try:
            return super().is_usable()
        finally:
            bound_wait(self.connection, timeout + MARGIN)


def bound_wait(connection, seconds):
    """Make every wait of ``connection`` for the server give up after ``seconds``."""
    wait = getattr(connection, "_unbounded_wait", connection.wait)
    connection._unbounded_wait = wait

    @functools.wraps(wait)
    def bounded(gen, interval=0.1, timeout=None):
        try:
            return wait(gen, interval=interval, timeout=timeout or seconds)
        except errors._WaitTimeout:
            logger.error(
                "PostgreSQL did not answer within %.1f s: dropping the connection", seconds
            )
            connection.pgconn.finish()
            raise errors.OperationalError(
                f"the database server did not answer within {seconds:.1f} s"
            ) from None

    connection.wait = bounded
