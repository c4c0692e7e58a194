"""The search index's own table, which depends on the database: FTS5 on SQLite, a tsvector with a
GIN index on PostgreSQL (helpcenter.search.sqlite and .postgresql read and write them)."""

from django.db import migrations

SCHEMA = {
    "sqlite": (
        "CREATE VIRTUAL TABLE helpcenter_search_fts USING fts5(title, description, body, "
        "tokenize = 'unicode61 remove_diacritics 2')",
    ),
    "postgresql": (
        # No foreign key: the index is replaced whole with its entries, and a key would stop
        # Django from emptying the entries' table (TRUNCATE) in tests.
        "CREATE TABLE helpcenter_search_pg (entry_id bigint PRIMARY KEY, document tsvector NOT NULL)",
        "CREATE INDEX helpcenter_search_pg_document ON helpcenter_search_pg USING gin (document)",
    ),
}
DROP = {
    "sqlite": ("DROP TABLE helpcenter_search_fts",),
    "postgresql": ("DROP TABLE helpcenter_search_pg",),
}


def _run(statements, schema_editor):
    for statement in statements.get(schema_editor.connection.vendor, ()):
        schema_editor.execute(statement)


def create_index(apps, schema_editor):
    _run(SCHEMA, schema_editor)
    # The one row the index's state lives in, locked while rebuilding.
    apps.get_model("helpcenter", "SearchIndexState").objects.get_or_create(pk=1)


def drop_index(apps, schema_editor):
    _run(DROP, schema_editor)


class Migration(migrations.Migration):
    dependencies = [("helpcenter", "0001_initial")]

    operations = [migrations.RunPython(create_index, drop_index)]
