from django.urls import path

from civicpost.desk.personal import views

app_name = "personal"
urlpatterns = [
    path("", views.check, name="check"),
    path("kept/<int:pk>/delete", views.forget, name="forget"),
]
