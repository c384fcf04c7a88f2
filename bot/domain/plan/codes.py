"""Every code an import can report; each one has a sentence in locales/*/import.yaml."""

from __future__ import annotations

__all__ = ["FOUND_CODES", "PROBLEM_CODES", "ERROR_CODES", "GUESS_CODES", "MAX_FILE_BYTES"]

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
        "missing_title",
        "missing_address",
        "row_unused",
        "table_unused",
        "invitee_unused",
        "time_mismatch",
        "date_mismatch",
        "invitee_row",
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
        "impossible_date",
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
        "nothing_usable",
        "corrupt_pdf",
        "ocr_unavailable",
        "ocr_failed",
        "unpacked_too_large",
        "extension_mismatch",
        "invitee_file_empty",
        "invitee_columns",
    }
)

# Why a value was guessed rather than read (catalogue keys import.guess.<code>).
GUESS_CODES = frozenset({"year_from_document", "province_from_letterhead", "date_from_programme"})
