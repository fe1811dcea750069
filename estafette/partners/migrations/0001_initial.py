"""The Partner model takes over the existing table of activities.CoOrganisation (no data moves)."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("activities", "0007_partner_moves_to_partners_app"),
        ("organisations", "0001_initial"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.CreateModel(
                    name="Partner",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("invited_email", models.EmailField(blank=True, help_text="Voor een organisatie die nog niet op het platform staat.", max_length=254, verbose_name="uitgenodigd e-mailadres")),
                        ("invited_name", models.CharField(blank=True, max_length=200, verbose_name="naam van de uitgenodigde organisatie")),
                        ("status", models.CharField(choices=[("invited", "Uitgenodigd"), ("accepted", "Geaccepteerd"), ("declined", "Afgeslagen")], default="invited", max_length=10, verbose_name="status")),
                        ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="uitgenodigd op")),
                        ("answered_at", models.DateTimeField(blank=True, null=True, verbose_name="beantwoord op")),
                        ("activity", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="partners", to="activities.activity", verbose_name="activiteit")),
                        ("invited_by", models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name="+", to=settings.AUTH_USER_MODEL, verbose_name="uitgenodigd door")),
                        ("organisation", models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name="partner_of", to="organisations.organisation", verbose_name="organisatie")),
                    ],
                    options={
                        "verbose_name": "partner",
                        "verbose_name_plural": "partners",
                        "db_table": "activities_coorganisation",
                        "constraints": [
                            models.UniqueConstraint(condition=models.Q(("organisation__isnull", False)), fields=("activity", "organisation"), name="coorganisation_unique_organisation"),
                            models.CheckConstraint(condition=models.Q(("organisation__isnull", False), models.Q(("invited_email", ""), _negated=True), _connector="OR"), name="coorganisation_has_organisation_or_email"),
                        ],
                    },
                ),
            ],
        ),
    ]
