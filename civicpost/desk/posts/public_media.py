"""Images at a public address for the platforms that fetch them rather than take an upload.

Instagram's API takes an image only as a URL its servers download while the post is being
made. The desk hands the Instagram connector a ``media_url_for`` that signs the image's
SHA-256 with the desk's secret key and a timestamp; the address answers, without a sign-in,
with that image for ``VALID_SECONDS`` and nothing else. No address is ever listed anywhere, an
address for one image opens no other, and one for an image removed from its post stops
working. The desk's public address is ``CIVICPOST_PUBLIC_URL``.
"""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.core import signing
from django.http import FileResponse, Http404, HttpRequest
from django.urls import reverse
from django.views.decorators.http import require_GET

from civicpost.connectors import ConnectorError
from civicpost.connectors.base import Media
from civicpost.desk.posts.models import Attachment

SALT = "civicpost.public-media"
# Long enough for a publishing attempt and its retries, short enough that an address copied
# from a platform's logs soon leads nowhere.
VALID_SECONDS = 6 * 60 * 60


def media_url_for(media: Media) -> str:
    base = settings.CIVICPOST_PUBLIC_URL.rstrip("/")
    if not base:
        raise ConnectorError("Instagram fetches a post's images from the desk: set CIVICPOST_PUBLIC_URL to "
                             "the desk's address on the internet (https://...)", permanent=True)
    token = signing.TimestampSigner(salt=SALT).sign(hashlib.sha256(media.data).hexdigest())
    return base + reverse("posts:public-media", args=[token])


@require_GET
def serve(request: HttpRequest, token: str) -> FileResponse:
    try:
        digest = signing.TimestampSigner(salt=SALT).unsign(token, max_age=VALID_SECONDS)
    except signing.BadSignature:  # tampered, made up or expired
        raise Http404("No such image") from None
    attachment = Attachment.objects.filter(sha256=digest, removed=False).first()
    if attachment is None:
        raise Http404("No such image")
    return FileResponse(attachment.file.open("rb"), content_type=attachment.content_type)
