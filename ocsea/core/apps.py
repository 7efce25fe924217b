from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "ocsea.core"
    label = "core"
    verbose_name = "Core"
