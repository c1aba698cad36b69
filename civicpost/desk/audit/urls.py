from django.urls import path

from civicpost.desk.audit import views

app_name = "audit"
urlpatterns = [
    path("", views.trail, name="trail"),
    path("export.jsonl", views.export, name="export"),
]
