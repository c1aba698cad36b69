"""The forms of a post's life. Each error message says what to do, GOV.UK style."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.utils import timezone

from civicpost.desk.posts.models import Kind, PostType

MAX_TEXT = 20_000
IMAGE_TYPES = {"image/jpeg", "image/png", "image/gif", "image/webp"}
MAX_IMAGE_BYTES = 5 * 1024 * 1024


class PostForm(forms.Form):
    text = forms.CharField(
        label="What the post says", max_length=MAX_TEXT, strip=False,
        widget=forms.Textarea(attrs={"rows": 8, "spellcheck": "true", "data-live-check": "true"}),
        error_messages={"required": "Write the text of the post",
                        "max_length": f"The post must be {MAX_TEXT:,} characters or fewer"})
    post_type = forms.ChoiceField(label="What kind of post is it?", choices=PostType.choices,
                                  initial=PostType.PROMOTION, widget=forms.RadioSelect,
                                  help_text="The uses of social media the policy allows.")
    kind = forms.ChoiceField(label="Is it new, a reply or a share?", choices=Kind.choices,
                             initial=Kind.POST, widget=forms.RadioSelect)
    in_reply_to = forms.URLField(label="Link to the post it replies to or shares (optional)",
                                 required=False, max_length=500, assume_scheme="https",
                                 error_messages={"invalid": "Enter a full link, like https://…"})
    channels = forms.MultipleChoiceField(label="Where should it go?", required=False,
                                         widget=forms.CheckboxSelectMultiple,
                                         help_text="The council's own accounts.")
    scheduled_date = forms.DateField(label="Publish on (optional)", required=False,
                                     widget=forms.DateInput(attrs={"type": "date"}),
                                     error_messages={"invalid": "Enter a real date, like 2027-04-27"})
    scheduled_time = forms.TimeField(label="At (optional)", required=False,
                                     widget=forms.TimeInput(attrs={"type": "time"}),
                                     error_messages={"invalid": "Enter a time, like 09:30"})

    def __init__(self, *args: Any, council: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["channels"].choices = [(str(c.pk), str(c))
                                           for c in council.channels.filter(active=True)]

    def clean_text(self) -> str:
        text: str = self.cleaned_data["text"]
        if "\x00" in text:
            raise forms.ValidationError("The text contains a character that cannot be posted (NUL)")
        if not text.strip():
            raise forms.ValidationError("Write the text of the post")
        return text.replace("\r\n", "\n")

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        day, time = data.get("scheduled_date"), data.get("scheduled_time")
        data["scheduled_for"] = None
        if day and not time:
            self.add_error("scheduled_time", "Enter the time to publish, or clear the date")
        elif time and not day:
            self.add_error("scheduled_date", "Enter the date to publish, or clear the time")
        elif day and time:
            when = timezone.make_aware(dt.datetime.combine(day, time))
            if when <= timezone.now() and not self.initial.get("scheduled_for") == when:
                self.add_error("scheduled_date", "The time to publish must be in the future")
            data["scheduled_for"] = when
        return data

    @property
    def channel_ids(self) -> tuple[int, ...]:
        return tuple(int(c) for c in self.cleaned_data.get("channels", []))


class ImageForm(forms.Form):
    image = forms.FileField(label="Image (optional)", required=False,
                            help_text="JPEG, PNG, GIF or WebP, up to 5 MB.")
    alt = forms.CharField(label="Alt text: describe the image for people who cannot see it",
                          required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2}),
                          help_text="Repeat any words shown in the image. Don't start with 'Image of'.")
    credit = forms.CharField(label="Who made it, or its licence", required=False, max_length=300)
    shows_people = forms.BooleanField(label="It shows people who can be recognised", required=False)
    shows_children = forms.BooleanField(label="It shows children", required=False)
    consent = forms.BooleanField(label="We have written consent from the people shown "
                                       "(a parent or guardian for children)", required=False)

    def clean_image(self) -> Any:
        image = self.cleaned_data.get("image")
        if image is None:
            return None
        if image.size > MAX_IMAGE_BYTES:
            raise forms.ValidationError("The image must be 5 MB or smaller")
        head = image.read(16)
        image.seek(0)
        kind = _sniff_image(head)
        if kind is None:
            raise forms.ValidationError("The file must be a JPEG, PNG, GIF or WebP image")
        image.content_type = kind
        return image

    @property
    def has_image(self) -> bool:
        return bool(self.cleaned_data.get("image"))


def _sniff_image(head: bytes) -> str | None:
    """The type from the file's first bytes, not from its name or what the browser claims."""
    if head.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if head[:6] in {b"GIF87a", b"GIF89a"}:
        return "image/gif"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "image/webp"
    return None


class DecisionForm(forms.Form):
    comment = forms.CharField(label="Comment", required=False, max_length=2000,
                              widget=forms.Textarea(attrs={"rows": 3}))
    override_reason = forms.CharField(
        label="Reason for approving over the finding that must be fixed", required=False,
        max_length=2000, widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Recorded in the archive and the audit trail.")


class LiveLinkForm(forms.Form):
    url = forms.URLField(label="Link to the live post", max_length=500, assume_scheme="https",
                         error_messages={"required": "Enter the link to the live post",
                                         "invalid": "Enter the full link, starting https://"})


class ArchiveSearchForm(forms.Form):
    q = forms.CharField(label="Words in the post", required=False, max_length=200)
    status = forms.ChoiceField(label="Status", required=False)
    date_from = forms.DateField(label="From", required=False,
                                widget=forms.DateInput(attrs={"type": "date"}),
                                error_messages={"invalid": "Enter a real date, like 2026-04-01"})
    date_to = forms.DateField(label="To", required=False, widget=forms.DateInput(attrs={"type": "date"}),
                              error_messages={"invalid": "Enter a real date, like 2026-04-30"})

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        from civicpost.desk.posts.models import Status

        super().__init__(*args, **kwargs)
        self.fields["status"].choices = [("", "Any"), *Status.choices]
