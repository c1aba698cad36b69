"""The audit trail is append-only and hash-chained: any change, removal or insertion is found,
and `civicpost audit verify` names the first broken link."""

from __future__ import annotations

import io
import json

import pytest
from django.db import connection, transaction
from django.db.utils import DatabaseError

from civicpost.cli import main
from civicpost.desk.audit import log
from civicpost.desk.audit.models import AuditEvent

from .conftest import Town, draft, signed_in


def _events(town: Town, n: int = 4) -> list[AuditEvent]:
    for i in range(n):
        draft(town, f"Parish notice number {i}")
    return list(AuditEvent.objects.filter(chain=log.chain_key(town.council)).order_by("position"))


def _raw(sql: str, params: list) -> None:
    # Tampering as someone with database access would: around the triggers, straight to the table.
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("DROP TRIGGER IF EXISTS audit_event_no_update")
            cursor.execute("DROP TRIGGER IF EXISTS audit_event_no_delete")
            cursor.execute(sql, params)
        else:
            # A database superuser can switch triggers off for the session; the chain still tells.
            cursor.execute("SET session_replication_role = replica")
            cursor.execute(sql, params)
            cursor.execute("SET session_replication_role = origin")


def test_an_intact_chain_verifies(loughton: Town) -> None:
    events = _events(loughton)
    result = log.verify()
    assert result.ok and result.events >= len(events)
    assert [e.position for e in events] == list(range(1, len(events) + 1))
    links = zip(events, events[1:], strict=False)
    assert all(later.previous_hash == earlier.hash for earlier, later in links)


def test_changing_an_event_is_found_at_that_event(loughton: Town) -> None:
    events = _events(loughton)
    _raw("UPDATE audit_auditevent SET summary = %s WHERE id = %s", ["Nothing happened", events[2].pk])
    result = log.verify()
    assert not result.ok
    assert result.broken.position == 3 and "changed" in result.broken.reason


def test_removing_an_event_is_found(loughton: Town) -> None:
    events = _events(loughton)
    _raw("DELETE FROM audit_auditevent WHERE id = %s", [events[1].pk])
    result = log.verify()
    assert not result.ok and result.broken.position == 2 and "missing" in result.broken.reason


def test_removing_the_latest_events_is_found(loughton: Town) -> None:
    events = _events(loughton)
    _raw("DELETE FROM audit_auditevent WHERE id = %s", [events[-1].pk])
    result = log.verify()
    assert not result.ok and "removed" in result.broken.reason


def test_the_database_refuses_to_change_an_event(loughton: Town) -> None:
    if connection.vendor == "sqlite":
        # Page tests lift SQLite's triggers to flush their rows; put back what the migration made.
        from importlib import import_module

        migration = import_module("civicpost.desk.audit.migrations.0002_append_only")
        with connection.cursor() as cursor:
            for statement in migration.SQLITE:
                cursor.execute(statement.replace("CREATE TRIGGER", "CREATE TRIGGER IF NOT EXISTS"))
    events = _events(loughton, 1)
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE audit_auditevent SET summary = 'x' WHERE id = %s", [events[0].pk])
    with pytest.raises(PermissionError):
        events[0].save()
    with pytest.raises(PermissionError):
        events[0].delete()


def test_verify_and_export_from_the_command_line(loughton: Town, capsys) -> None:
    events = _events(loughton)
    assert main(["audit", "verify"]) == 0
    assert "intact" in capsys.readouterr().out
    assert main(["audit", "export", "--council", "loughton"]) == 0
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [e["hash"] for e in lines[:len(events)]] == [e.hash for e in events]
    assert lines[-1]["action"] == "audit.exported"
    _raw("UPDATE audit_auditevent SET details = %s WHERE id = %s", ['{"verdict": "clear"}', events[0].pk])
    assert main(["audit", "verify"]) == 1
    out = capsys.readouterr().out
    assert "BROKEN" in out and f"council-{loughton.council.pk}, event 1" in out


def test_every_change_of_a_day_at_the_desk_is_in_the_trail(loughton: Town) -> None:
    officer = signed_in(loughton.officer)
    officer.post("/posts/new", {"text": "Allotment open day", "post_type": "promotion", "kind": "post",
                                "channels": [str(loughton.channel.pk)], "action": "submit"})
    clerk = signed_in(loughton.clerk)
    clerk.post("/settings/pause", {"action": "pause", "reason": "Storm Darragh"})
    clerk.post("/settings/pause", {"action": "resume"})
    from civicpost.desk.councils.models import Membership

    member = Membership.objects.get(user=loughton.officer2)
    clerk.post(f"/settings/people/{member.pk}", {"role": "officer", "may_approve": "on", "active": "on"})
    clerk.get("/audit/export.jsonl")
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {"user.signed-in", "user.two-factor-verified", "post.drafted", "post.submitted",
            "council.publishing-paused", "council.publishing-resumed", "council.role-changed",
            "audit.exported"} <= actions
    assert log.verify().ok


def test_the_export_is_valid_json_lines(loughton: Town) -> None:
    _events(loughton, 2)
    out = io.StringIO()
    count = log.export(out, loughton.council)
    rows = [json.loads(line) for line in out.getvalue().splitlines()]
    assert len(rows) == count and all(len(r["hash"]) == 64 for r in rows)
