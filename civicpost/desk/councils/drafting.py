"""Who may draft council posts now, beyond their role."""

from __future__ import annotations

from civicpost.desk.councils.models import Membership, Role


def why_not(membership: Membership) -> str:
    """Loughton §3: a partner organisation acting for the council must sign and agree to the
    policy before it drafts anything. Returns the reason it may not draft, or ''."""
    if membership.role != Role.PARTNER:
        return ""
    from civicpost.desk.policies.models import Acknowledgement, current_version

    try:
        version = current_version(membership.council)
    except LookupError:
        return "The council has no policy yet"
    signed = Acknowledgement.objects.filter(policy_version=version, user=membership.user,
                                            document=Acknowledgement.Document.POLICY).exists()
    if signed:
        return ""
    return ("Partner organisations must sign and agree to the council's social media policy "
            f"(version {version.number}) before drafting posts")
