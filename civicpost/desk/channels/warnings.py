"""What is wrong with a channel account's registration, in words for the Clerk: an account not
registered to a council address, without two-factor sign-in, or whose credentials have not been
changed for over a year."""

from __future__ import annotations

import datetime as dt

from civicpost.desk.channels.models import ChannelAccount

CREDENTIALS_STALE_AFTER = dt.timedelta(days=365)
FACEBOOK_ONLY = frozenset({"bluesky", "mastodon", "x", "instagram"})


def on_council_domain(email: str, domain: str) -> bool:
    email_domain = email.rsplit("@", 1)[-1].strip().lower() if "@" in email else ""
    domain = domain.strip().lower()
    return bool(email_domain) and (email_domain == domain or email_domain.endswith("." + domain))


def problems(channel: ChannelAccount, council_domain: str, today: dt.date) -> list[str]:
    found = []
    if not channel.registered_email:
        found.append("no council e-mail address recorded for it")
    elif not on_council_domain(channel.registered_email, council_domain):
        found.append(f"registered to {channel.registered_email}, not a council address (@{council_domain})")
    if not channel.two_factor_enabled:
        found.append("two-factor sign-in is off")
    if channel.credentials_changed is None:
        found.append("no change of its password or credentials recorded")
    elif today - channel.credentials_changed > CREDENTIALS_STALE_AFTER:
        found.append(f"credentials unchanged since {channel.credentials_changed:%d %B %Y}, over a year")
    return found
