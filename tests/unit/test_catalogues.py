"""The locale catalogues: same keys and placeholders in both languages, every used key present."""

from __future__ import annotations

import re
from pathlib import Path

from bot.i18n import catalogue, placeholders

ROOT = Path(__file__).resolve().parents[2]
# Literal keys passed to the translator: t("x.y"), ctx.t("x.y"), ctx.reply("x.y"), ctx.button("x.y").
KEY_USE = re.compile(r"""\b(?:t|reply|button)\(\s*["']([a-z_]+(?:\.[a-z0-9_]+)+)["']""")


def test_english_mirrors_vietnamese_keys():
    vi, en = catalogue("vi"), catalogue("en")
    assert sorted(set(vi) - set(en)) == []
    assert sorted(set(en) - set(vi)) == []


def test_placeholders_match_in_both_languages():
    vi, en = catalogue("vi"), catalogue("en")
    mismatched = [k for k in vi if placeholders(vi[k]) != placeholders(en[k])]
    assert mismatched == []


def test_every_key_used_in_code_exists():
    vi = catalogue("vi")
    missing = []
    for folder in ("bot", "handlers", "storage"):
        for path in (ROOT / folder).rglob("*.py"):
            for key in KEY_USE.findall(path.read_text(encoding="utf-8")):
                if key not in vi:
                    missing.append(f"{path.relative_to(ROOT)}: {key}")
    assert missing == []


def test_vietnamese_catalogue_is_written_with_diacritics():
    vi = catalogue("vi")
    # A formal Vietnamese catalogue without a single diacritic would be a sign of ASCII-only text.
    assert all(
        re.search(r"[àáảãạăắằẳẵặâấầẩẫậđèéẻẽẹêếềểễệìíỉĩịòóỏõọôốồổỗộơớờởỡợùúủũụưứừửữựỳýỷỹỵ]", vi[k], re.I)
        for k in ("start.welcome", "commands.header.everyone", "fallback.not_understood", "error.internal")
    )


def test_every_note_label_the_answers_show_is_in_the_catalogue():
    # The domain cannot read the catalogues, so it keeps the note keys it labels as a list;
    # each must have its label ("venue.note.parking"), and every label one of those keys.
    from bot.domain.qa.reading import NOTE_LABELS
    from bot.domain.qa.replies import SHOWN_NOTE_LABELS

    labelled = set(NOTE_LABELS) | SHOWN_NOTE_LABELS
    in_catalogue = {k.removeprefix("venue.note.") for k in catalogue("vi") if k.startswith("venue.note.")}
    assert labelled == in_catalogue
