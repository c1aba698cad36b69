from django.urls import path

from civicpost.desk.people import register_views, views

app_name = "people"
urlpatterns = [
    path("", views.register, name="register"),
    path("add", views.add_person, name="add-person"),
    path("<int:pk>", views.person, name="person"),
    path("acknowledgements", views.acknowledgements, name="acknowledgements"),
    path("acknowledgements/remind", views.remind, name="remind"),
    path("acknowledgements/weekly", views.weekly, name="weekly"),
    path("partners", register_views.organisations, name="organisations"),
    path("partners/<int:pk>", register_views.organisation, name="organisation"),
    path("conflicts", register_views.conflicts, name="conflicts"),
    path("conflicts/new", register_views.declare, name="declare-conflict"),
    path("conflicts/<int:pk>", register_views.conflict, name="conflict"),
]
