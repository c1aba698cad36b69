"""The archive's search: posts with any version whose text contains the words asked for.

Any version counts, so a phrase edited out before publishing is still found. On SQLite the
phrase is looked up in the trigram index of migration 0005, which matches a piece of text
anywhere, ignoring case, exactly as the plain substring match does but without reading every
version. Shorter than three characters, or on another database, it is the plain match.
"""

from __future__ import annotations

from django.db import connection
from django.db.models import Exists, OuterRef, QuerySet
from django.db.models.expressions import RawSQL

from civicpost.desk.posts.models import PostVersion

TRIGRAM = 3  # the index's pieces: a shorter phrase has none to look up
INDEX = "posts_postversion_search"


def containing(posts: QuerySet, phrase: str) -> QuerySet:  # type: ignore[type-arg]
    if connection.vendor == "sqlite" and len(phrase) >= TRIGRAM:
        # FTS5 query syntax: one quoted string is one phrase; a quote inside it is doubled.
        quoted = '"' + phrase.replace('"', '""') + '"'
        matched = RawSQL(f"SELECT v.post_id FROM posts_postversion v JOIN {INDEX} s ON s.rowid = v.id "
                         f"WHERE {INDEX} MATCH %s", [quoted])
        return posts.filter(pk__in=matched)
    return posts.filter(Exists(PostVersion.objects.filter(post=OuterRef("pk"), text__icontains=phrase)))
