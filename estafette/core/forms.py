"""Form helpers shared by the apps."""

from django.contrib import messages
from django.core.exceptions import ValidationError


def add_service_errors(form, error: ValidationError) -> None:
    """Show a service's ValidationError on the form: per field where the form has that field,
    otherwise at the top of the form."""
    if hasattr(error, "error_dict"):
        for field, messages in error.error_dict.items():
            for message in messages:
                form.add_error(field if field in form.fields else None, message)
    else:
        form.add_error(None, error)


def flash_service_errors(request, error: ValidationError) -> None:
    """Show a service's ValidationError on the next page: one error message per message."""
    for message in error.messages:
        messages.error(request, message)
