"""Remember the language a signed-in user acts in, for the mails the platform sends them later
(a reminder, the baton, the board's weekly mail): no settings page to find, and whoever works in
English gets English mail."""

from django.conf import settings
from django.contrib.auth import get_user_model

# Addresses without a language of their own (Django reads it from the browser there).
LANGUAGE_NEUTRAL = ("/api/", "/redactie/", "/documenten/", "/i18n/")
LANGUAGES = {code for code, _name in settings.LANGUAGES}


class RememberLanguageMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if (
            request.method == "POST"
            and response.status_code < 400
            and user is not None
            and user.is_authenticated
            and not request.path_info.startswith(LANGUAGE_NEUTRAL)
        ):
            # LocaleMiddleware's choice: /en/... is English, every other address Dutch.
            language = getattr(request, "LANGUAGE_CODE", None)
            if language in LANGUAGES and language != user.language:
                get_user_model().objects.filter(pk=user.pk).update(language=language)
                user.language = language
        return response
