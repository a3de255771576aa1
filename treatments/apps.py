from django.apps import AppConfig


class TreatmentsConfig(AppConfig):
    name = "treatments"
    label = "treatments"
    verbose_name = "Treatments"
