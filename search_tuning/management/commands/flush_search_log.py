"""Write the searches buffered in the shared cache into the query log (cron, every minute).

Searches are counted in the cache (search_tuning.promotions.record_search) so that a listing
served from the cache makes no query; this command, a search that finds the buffer full or old,
and the "Searches with no results" report write them to the database.
"""

from django.core.management.base import BaseCommand

from search_tuning.promotions import flush_search_log


class Command(BaseCommand):
    help = "Write the searches buffered in the cache into the query log and the misses report."

    def handle(self, *args, **options):
        written = flush_search_log()
        if options["verbosity"] > 1 or (written and options["verbosity"]):
            self.stdout.write(f"{written} searches written to the query log.")
