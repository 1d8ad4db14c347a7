from django.apps import AppConfig


class WksbmConfig(AppConfig):
    name = "wksbm"
    verbose_name = "WKSBM Admin (inti)"
