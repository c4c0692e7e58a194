from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from helpcenter.content import get_library
from helpcenter.models import SearchEntry
from helpcenter.search import rebuild_index


class Command(BaseCommand):
    help = (
        "Rebuilds the search index from the content. Searches also rebuild it on their own when "
        "the content version changes; this is for a deploy script, or after repairing the index."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        rebuild_index(force=True)
        self.stdout.write(
            f"Search index built from content version {get_library().version}: "
            f"{SearchEntry.objects.count()} pages."
        )
