"""Query parameters in the OpenAPI document, read from the Django form that checks them.

The API checks its query parameters with plain Django forms (the agenda's filter form above
all), so the answers to bad values are the same Dutch messages the HTML pages give. The
document's parameters are derived from those forms: one source for names, types, bounds and
fixed vocabularies. Vocabularies that live in the database (regions, themes, ...) are strings
with a slug pattern; an unknown value gets a Dutch 400.
"""

from django import forms

SLUG_PATTERN = r"^[-a-zA-Z0-9_]+$"
# A single slug field strips surrounding spaces before it checks the value (only spaces: none).
STRIPPED_SLUG_PATTERN = r"^\s*[-a-zA-Z0-9_]*\s*$"
# What estafette.relay.postcodes.parse_postcode reads: four digits, maybe two letters (in the
# filters, only spaces: no postcode).
POSTCODE_PATTERN = r"^\s*([1-9][0-9]{3}\s*([A-Za-z]{2})?)?\s*$"
# What estafette.agenda.places.locate reads: a postcode as above, or a town's name (no digits).
PLACE_PATTERN = r"^\s*([1-9][0-9]{3}\s*([A-Za-z]{2})?|['’A-Za-zÀ-ÿ][^0-9]*)?\s*$"


def field_schema(field: forms.Field) -> dict:
    """The JSON Schema of one form field's query value."""
    if isinstance(field, forms.MultipleChoiceField):
        if field.choices:  # a fixed list, as the model's choices
            values = [str(value) for value, _ in field.choices if value]
            return {"type": "array", "items": {"type": "string", "enum": values}}
        # Vocabularies from the database (the form checks the slugs against them).
        return {"type": "array", "items": {"type": "string", "pattern": SLUG_PATTERN}}
    if isinstance(field, forms.ChoiceField):
        return {"type": "string", "enum": [str(value) for value, _ in field.choices if value]}
    if isinstance(field, forms.IntegerField):
        schema = {"type": "integer"}
        if field.min_value is not None:
            schema["minimum"] = field.min_value
        if field.max_value is not None:
            schema["maximum"] = field.max_value
        return schema
    if isinstance(field, forms.DateField):
        return {"type": "string", "format": "date"}
    if isinstance(field, forms.SlugField):
        return {"type": "string", "pattern": STRIPPED_SLUG_PATTERN}
    if isinstance(field, forms.CharField):
        # No maxLength: the form counts the characters after stripping surrounding spaces.
        return {"type": "string"}
    raise TypeError(f"No OpenAPI schema for {type(field).__name__}")  # pragma: no cover


def form_parameters(form_class, described: dict[str, dict]) -> list[dict]:
    """One OpenAPI query parameter per field of the form, in the form's order.

    `described` gives each field's English description and example, and may refine its schema
    (`schema`: merged over the derived one). Every field must be described: a field added to
    the form without a description fails here, at import.
    """
    fields = form_class().fields
    missing = set(fields) - set(described)
    assert not missing, f"Describe these parameters of {form_class.__name__}: {sorted(missing)}"
    parameters = []
    for name, field in fields.items():
        about = described[name]
        description = about["description"]
        if getattr(field, "max_length", None):
            description += f" (at most {field.max_length} characters)"
        parameter = {
            "in": "query",
            "name": name,
            "required": field.required,
            # As in the agenda's own form: an empty value is the same as none.
            "allowEmptyValue": not field.required,
            "description": description,
            "schema": {**field_schema(field), **about.get("schema", {})},
        }
        if "example" in about:
            parameter["example"] = about["example"]
        parameters.append(parameter)
    return parameters


def csv_answer(description: str) -> dict:
    """The 200 answer of a CSV download, for `openapi_extra`."""
    return {
        200: {
            "description": description,
            "content": {"text/csv": {"schema": {"type": "string"}}},
        }
    }
