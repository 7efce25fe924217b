"""Fill a separate database with synthetic practices for benchmarks (never loaded by make run)."""

import random

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.db.models.signals import post_save
from django.utils import timezone
from modelsearch.signal_handlers import post_save_signal_handler
from wagtail.models import Locale
from wagtail.signal_handlers import disable_reference_index_auto_update

from countries.models import Country
from practices.models import PracticeIndexPage, PracticePage, PracticeSource
from taxonomy.models import Capability, Theme, TreatyArticle

WORDS = (
    "child protection online safety helpline hotline police prosecutor victim support "
    "awareness campaign training school parents grooming abuse material reporting network "
    "multi-agency interview justice therapy prevention offender research monitoring "
    "legislation cooperation international national regional programme service centre "
    "platform industry education youth participation guidance evidence investigation"
).split()


def sentence(rng, words):
    return " ".join(rng.choice(WORDS) for _ in range(words)).capitalize() + "."


class Command(BaseCommand):
    help = "Create N synthetic practices (titles start 'Synthetic practice') for benchmarking."

    def add_arguments(self, parser):
        parser.add_argument("--count", type=int, required=True)
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument(
            "--allow-default-database",
            action="store_true",
            help="Refuse by default: synthetic content must not pollute the real database.",
        )

    def handle(self, *args, count, seed, allow_default_database, **options):
        name = str(connection.settings_dict["NAME"])
        if name.endswith("db.sqlite3") and not allow_default_database:
            raise CommandError("Point DATABASE_URL at a separate database for synthetic content.")
        locale = Locale.get_default()
        index = PracticeIndexPage.objects.filter(locale=locale).first()
        if index is None:
            raise CommandError("Run load_content first: there is no practice index.")
        rng = random.Random(seed)
        countries = list(Country.objects.filter(locale=locale))
        capabilities = list(Capability.objects.filter(locale=locale))
        articles = list(TreatyArticle.objects.filter(locale=locale))
        themes = list(Theme.objects.filter(locale=locale))
        existing = PracticePage.objects.filter(title__startswith="Synthetic practice").count()
        # Pages go in live without revisions and are indexed in one batch at the end: per-page
        # search and reference indexing would make a 10,000-page corpus take an hour.
        post_save.disconnect(post_save_signal_handler, sender=PracticePage)
        try:
            with disable_reference_index_auto_update():
                self.create(index, rng, existing, count, countries, capabilities, articles, themes)
        finally:
            post_save.connect(post_save_signal_handler, sender=PracticePage)
        call_command("update_index", verbosity=0)
        self.stdout.write(self.style.SUCCESS(f"{count} synthetic practices added."))

    def create(self, index, rng, existing, count, countries, capabilities, articles, themes):
        now = timezone.now()
        for number in range(existing, existing + count):
            page = PracticePage(
                title=f"Synthetic practice {number:05d}: {sentence(rng, 4)[:-1]}",
                slug=f"synthetic-practice-{number:05d}",
                summary=" ".join(sentence(rng, rng.randint(12, 25)) for _ in range(3)),
                body=[("paragraph", f"<p>{sentence(rng, 60)}</p>")],
                search_description="Synthetic benchmark content.",
                live=True,
                first_published_at=now,
                last_published_at=now,
                last_reviewed=now.date(),
            )
            page.countries.set(rng.sample(countries, rng.randint(1, 4)))
            page.capabilities.set(rng.sample(capabilities, rng.randint(1, 3)))
            page.treaty_articles.set(rng.sample(articles, rng.randint(1, 3)))
            page.themes.set(rng.sample(themes, 1))
            page.tags.set(rng.sample(WORDS, 2))
            page.sources = [PracticeSource(label="Synthetic source")]
            with transaction.atomic():
                index.add_child(instance=page)
            index.refresh_from_db()
            if (number + 1) % 1000 == 0:
                self.stdout.write(f"{number + 1} synthetic practices")
