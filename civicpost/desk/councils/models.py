"""A council, and who works for it in which role."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class Role(models.TextChoices):
    CLERK = "clerk", "Town Clerk"
    OFFICER = "officer", "Officer"
    COUNCILLOR = "councillor", "Councillor"
    PARTNER = "partner", "Partner organisation"
    AUDITOR = "auditor", "Auditor (read only)"


STAFF_ROLES = frozenset({Role.CLERK, Role.OFFICER})
DRAFTING_ROLES = frozenset({Role.CLERK, Role.OFFICER, Role.PARTNER})


class Council(models.Model):
    """One town or parish council: its policy, contacts, working rules and publishing switch."""

    name = models.CharField(max_length=200)
    slug = models.SlugField(unique=True)
    email_domain = models.CharField(
        max_length=200, help_text="Staff sign in only with an address at this domain (Loughton §3).")
    office_phone = models.CharField(max_length=40, blank=True)
    public_contacts = models.TextField(
        blank=True, help_text="The council's own phone numbers and e-mail addresses, one a line: "
                              "never reported as personal data.")
    controversial_issues = models.TextField(
        blank=True, help_text="Local controversial issues, one a line: no publicity on them in a "
                              "pre-election period.")
    approval_valid_hours = models.PositiveIntegerField(default=72)
    replies_need_approval = models.BooleanField(default=True)
    publishing_paused = models.BooleanField(default=False)
    paused_reason = models.TextField(blank=True)
    paused_at = models.DateTimeField(null=True, blank=True)
    paused_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                  on_delete=models.SET_NULL, related_name="+")
    is_demo = models.BooleanField(default=False)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def contact_lines(self) -> list[str]:
        lines = [line.strip() for line in self.public_contacts.splitlines() if line.strip()]
        if self.office_phone:
            lines.append(self.office_phone)
        lines.append(self.email_domain)
        return lines

    def issue_lines(self) -> list[str]:
        return [line.strip() for line in self.controversial_issues.splitlines() if line.strip()]


class Membership(models.Model):
    """A person's role at one council. A Clerk who serves two parishes has two memberships."""

    council = models.ForeignKey(Council, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="memberships")
    role = models.CharField(max_length=20, choices=Role.choices)
    organisation = models.CharField(max_length=200, blank=True,
                                    help_text="For a partner: the organisation acting for the council.")
    may_approve = models.BooleanField(
        default=False, help_text="An officer the Clerk has delegated approval to.")
    active = models.BooleanField(default=True)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["council", "user"], name="one_role_per_council")]
        ordering = ["council", "role", "user__name"]

    def __str__(self) -> str:
        return f"{self.user} ({self.get_role_display()}, {self.council})"

    @property
    def is_clerk(self) -> bool:
        return self.role == Role.CLERK

    @property
    def is_staff_role(self) -> bool:
        return self.role in STAFF_ROLES

    @property
    def can_draft(self) -> bool:
        return self.role in DRAFTING_ROLES

    @property
    def can_approve(self) -> bool:
        return self.active and (self.role == Role.CLERK or (self.role == Role.OFFICER and self.may_approve))

    @property
    def read_only(self) -> bool:
        return self.role == Role.AUDITOR
