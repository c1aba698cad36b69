from django.urls import path

from civicpost.desk.accounts import views

app_name = "accounts"
urlpatterns = [
    path("sign-in", views.sign_in, name="sign-in"),
    path("sign-in/security-code", views.two_factor, name="two-factor"),
    path("sign-in/set-up-security-codes", views.two_factor_setup, name="two-factor-setup"),
    path("sign-out", views.sign_out, name="sign-out"),
]
