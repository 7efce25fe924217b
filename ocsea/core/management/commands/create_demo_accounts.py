from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from ocsea.core.demo import DEMO_ACCOUNTS


class Command(BaseCommand):
    help = "Create the demo accounts with their documented passwords (development only)."

    def handle(self, *args, **options):
        if not settings.OCSEA_DEMO_ACCOUNTS_ALLOWED:
            raise CommandError("Demo accounts are disabled with these settings.")
        from django.contrib.auth.models import Group

        from editorial.setup import setup_editorial

        setup_editorial()  # the groups the accounts join (idempotent)

        user_model = get_user_model()
        self.stdout.write("Demo accounts (development only):")
        for account in DEMO_ACCOUNTS:
            user, _created = user_model.objects.get_or_create(username=account["username"])
            user.set_password(account["password"])
            user.is_superuser = user.is_staff = account["superuser"]
            user.email = f"{account['username']}@example.org"
            user.save()
            user.groups.set(Group.objects.filter(name__in=account["groups"]))
            role = "Administrator" if account["superuser"] else ", ".join(account["groups"])
            self.stdout.write(f"  {account['username']:<12} {account['password']:<22} {role}")
