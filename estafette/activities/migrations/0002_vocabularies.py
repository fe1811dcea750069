"""The starting vocabularies the national team manages afterwards in the admin."""

from django.db import migrations

VOCABULARIES = {
    "Theme": [
        ("digitale-zorg", "Digitale zorg en e-health", "Digital care and e-health"),
        ("zorg-op-afstand", "Zorg op afstand", "Remote care"),
        ("preventie", "Preventie en gezonde leefstijl", "Prevention and healthy lifestyle"),
        ("langer-thuis", "Langer thuis wonen", "Living at home for longer"),
        ("samenwerking", "Samenwerking in de regio", "Regional collaboration"),
        ("arbeidsmarkt", "Arbeidsmarkt en werkplezier", "Workforce and job satisfaction"),
        ("data-ai", "Data en kunstmatige intelligentie", "Data and artificial intelligence"),
        ("digitale-vaardigheden", "Digitale vaardigheden", "Digital skills"),
        ("positieve-gezondheid", "Positieve gezondheid", "Positive health"),
        ("mantelzorg", "Mantelzorg", "Informal care"),
        ("passende-zorg", "Passende zorg", "Appropriate care"),
        ("slimme-technologie", "Domotica en slimme technologie", "Home automation and smart technology"),
        ("welzijn", "Welzijn en eenzaamheid", "Well-being and loneliness"),
    ],
    "ActivityType": [
        ("workshop", "Workshop", "Workshop"),
        ("cursus", "Cursus of training", "Course or training"),
        ("themaweek", "Themaweek", "Theme week"),
        ("markt", "Markt", "Market"),
        ("informatiebijeenkomst", "Informatiebijeenkomst", "Information session"),
        ("webinar", "Webinar", "Webinar"),
        ("dialoogsessie", "Dialoogsessie", "Dialogue session"),
        ("pitch", "Pitch-event", "Pitch event"),
        ("rondleiding", "Rondleiding", "Guided tour"),
        ("demonstratie", "Demonstratie", "Demonstration"),
        ("opening", "Regionale opening", "Regional opening"),
        ("congres", "Congres of symposium", "Conference or symposium"),
        ("hackathon", "Hackathon", "Hackathon"),
        ("anders", "Anders", "Other"),
    ],
    "Audience": [
        ("burgers", "Burgers", "Citizens"),
        ("mantelzorgers", "Mantelzorgers", "Informal carers"),
        ("zorgprofessionals", "Zorgprofessionals", "Care professionals"),
        ("welzijnsprofessionals", "Welzijnsprofessionals", "Welfare professionals"),
        ("beleidsmakers", "Beleidsmakers", "Policy makers"),
        ("bestuurders", "Bestuurders", "Executives"),
        ("studenten", "Studenten", "Students"),
        ("ondernemers", "Ondernemers", "Entrepreneurs"),
        ("onderzoekers", "Onderzoekers", "Researchers"),
        ("clienten", "Patiënten en cliënten", "Patients and clients"),
    ],
    "InteractiveElement": [
        ("zelf-doen", "Zelf doen en uitproberen", "Hands-on"),
        ("dialoog", "Discussie en dialoog", "Discussion and dialogue"),
        ("demonstratie", "Demonstratie", "Demonstration"),
        ("ervaren", "Ervaren (bijvoorbeeld VR of in de praktijk)", "Experience (for example VR or on site)"),
        ("vragen", "Vragen stellen aan experts", "Ask the experts"),
        ("co-creatie", "Samen ontwerpen (co-creatie)", "Co-design"),
        ("netwerken", "Netwerken", "Networking"),
    ],
    "AccessibilityFacility": [
        ("rolstoel", "Rolstoeltoegankelijk", "Wheelchair accessible"),
        ("toilet", "Toegankelijk toilet", "Accessible toilet"),
        ("ringleiding", "Ringleiding", "Hearing loop"),
        ("gebarentolk", "Tolk Nederlandse Gebarentaal", "Sign language interpreter (NGT)"),
        ("ondertiteling", "Ondertiteling", "Captions"),
        ("prikkelarm", "Prikkelarme ruimte", "Quiet room"),
        ("parkeren", "Parkeerplaats dichtbij", "Parking nearby"),
        ("eenvoudige-taal", "In eenvoudige taal (B1)", "In plain language (B1)"),
        ("hulphond", "Hulphonden welkom", "Assistance dogs welcome"),
    ],
}


def load(apps, schema_editor):
    for model_name, rows in VOCABULARIES.items():
        model = apps.get_model("activities", model_name)
        for position, (slug, name, name_en) in enumerate(rows):
            model.objects.update_or_create(slug=slug, defaults={"name": name, "name_en": name_en, "position": position})


class Migration(migrations.Migration):
    dependencies = [("activities", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
