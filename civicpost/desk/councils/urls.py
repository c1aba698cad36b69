from django.urls import path

from civicpost.desk.councils import views

app_name = "councils"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("councils/choose", views.choose, name="choose"),
    path("settings/pause", views.pause, name="pause"),
    path("settings", views.council_settings, name="settings"),
    path("settings/channels", views.add_channel, name="add-channel"),
    path("settings/people", views.add_member, name="add-member"),
    path("settings/people/<int:pk>", views.change_role, name="change-role"),
]
