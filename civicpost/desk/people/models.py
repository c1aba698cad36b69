"""The council's registers of people: those the policy covers who have no sign-in, their signed
paper copies, the partners, suppliers and customers the council may name, and the conflicts of
interest its staff and councillors declare."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from civicpost.desk.councils.models import Role

REGISTER_ROLES = [(r.value, r.label) for r in Role if r != Role.AUDITOR]


class Person(models.Model):
    """Someone the policy covers who does not sign in to the desk, e.g. a councillor who never
    uses it: the register (and the PO rules) still know their name and role. People who sign in
    are in the register through their membership."""

    council = models.ForeignKey("councils.Council", on_delete=models.CASCADE, related_name="people")
    name = models.CharField(max_length=200)
    role = models.CharField(max_length=20, choices=REGISTER_ROLES)
    organisation = models.CharField(max_length=200, blank=True)
    email = models.EmailField(blank=True, help_text="For reminders; leave empty if they have none.")
    notes = models.CharField(max_length=300, blank=True)
    active = models.BooleanField(default=True)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["council", "role", "name"]

    def __str__(self) -> str:
        return f"{self.name} ({self.get_role_display()})"


class PaperAcknowledgement(models.Model):
    """A person without a sign-in signed a paper copy of a policy version (or of the Code of
    Conduct); the Clerk recorded it."""

    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="paper_acknowledgements")
    policy_version = models.ForeignKey("policies.PolicyVersion", on_delete=models.PROTECT, related_name="+")
    document = models.CharField(max_length=20, choices=[("policy", "Social media policy"),
                                                        ("code-of-conduct", "Members' Code of Conduct")])
    signed_on = models.DateField()
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL,
                                    related_name="+")
    recorded = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["person", "policy_version", "document"],
                                               name="paper_signed_once")]


class Organisation(models.Model):
    """A partner, supplier or customer, and whether it has approved being named in the council's
    posts (Loughton §3: "Don't cite or reference customers partners or suppliers without their
    approval"). Feeds the MN rule."""

    class Kind(models.TextChoices):
        PARTNER = "partner", "Partner"
        SUPPLIER = "supplier", "Supplier or contractor"
        CUSTOMER = "customer", "Customer"

    class Naming(models.TextChoices):
        NOT_ASKED = "not-asked", "Not asked yet"
        APPROVED = "approved", "Approved being named"
        REFUSED = "refused", "Refused"
        WITHDRAWN = "withdrawn", "Withdrew its approval"

    council = models.ForeignKey("councils.Council", on_delete=models.CASCADE, related_name="organisations")
    name = models.CharField(max_length=200)
    other_names = models.TextField(blank=True, help_text="Other names it goes by, one a line.")
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.PARTNER)
    naming = models.CharField(max_length=20, choices=Naming.choices, default=Naming.NOT_ASKED)
    naming_on = models.DateField(null=True, blank=True)
    naming_by = models.CharField(max_length=300, blank=True,
                                 help_text="Who gave or refused it, and how (an e-mail, a letter).")
    notes = models.CharField(max_length=300, blank=True)
    active = models.BooleanField(default=True)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["council", "name"]
        constraints = [models.UniqueConstraint(fields=["council", "name"], name="organisation_named_once")]

    def __str__(self) -> str:
        return self.name

    @property
    def approved(self) -> bool:
        return self.naming == self.Naming.APPROVED

    def names(self) -> list[str]:
        return [self.name, *(n.strip() for n in self.other_names.splitlines() if n.strip())]


class Conflict(models.Model):
    """Ludgershall §4: a friend request from a service user, their family or friends, or others
    such as contractors or elected members, and whether accepting it would be a conflict of
    interest: who, with whom, the nature of the connection, the decision and its date."""

    class Relationship(models.TextChoices):
        SERVICE_USER = "service-user", "A service user"
        FAMILY = "family", "A service user's family or friend"
        CONTRACTOR = "contractor", "A contractor or supplier"
        MEMBER = "member", "An elected member"
        OTHER = "other", "Someone else"

    class Decision(models.TextChoices):
        PENDING = "pending", "Waiting for a decision"
        ACCEPT = "accept", "May accept: no conflict of interest"
        CONDITIONS = "conditions", "May accept, with conditions"
        DECLINE = "decline", "Decline: it would be a conflict of interest"

    council = models.ForeignKey("councils.Council", on_delete=models.CASCADE, related_name="conflicts")
    person_name = models.CharField(max_length=200, help_text="The member of staff or councillor.")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                               related_name="+")
    with_whom = models.CharField(max_length=200)
    relationship = models.CharField(max_length=20, choices=Relationship.choices)
    platform = models.CharField(max_length=100, blank=True)
    nature = models.TextField(help_text="What the connection is.")
    requested_on = models.DateField(null=True, blank=True)
    decision = models.CharField(max_length=20, choices=Decision.choices, default=Decision.PENDING)
    decision_note = models.TextField(blank=True)
    decided_on = models.DateField(null=True, blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    declared_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL,
                                    related_name="+")
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["council", "-created"]

    def __str__(self) -> str:
        return f"{self.person_name} and {self.with_whom}"


class ReminderSchedule(models.Model):
    """Whether the worker reminds everyone who has not acknowledged the policy, once a week."""

    council = models.OneToOneField("councils.Council", on_delete=models.CASCADE, related_name="+")
    weekly = models.BooleanField(default=False)
    last_sent = models.DateTimeField(null=True, blank=True)
