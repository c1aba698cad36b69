"""The desk's pages, one include per app."""

from django.conf import settings
from django.urls import include, path
from django.views.static import serve

from civicpost.desk.channels.connect import connect

urlpatterns = [
    path("settings/channels/<int:pk>/connect", connect, name="channel-connect"),
    path("", include("civicpost.desk.councils.urls")),
    path("", include("civicpost.desk.accounts.urls")),
    path("posts/", include("civicpost.desk.posts.urls")),
    path("my-post/", include("civicpost.desk.personal.urls")),
    path("audit/", include("civicpost.desk.audit.urls")),
    path("people/", include("civicpost.desk.people.urls")),
    path("policy/", include("civicpost.desk.policies.urls")),
    path("elections/", include("civicpost.desk.elections.urls")),
    path("channels/", include("civicpost.desk.channels.urls")),
    path("inbox/", include("civicpost.desk.inbox.urls")),
    path("incidents/", include("civicpost.desk.incidents.urls")),
]

handler400 = "civicpost.desk.pages.views.bad_request"
handler404 = "civicpost.desk.pages.views.not_found"
handler500 = "civicpost.desk.pages.views.server_error"

if settings.DEBUG:
    urlpatterns.append(path("uploads/<path:path>", serve, {"document_root": settings.MEDIA_ROOT}))
