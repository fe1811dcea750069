"""Cells that are safe to open in a spreadsheet program."""

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value):
    """Text that would run as a formula (CSV injection) gets a leading apostrophe: Excel and
    LibreOffice then show it as the text it is."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value
