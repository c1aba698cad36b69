"""The council's own social media accounts (the register Loughton §3 and Ludgershall §6 ask for)."""

from __future__ import annotations

from django.db import models


class Platform(models.TextChoices):
    MANUAL = "manual", "Posted by hand (manual)"
    BLUESKY = "bluesky", "Bluesky"
    MASTODON = "mastodon", "Mastodon"
    FACEBOOK = "facebook", "Facebook Page"
    X = "x", "X (Twitter)"
    INSTAGRAM = "instagram", "Instagram"


class ChannelAccount(models.Model):
    council = models.ForeignKey("councils.Council", on_delete=models.CASCADE, related_name="channels")
    platform = models.CharField(max_length=20, choices=Platform.choices)
    name = models.CharField(max_length=200, help_text="How the council knows it, e.g. 'Facebook page'.")
    handle = models.CharField(max_length=200, blank=True)
    url = models.URLField(blank=True)
    registered_email = models.EmailField(
        blank=True, help_text="The council e-mail address the account is registered with.")
    administered_by = models.CharField(max_length=300, blank=True)
    admin_via_personal_profile = models.BooleanField(
        default=False, help_text="A Facebook page run through personal profiles: the one exception "
                                 "Ludgershall §6 allows.")
    two_factor_enabled = models.BooleanField(default=False)
    credentials_changed = models.DateField(null=True, blank=True)
    credentials = models.TextField(blank=True, help_text="Encrypted; never shown in a page.")
    platform_settings = models.JSONField(
        default=dict, blank=True,
        help_text="What the platform's connector needs besides credentials: the Mastodon server, "
                  "the Facebook page id, the Bluesky service.")
    fetch_cursor = models.CharField(max_length=500, blank=True)
    active = models.BooleanField(default=True)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["council", "platform", "name"]

    def __str__(self) -> str:
        handle = f" {self.handle}" if self.handle else ""
        return f"{self.name}{handle} ({self.get_platform_display()})"

    @property
    def is_manual(self) -> bool:
        return self.platform == Platform.MANUAL


class ChannelAdministrator(models.Model):
    """Who administers a channel account, and how (Loughton §3: business accounts only, staff
    never hold a personal login to them; Ludgershall §6: a service Facebook page administered
    from personal Facebook profiles is the one permitted exception)."""

    class How(models.TextChoices):
        CIVICPOST = "civicpost", "Through civicpost only (the server holds the credentials)"
        ACCOUNT_LOGIN = "account-login", "The account's own login, kept by the Clerk"
        PERSONAL_PROFILE = "personal-profile", "A page role given to a personal Facebook profile"
        OTHER = "other", "Another way"

    channel = models.ForeignKey(ChannelAccount, on_delete=models.CASCADE, related_name="administrators")
    name = models.CharField(max_length=200)
    how = models.CharField(max_length=20, choices=How.choices)
    profile = models.CharField(max_length=300, blank=True,
                               help_text="The personal profile's name or address, for a page role.")
    since = models.DateField(null=True, blank=True)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["channel", "name"]

    def __str__(self) -> str:
        return f"{self.name} ({self.get_how_display()})"

    @property
    def permitted_exception(self) -> bool:
        return self.how == self.How.PERSONAL_PROFILE
