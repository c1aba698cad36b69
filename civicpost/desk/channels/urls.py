from django.urls import path

from civicpost.desk.channels import views

app_name = "channels"
urlpatterns = [
    path("", views.register, name="register"),
    path("<int:pk>", views.account, name="account"),
    path("<int:pk>/administrators/<int:admin_pk>/remove", views.remove_administrator,
         name="remove-administrator"),
]
