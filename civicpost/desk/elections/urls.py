from django.urls import path

from civicpost.desk.elections import views

app_name = "elections"
urlpatterns = [
    path("", views.calendar, name="calendar"),
    path("ordinary", views.add_ordinary, name="add-ordinary"),
    path("pause", views.pause, name="pause"),
    path("<int:pk>", views.election, name="election"),
]
