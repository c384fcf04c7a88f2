"""Every code an import can report; each one has a sentence in locales/*/import.yaml."""

from __future__ import annotations

__all__ = ["FOUND_CODES", "PROBLEM_CODES", "ERROR_CODES", "MAX_FILE_BYTES"]

MAX_FILE_BYTES = 10 * 1024 * 1024

# Facts the importer recognised (catalogue keys import.found.<code>).
FOUND_CODES = frozenset(
    {
        "title",
        "host",
        "province",
        "date",
        "end_date",
        "times",
        "venue",
        "chair",
        "agenda_items",
        "agencies",
        "seats",
        "total_delegates",
    }
)

# Things the organiser should check or complete (catalogue keys import.problem.<code>).
PROBLEM_CODES = frozenset(
    {
        "date_not_fixed",
        "missing_date",
        "missing_venue",
        "missing_programme",
        "unparsed_time",
        "unparsed_seats",
        "no_seat_table",
        "agency_repeated",
    }
)

# Reasons a file cannot be imported at all (catalogue keys import.error.<code>).
ERROR_CODES = frozenset(
    {
        "unsupported_extension",
        "file_not_found",
        "unreadable_file",
        "file_too_large",
        "not_utf8",
        "corrupt_docx",
        "empty_file",
        "missing_title",
        "yaml_syntax",
        "yaml_not_mapping",
        "unknown_field",
        "missing_field",
        "invalid_time",
        "invalid_date",
        "invalid_datetime",
        "invalid_timezone",
        "invalid_seats",
        "invalid_kind",
        "invalid_slug",
        "invalid_number",
        "invalid_text",
        "invalid_list",
        "invalid_mapping",
        "invalid_bool",
        "invalid_value",
        "duplicate_agency",
        "end_before_start",
    }
)
