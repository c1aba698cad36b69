from __future__ import annotations

from django import forms


class SignInForm(forms.Form):
    email = forms.EmailField(label="Email address", max_length=254,
                             widget=forms.EmailInput(attrs={"autocomplete": "username",
                                                            "spellcheck": "false"}))
    password = forms.CharField(label="Password", strip=False,
                               widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}))


class CodeForm(forms.Form):
    code = forms.CharField(
        label="Security code", max_length=6, min_length=6,
        help_text="The 6-digit code from your authenticator app.",
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric",
                                      "spellcheck": "false", "class": "govuk-input--width-5"}),
        error_messages={"min_length": "Enter the 6-digit code", "max_length": "Enter the 6-digit code",
                        "required": "Enter the 6-digit code from your authenticator app"})

    def clean_code(self) -> str:
        code = self.cleaned_data["code"].replace(" ", "")
        if not code.isdigit():
            raise forms.ValidationError("The code is 6 digits, numbers only")
        return code
