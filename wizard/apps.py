from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WizardConfig(AppConfig):
    name = "wizard"
    verbose_name = _("Troubleshooting wizard")

    def ready(self) -> None:
        from wizard import checks  # noqa: F401  (registers the flow check)
