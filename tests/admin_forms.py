"""Posting a Django admin change form as staff would: every field with the value it shows."""

from django import forms


def _field_data(bound) -> dict:
    widget, value = bound.field.widget, bound.value()
    if isinstance(widget, forms.MultiWidget):
        parts = value if isinstance(value, list) else widget.decompress(value)
        return {
            f"{bound.html_name}{suffix}": "" if part is None else str(part)
            for suffix, part in zip(widget.widgets_names, parts, strict=True)
        }
    if isinstance(widget, forms.CheckboxInput):
        return {bound.html_name: "on"} if value else {}
    if isinstance(value, list | tuple):
        return {bound.html_name: [str(item) for item in value]}
    return {bound.html_name: "" if value is None else str(value)}


def form_data(form) -> dict:
    data = {}
    for bound in form:
        data.update(_field_data(bound))
    return data


def change_form_data(response) -> dict:
    """The POST data of the change form in `response` (a GET of the change page), inlines and
    their management forms included."""
    data = form_data(response.context["adminform"].form)
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        data.update(form_data(formset.management_form))
        for form in formset.forms:
            data.update(form_data(form))
    return data
