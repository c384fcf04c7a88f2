"""What an import tells the organiser, on the command line and in chat: found values with the
line they came from, guesses with their reason, problems, and a re-import's changes."""

from __future__ import annotations

from bot.domain.events.changes import change_messages
from bot.domain.events.preview import ImportPreview
from bot.domain.plan.draft import Finding, ImportReport
from bot.domain.qa.messages import render_messages
from bot.i18n import Translator

__all__ = ["render_location", "render_preview", "render_report"]


def render_location(t: Translator, location: str | None) -> str | None:
    """'line:12' -> 'dòng 12'; 'table:2:row:5' -> 'bảng 2, dòng 5'; 'field:x' -> 'trường x'."""
    if not location:
        return None
    parts = location.split(":")
    if parts[0] == "line" and len(parts) == 2:
        return t("import.location.line", n=parts[1])
    if parts[0] == "table" and len(parts) == 4:
        return t("import.location.table_row", table=parts[1], row=parts[3])
    if parts[0] == "field":
        return t("import.location.field", path=location.split(":", 1)[1])
    return location


def _finding(t: Translator, section: str, finding: Finding) -> str:
    params = dict(finding.params)
    location = render_location(t, str(params.pop("location"))) if "location" in params else None
    text = t(f"import.{section}.{finding.code}", **params)
    return f"{text} ({location})" if location else text


def _origin(t: Translator, finding: Finding) -> str | None:
    """Where a found value was read ("dòng 12: “…”") or why it was guessed."""
    parts = []
    if finding.source:
        where = render_location(t, finding.source) or finding.source
        quote = (finding.quote or "").strip()
        quote = quote if len(quote) <= 90 else quote[:87] + "…"
        parts.append(t("import.source.line", where=where, quote=quote))
    if finding.guess:
        parts.append(t("import.source.guessed", reason=t(f"import.guess.{finding.guess}")))
    return "; ".join(parts) or None


def render_report(t: Translator, report: ImportReport) -> list[str]:
    """The organiser-facing lines of an import report: what was found, then what was not.

    A value read from the document shows the line it came from (✓); a guessed one says why (≈).
    """
    lines = [t("cli.import.found_header")]
    for f in report.found:
        origin = _origin(t, f)
        mark = "≈" if f.guess else "✓"
        lines.append(f"  {mark} {_finding(t, 'found', f)}")
        if origin:
            lines.append(f"      ↳ {origin}")
    if report.problems:
        lines.append(t("cli.import.problems_header"))
        for f in report.problems:
            lines.append(f"  ⚠ {_finding(t, 'problem', f)}")
            origin = _origin(t, f)
            if origin:
                lines.append(f"      ↳ {origin}")
    return lines


def render_preview(t: Translator, preview: ImportPreview) -> list[str]:
    """What a re-import would change, what it keeps, and who would be told."""
    lines = [t("cli.import_genre.preview_header", id=preview.event_id, slug=preview.slug)]
    if preview.changes:
        # The lines of the notice delegates would receive, without its header and footer.
        body = change_messages("", preview.changes)[1:-1]
        lines += [f"  {render_messages(t, [line])}" for line in body]
    else:
        lines.append("  " + t("cli.import_genre.no_change"))
    if preview.kept:
        lines.append("  " + t("cli.import_genre.kept", fields=", ".join(preview.kept)))
    if preview.changes and preview.recipients:
        lines.append("  " + t("cli.import_genre.notify", count=preview.recipients))
    else:
        lines.append("  " + t("cli.import_genre.notify_none"))
    return lines
