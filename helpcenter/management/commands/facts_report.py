"""`manage.py facts_report`: the facts to re-check, and where each one is used.

Lists the facts not verified in the last 180 days (or --days), the inferred ones, the ones where
Microsoft's pages disagree, and the vendor's facts nobody has confirmed yet; under each, the pages,
outcomes and emails that show it. What a content owner re-checks when Microsoft renames a menu.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from helpcenter.content import get_library
from helpcenter.content.facts import CONFLICTING, INFERRED, UNCONFIRMED, Fact
from helpcenter.content.usage import fact_uses

STALE_AFTER_DAYS = 180


class Command(BaseCommand):
    help = (
        "Facts not verified lately, inferred, conflicting or unconfirmed, and where each is used."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--days",
            type=int,
            default=STALE_AFTER_DAYS,
            help=f"a fact verified longer ago than this is listed (default {STALE_AFTER_DAYS})",
        )
        parser.add_argument(
            "--today", type=date.fromisoformat, default=None, help="the date to count from"
        )

    def handle(self, *args: Any, days: int, today: date | None, **options: Any) -> None:
        library = get_library()
        uses = fact_uses(library)
        entries = list(library.facts.entries())
        since = (today or date.today()) - timedelta(days=days)
        sections = (
            (
                f"Not verified since {since.isoformat()} ({days} days)",
                [e for e in entries if e[2].verified is not None and e[2].verified < since],
            ),
            ("Inferred (pages say “usually”)", [e for e in entries if e[2].status == INFERRED]),
            (
                "Conflicting (Microsoft’s pages differ)",
                [e for e in entries if e[2].status == CONFLICTING],
            ),
            (
                "Unconfirmed (the vendor must confirm)",
                [e for e in entries if e[2].status == UNCONFIRMED],
            ),
        )
        for title, found in sections:
            self.stdout.write(self.style.MIGRATE_HEADING(f"{title}: {len(found)}"))
            for table, key, fact in found:
                self.stdout.write(f"  {table}.{key}  {_checked(fact)}")
                places = uses.get((table, key), [])
                self.stdout.write(f"    used by: {', '.join(places) if places else 'nothing'}")
        unused = [f"{table}.{key}" for table, key, _fact in entries if (table, key) not in uses]
        self.stdout.write(self.style.MIGRATE_HEADING(f"Not used anywhere: {len(unused)}"))
        for name in unused:
            self.stdout.write(f"  {name}")


def _checked(fact: Fact) -> str:
    parts = [f"verified {fact.verified.isoformat()}" if fact.verified else "never verified"]
    parts += [url for url in (fact.source, fact.other_source) if url]
    return "  ".join(parts)
