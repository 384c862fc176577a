from django.apps import AppConfig


class DemoConfig(AppConfig):
    """The 2017 colloquium as demo content (``load_demo_content``) and the demo
    accounts (``create_demo_editor``). Installed in development, tests and the page
    benchmark; absent from production settings."""

    name = "demo"
    verbose_name = "Démonstration"
