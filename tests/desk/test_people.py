"""The register of people: members and people without a sign-in, who has acknowledged the policy
and the Code of Conduct, signed paper copies, reminders by e-mail (by hand and weekly), and the
register feeding the checks (a councillor's name the PO rules know)."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from civicpost.desk.audit.models import AuditEvent
from civicpost.desk.elections.models import Election, Kind
from civicpost.desk.jobs.worker import tick
from civicpost.desk.people import reminders, services
from civicpost.desk.people.models import Person, ReminderSchedule
from civicpost.desk.people.register import everyone, outstanding
from civicpost.desk.policies import services as policies
from civicpost.desk.posts.checking import check_text

from .conftest import Town, signed_in

PRAISE = "Huge thanks to Jane Moss, who fought hard for the new play area on Roding Road."


def codes(council, text: str, when: dt.datetime | None = None) -> set[str]:
    return {f.code for f in check_text(council, text, role="officer", when=when).report.findings}


def in_a_period(town: Town) -> dt.datetime:
    poll = dt.date.today() + dt.timedelta(days=70)
    Election.objects.create(council=town.council, kind=Kind.BY_ELECTION, name="Roding ward by-election",
                            poll=poll)
    return timezone.make_aware(dt.datetime.combine(poll - dt.timedelta(days=3), dt.time(9)))


def test_the_register_lists_members_and_people_without_a_sign_in(loughton: Town) -> None:
    clerk = signed_in(loughton.clerk)
    response = clerk.post("/people/add", {"name": "Jane Moss", "role": "councillor", "email": ""})
    assert response.status_code == 302
    page = clerk.get("/people/").content.decode()
    for name in ("Jane Moss", "Cllr Carol Penn", "Pat Partner", "Olive Officer"):
        assert name in page
    jane = next(e for e in everyone(loughton.council) if e.name == "Jane Moss")
    assert not jane.signs_in and jane.missing == ["policy", "code-of-conduct"]
    assert AuditEvent.objects.filter(action="people.person-added", council=loughton.council).exists()


def test_a_councillor_without_a_sign_in_is_known_to_the_po_rules(loughton: Town) -> None:
    when = in_a_period(loughton)
    assert "PO003" not in codes(loughton.council, PRAISE, when)  # no title, not in the register
    services.add_person(loughton.council, loughton.clerk, name="Jane Moss", role="councillor")
    assert "PO003" in codes(loughton.council, PRAISE, when)
    person = Person.objects.get(name="Jane Moss")
    services.update_person(person, loughton.clerk, {"active": False})  # she stood down
    assert "PO003" not in codes(loughton.council, PRAISE, when)


def test_a_person_who_signs_in_is_not_added_twice(loughton: Town) -> None:
    response = signed_in(loughton.clerk).post("/people/add", {
        "name": "Olive again", "role": "officer", "email": loughton.officer.email})
    assert response.status_code == 400 and "signs in already" in response.content.decode()


def test_a_partner_needs_its_organisation_and_bad_input_keeps_what_was_typed(loughton: Town) -> None:
    response = signed_in(loughton.clerk).post("/people/add", {"name": "Sam Lee", "role": "partner"})
    page = response.content.decode()
    assert response.status_code == 400
    assert "Name the partner organisation" in page and 'value="Sam Lee"' in page
    assert not Person.objects.filter(name="Sam Lee").exists()


def test_a_signed_paper_copy_clears_what_is_outstanding(loughton: Town) -> None:
    person = services.add_person(loughton.council, loughton.clerk, name="Jane Moss", role="councillor")
    clerk = signed_in(loughton.clerk)
    response = clerk.post(f"/people/{person.pk}", {"action": "paper", "document": "policy",
                                                   "signed_on": dt.date.today().isoformat()})
    assert response.status_code == 302
    jane = next(e for e in everyone(loughton.council) if e.person == person)
    assert jane.missing == ["code-of-conduct"]
    again = clerk.post(f"/people/{person.pk}", {"action": "paper", "document": "policy",
                                                "signed_on": dt.date.today().isoformat()})
    assert again.status_code == 400 and "recorded already" in again.content.decode()
    # A new version asks her again.
    policies.save_version(loughton.council, loughton.clerk, loughton.policy.pack_toml + "\n# v2\n", note="v2",
                          source="test")
    jane = next(e for e in everyone(loughton.council) if e.person == person)
    assert jane.missing == ["policy", "code-of-conduct"]


def test_the_clerk_sends_reminders_to_those_outstanding_only(
        loughton: Town, mailoutbox, django_capture_on_commit_callbacks) -> None:
    policies.acknowledge(loughton.council, loughton.officer, "policy")
    services.add_person(loughton.council, loughton.clerk, name="Jane Moss", role="councillor",
                        email="jane.moss@example.net")
    services.add_person(loughton.council, loughton.clerk, name="No Email", role="councillor")
    with django_capture_on_commit_callbacks(execute=True):
        response = signed_in(loughton.clerk).post("/people/acknowledgements/remind")
    assert response.status_code == 302
    reminded = {to for m in mailoutbox for to in m.to}
    assert loughton.officer.email not in reminded  # has acknowledged
    assert loughton.partner.email not in reminded  # signed in the fixture
    assert {loughton.clerk.email, loughton.officer2.email, loughton.councillor.email,
            "jane.moss@example.net"} <= reminded
    assert loughton.auditor.email not in reminded  # an auditor acknowledges nothing
    councillor_mail = next(m for m in mailoutbox if loughton.councillor.email in m.to)
    assert "Code of Conduct" in councillor_mail.body
    event = AuditEvent.objects.get(action="people.reminders-sent", council=loughton.council)
    assert sorted(event.details["to"]) == sorted(reminded)


def test_weekly_reminders_go_once_a_week_only_where_the_clerk_turned_them_on(
        loughton: Town, ludgershall: Town, mailoutbox, django_capture_on_commit_callbacks) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        assert reminders.send_weekly_reminders() == 0
    assert not mailoutbox
    signed_in(loughton.clerk).post("/people/acknowledgements/weekly", {"weekly": "on"})
    with django_capture_on_commit_callbacks(execute=True):
        done = tick()
    assert done["send_weekly_reminders"] == 1
    sent = len(mailoutbox)
    assert sent and all(ludgershall.council.name not in m.subject for m in mailoutbox)
    with django_capture_on_commit_callbacks(execute=True):
        assert reminders.send_weekly_reminders() == 0  # not again within the week
    assert len(mailoutbox) == sent
    ReminderSchedule.objects.filter(council=loughton.council).update(
        last_sent=timezone.now() - dt.timedelta(days=8))
    with django_capture_on_commit_callbacks(execute=True):
        assert reminders.send_weekly_reminders() == 1
    assert len(mailoutbox) == 2 * sent


def test_the_acknowledgements_page_shows_who_is_outstanding(loughton: Town) -> None:
    policies.acknowledge(loughton.council, loughton.councillor, "policy")
    page = signed_in(loughton.auditor).get("/people/acknowledgements").content.decode()
    outstanding_part = page.split("Acknowledged (")[0]
    assert "Cllr Carol Penn" in outstanding_part and "Members&#x27; Code of Conduct" in outstanding_part
    assert "Send reminders now" not in page  # the auditor reads only
    names = {e.name for e in outstanding(loughton.council)}
    assert "Pat Partner" not in names and "Audrey Auditor" not in names


def test_only_the_clerk_and_the_auditor_see_the_register(loughton: Town, ludgershall: Town) -> None:
    for person in (loughton.officer, loughton.councillor, loughton.partner):
        assert signed_in(person).get("/people/").status_code == 403
    auditor = signed_in(loughton.auditor)
    assert auditor.post("/people/add", {"name": "X", "role": "officer"}).status_code == 403
    theirs = services.add_person(ludgershall.council, ludgershall.clerk, name="Ian Porter", role="councillor")
    clerk = signed_in(loughton.clerk)
    assert clerk.get(f"/people/{theirs.pk}").status_code == 404
    assert "Ian Porter" not in clerk.get("/people/").content.decode()
