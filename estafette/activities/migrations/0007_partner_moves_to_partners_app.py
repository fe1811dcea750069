"""Co-organisation moves to the partners app as `partners.Partner`; its table and rows stay."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("activities", "0006_full_text_search"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.RemoveField(model_name="activity", name="co_organisers"),
                migrations.DeleteModel(name="CoOrganisation"),
            ],
            database_operations=[],
        ),
    ]
