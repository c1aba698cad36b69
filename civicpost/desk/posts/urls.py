from django.urls import path

from civicpost.desk.posts import public_media
from civicpost.desk.posts.views import archive, compose, review

app_name = "posts"
urlpatterns = [
    path("new", compose.compose, name="compose"),
    path("check", compose.live_check, name="live-check"),
    path("approvals", review.approvals, name="approvals"),
    path("archive", archive.archive, name="archive"),
    path("<int:pk>", review.detail, name="detail"),
    path("<int:pk>/edit", compose.compose, name="edit"),
    path("<int:pk>/submit", review.submit, name="submit"),
    path("<int:pk>/approve", review.approve, name="approve"),
    path("<int:pk>/return", review.return_post, name="return"),
    path("<int:pk>/withdraw", review.withdraw, name="withdraw"),
    path("<int:pk>/publish", review.publish, name="publish"),
    path("<int:pk>/emergency", review.fast_track, name="fast-track"),
    path("<int:pk>/review", review.review, name="review"),
    path("<int:pk>/live-link/<int:publication>", review.live_link, name="live-link"),
    path("<int:pk>/evidence.zip", archive.evidence_pack, name="evidence"),
    path("media/<str:token>", public_media.serve, name="public-media"),
]
