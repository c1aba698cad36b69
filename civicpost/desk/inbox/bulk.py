"""Writing many messages at once, as plain rows.

A storm on a council's page is a hundred thousand comments in an evening. The ORM's
``bulk_create`` builds a model instance and compiles every value of every row into SQL, about a
millisecond a message, longer than the triage itself; this writes the same rows with one
``executemany`` of one statement. Values are adapted by the database backend's own operations
(date-times, JSON), so what lands is what the ORM would have written, and a message already
stored (the same channel and platform id, raced in by another worker) is left as it is.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django.db import connection, models
from django.utils import timezone

from civicpost.desk.inbox.models import Message


class MessageRows:
    def __init__(self) -> None:
        self.fields = [f for f in Message._meta.concrete_fields if not f.primary_key]
        ops = connection.ops
        self.adapters: dict[str, Any] = {}
        for field in self.fields:
            if isinstance(field, models.JSONField):
                self.adapters[field.attname] = self._json_adapter(field.encoder)
            elif isinstance(field, models.DateTimeField):
                self.adapters[field.attname] = ops.adapt_datetimefield_value
        self.defaults = {f.attname: self._adapt(f.attname, f.get_default()) for f in self.fields}
        columns = ", ".join(ops.quote_name(f.column) for f in self.fields)
        placeholders = ", ".join(["%s"] * len(self.fields))
        self.sql = (f"INSERT INTO {ops.quote_name(Message._meta.db_table)} ({columns}) "
                    f"VALUES ({placeholders}) ON CONFLICT DO NOTHING")

    @staticmethod
    def _json_adapter(encoder: Any) -> Any:
        def adapt(value: Any) -> Any:
            return None if value is None else connection.ops.adapt_json_value(value, encoder)
        return adapt

    def _adapt(self, name: str, value: Any) -> Any:
        adapter = self.adapters.get(name)
        return value if adapter is None else adapter(value)

    def insert(self, rows: Iterable[Mapping[str, Any]]) -> None:
        """Insert rows given as {field attname: value}; fields left out take their defaults."""
        now = timezone.now()
        defaults = {**self.defaults, "created": self._adapt("created", now),
                    "updated": self._adapt("updated", now)}
        plan = [(f.attname, self.adapters.get(f.attname), defaults[f.attname]) for f in self.fields]
        values = []
        for row in rows:
            values.append(tuple(
                default if name not in row else (row[name] if adapt is None else adapt(row[name]))
                for name, adapt, default in plan))
        if values:
            with connection.cursor() as cursor:
                cursor.executemany(self.sql, values)
