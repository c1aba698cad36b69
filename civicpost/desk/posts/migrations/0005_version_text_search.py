"""An index of every version's text for the archive's search, on SQLite (the embedded default).

A trigram full-text index finds a phrase anywhere in a text, as the search's plain substring
match did, without reading every version of every post: at 10,000 posts the scan was most of
the archive search page's time. The index holds no copy of the text (it points at the versions
table) and triggers keep it in step with every insert, edit and delete. Other databases keep
the plain match (see ``posts.search``).
"""

from django.db import migrations

TABLE = "posts_postversion_search"

CREATE = [
    f"CREATE VIRTUAL TABLE {TABLE} USING fts5(text, content='posts_postversion', content_rowid='id', "
    "tokenize='trigram')",
    f"CREATE TRIGGER {TABLE}_insert AFTER INSERT ON posts_postversion BEGIN "
    f"INSERT INTO {TABLE}(rowid, text) VALUES (new.id, new.text); END",
    f"CREATE TRIGGER {TABLE}_delete AFTER DELETE ON posts_postversion BEGIN "
    f"INSERT INTO {TABLE}({TABLE}, rowid, text) VALUES ('delete', old.id, old.text); END",
    f"CREATE TRIGGER {TABLE}_update AFTER UPDATE OF text ON posts_postversion BEGIN "
    f"INSERT INTO {TABLE}({TABLE}, rowid, text) VALUES ('delete', old.id, old.text); "
    f"INSERT INTO {TABLE}(rowid, text) VALUES (new.id, new.text); END",
    f"INSERT INTO {TABLE}({TABLE}) VALUES ('rebuild')",
]
DROP = [f"DROP TRIGGER IF EXISTS {TABLE}_{event}" for event in ("insert", "delete", "update")] + [
    f"DROP TABLE IF EXISTS {TABLE}"]


def _on_sqlite(statements: list[str]):  # type: ignore[no-untyped-def]
    def run(apps, schema_editor):  # type: ignore[no-untyped-def]
        if schema_editor.connection.vendor != "sqlite":
            return
        for statement in statements:
            schema_editor.execute(statement)
    return run


class Migration(migrations.Migration):

    dependencies = [
        ("posts", "0004_publication_first_attempt"),
    ]

    operations = [
        migrations.RunPython(_on_sqlite(CREATE), _on_sqlite(DROP)),
    ]
