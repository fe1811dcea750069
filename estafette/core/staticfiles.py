"""Static files under hashed names, precompressed (gzip and brotli), cached for good."""

from whitenoise.middleware import WhiteNoiseMiddleware
from whitenoise.storage import CompressedManifestStaticFilesStorage


class StaticFilesStorage(CompressedManifestStaticFilesStorage):
    """WhiteNoise's manifest storage in production and tests alike. Until `collectstatic` has
    written the manifest (a bare `runserver`, a test run), a file keeps its plain name and
    WhiteNoise serves it from the source folders: pages never break for want of a manifest."""

    manifest_strict = False

    def stored_name(self, name):
        try:
            return super().stored_name(name)
        except ValueError:  # no manifest entry and no collected copy to hash
            return name


class StaticFilesMiddleware(WhiteNoiseMiddleware):
    """WhiteNoise, with hashed files cached for a year (RFC 9111's advice) instead of ten."""

    FOREVER = 365 * 24 * 60 * 60
