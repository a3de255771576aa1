from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.internal.stagekit import clear_login
from allauth.core import context as allauth_context
from django.contrib.sites.shortcuts import get_current_site

from accounts import mail
from accounts.middleware import banned_response


class AccountAdapter(DefaultAccountAdapter):
    """allauth glue: role and display name at sign-up, emails through django.tasks."""

    def save_user(self, request, user, form, commit=True):
        # Set before allauth's first save, so no row ever exists without a display name.
        user.display_name = form.cleaned_data["display_name"]
        user.role = form.cleaned_data["role"]
        return super().save_user(request, user, form, commit=commit)

    def pre_login(self, request, user, **kwargs):
        # A banned member is told why, and is not logged in.
        if user.is_banned:
            clear_login(request)
            return banned_response(request, user)
        return super().pre_login(request, user, **kwargs)

    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        request = allauth_context.request
        ctx = {"request": request, "email": email, "current_site": get_current_site(request)}
        ctx.update(context)
        mail.send_later(self.render_mail(template_prefix, email, ctx))
