"""The index of stages holds, on PostgreSQL, what the listing index holds for an edition, so
that a region over every edition reads its stages' rows alone (see Activity.Meta)."""

from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("activities", "0017_open_places_index"),
        ("organisations", "0001_initial"),
        ("relay", "0002_reference_data"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RemoveIndex(
            model_name="activity",
            name="activity_stage_idx",
        ),
        migrations.AddIndex(
            model_name="activity",
            index=models.Index(
                fields=["stage", "status", "starts_at"],
                include=(
                    "id",
                    "edition",
                    "format",
                    "province",
                    "signup_mode",
                    "lead_organisation",
                    "ends_at",
                    "theme_bits",
                    "type_bits",
                    "audience_bits",
                    "town",
                    "latitude",
                    "longitude",
                    "accessibility_bits",
                    "is_interactive",
                    "organiser_kind_bits",
                    "signup_closed",
                    "capacity",
                    "places_taken",
                ),
                name="activity_stage_idx",
            ),
        ),
    ]
