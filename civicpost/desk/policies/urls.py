from django.urls import path

from civicpost.desk.policies import import_views, views

app_name = "policies"
urlpatterns = [
    path("", views.policy, name="policy"),
    path("acknowledge", views.acknowledge, name="acknowledge"),
    path("versions", views.versions, name="versions"),
    path("versions/<int:pk>", views.version, name="version"),
    path("versions/<int:pk>/pack.toml", views.pack_file, name="pack-file"),
    path("edit", views.edit, name="edit"),
    path("import", import_views.upload, name="import"),
    path("import/<int:pk>", import_views.review, name="import-review"),
    path("import/<int:pk>/discard", import_views.discard, name="import-discard"),
]
