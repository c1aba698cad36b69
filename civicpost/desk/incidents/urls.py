from django.urls import path

from civicpost.desk.incidents import views

app_name = "incidents"
urlpatterns = [
    path("", views.incident_list, name="list"),
    path("new", views.open_by_hand, name="new"),
    path("<int:pk>", views.incident_detail, name="detail"),
    path("<int:pk>/actions", views.log_action, name="action"),
    path("<int:pk>/decide", views.decide, name="decide"),
    path("<int:pk>/evidence", views.add_evidence, name="evidence"),
    path("breaches/", views.breach_list, name="breaches"),
    path("breaches/new", views.new_breach, name="breach-new"),
    path("breaches/<int:pk>", views.breach_detail, name="breach"),
]
