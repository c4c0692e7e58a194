from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from helpcenter.models import Event


class Command(BaseCommand):
    help = (
        "Deletes the anonymous events older than HELPCENTER_EVENT_RETENTION_DAYS (or --days). "
        "Run it daily, for example from cron."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--days", type=int, help="keep this many days instead of the setting")
        parser.add_argument(
            "--dry-run", action="store_true", help="only say how many would be deleted"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        days = (
            options["days"]
            if options["days"] is not None
            else settings.HELPCENTER_EVENT_RETENTION_DAYS
        )
        if days < 1:
            raise CommandError(f"--days must be 1 or more (got {days}).")
        old = Event.objects.filter(created_at__lt=timezone.now() - timedelta(days=days))
        if options["dry_run"]:
            self.stdout.write(f"{old.count()} events are older than {days} days.")
            return
        deleted, _by_model = old.delete()
        self.stdout.write(f"Deleted {deleted} events older than {days} days.")
