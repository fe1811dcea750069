"""The organiser's own image: a picture that really is one, not too large, with alt text."""

from django import forms
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from PIL import Image

ALLOWED_FORMATS = {"JPEG": "image/jpeg", "PNG": "image/png", "WEBP": "image/webp"}
MIN_SIDE = 600


class ActivityImageForm(forms.Form):
    image = forms.ImageField(
        label=_("Afbeelding"),
        help_text=_("JPEG, PNG of WebP, liggend, minstens 1200 pixels breed; hoogstens %(size)s.")
        % {"size": filesizeformat(settings.ACTIVITY_IMAGE_MAX_BYTES)},
        widget=forms.ClearableFileInput(attrs={"accept": ",".join(ALLOWED_FORMATS.values())}),
    )
    alt_text = forms.CharField(
        label=_("Beschrijving van de afbeelding (alt-tekst)"),
        max_length=250,
        error_messages={"required": _("Beschrijf wat er op de afbeelding staat.")},
        help_text=_(
            "Beschrijf kort wat er te zien is, voor mensen die de afbeelding niet kunnen zien."
        ),
    )

    def clean_image(self):
        upload = self.cleaned_data["image"]
        if upload.size > settings.ACTIVITY_IMAGE_MAX_BYTES:
            raise forms.ValidationError(
                _("De afbeelding is te groot (%(size)s). Het maximum is %(max)s."),
                params={
                    "size": filesizeformat(upload.size),
                    "max": filesizeformat(settings.ACTIVITY_IMAGE_MAX_BYTES),
                },
                code="too_large",
            )
        # Django's ImageField already ran Pillow's verify(); check the real format and size
        # from the file's content, never from its name or the browser's content type.
        upload.seek(0)
        with Image.open(upload) as picture:
            kind, (width, height) = picture.format, picture.size
        upload.seek(0)
        if kind not in ALLOWED_FORMATS:
            raise forms.ValidationError(
                _("Kies een JPEG-, PNG- of WebP-afbeelding."), code="wrong_type"
            )
        if min(width, height) < MIN_SIDE:
            raise forms.ValidationError(
                _("De afbeelding is te klein: minstens %(side)s pixels hoog en breed."),
                params={"side": MIN_SIDE},
                code="too_small",
            )
        return upload
