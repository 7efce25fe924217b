#!/usr/bin/env python
import os
import sys

if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ocsea.settings.dev")
    # Migrations and loaders may run long statements; web requests are bounded (see .env.example).
    os.environ.setdefault("OCSEA_DATABASE_STATEMENT_TIMEOUT", "0")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)
