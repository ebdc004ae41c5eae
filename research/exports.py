"""Exports are data, never code.

Whatever people typed (titles, names, summaries, reflections) leaves the site
as values that the program reading the file shows, never as instructions it
follows. Each format escapes every value where it is written, in one place:

- BibTeX (research.bibtex): `latex_escape` for text, so no brace, backslash or
  other LaTeX markup survives; `verbatim_escape` for DOI and URL.
- RIS (research.ris): one value per line, every run of whitespace (newlines
  included) collapsed, so a value can never start a tag line of its own.
- CSV (below, for every CSV the site writes): cells go through `csv_cell`,
  so a spreadsheet never runs one as a formula.

A new export gets the same treatment and a test that reads the file back with
a parser we did not write.
"""

import csv
import io
from datetime import date, datetime
from decimal import Decimal

# Spreadsheets treat a cell starting with one of these as a formula (OWASP's "CSV injection").
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value):
    """One value as a CSV cell: text that a spreadsheet would run as a formula gets a leading apostrophe,
    which spreadsheets show as text and do not run. Numbers and dates stay as they are."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int | float | Decimal):
        return value
    if isinstance(value, datetime | date):
        return value.isoformat()
    text = str(value)
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text


def csv_text(header, rows):
    """A CSV file (RFC 4180: quoted where needed, CRLF line ends) with every cell made safe by `csv_cell`."""
    output = io.StringIO()
    writer = csv.writer(output, lineterminator="\r\n")
    writer.writerow([csv_cell(value) for value in header])
    writer.writerows([csv_cell(value) for value in row] for row in rows)
    return output.getvalue()
