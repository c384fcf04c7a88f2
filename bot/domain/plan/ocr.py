"""Text from scans and photos with Tesseract's Vietnamese model, where it is installed."""

from __future__ import annotations

import functools
import io
import unicodedata

from bot.domain.plan.draft import PlanImportError

__all__ = ["ocr_available", "ocr_image", "ocr_pdf"]

_LANGUAGE = "vie"
_DPI = 300
MAX_OCR_PAGES = 10


@functools.lru_cache(maxsize=1)
def ocr_available() -> bool:
    """Whether the tesseract binary and its Vietnamese model are installed."""
    import pytesseract

    try:
        return _LANGUAGE in pytesseract.get_languages(config="")
    except (pytesseract.TesseractNotFoundError, OSError, RuntimeError):
        return False


def _require() -> None:
    """Refuse with one clear reason when OCR cannot run here."""
    if not ocr_available():
        raise PlanImportError("ocr_unavailable")


def _text(image) -> str:  # type: ignore[no-untyped-def]
    """Tesseract's text for one page image, keeping the layout's line breaks and columns."""
    import pytesseract

    return pytesseract.image_to_string(image, lang=_LANGUAGE, config="--psm 4")


def _finish(parts: list[str]) -> str:
    """The pages' text in NFC; nothing read is an error."""
    text = unicodedata.normalize("NFC", "\n\f\n".join(parts))
    if not text.strip():
        raise PlanImportError("ocr_failed")
    return text


def ocr_pdf(data: bytes) -> str:
    """The text of a scanned PDF: each page rendered with pdfium, then read by Tesseract."""
    _require()
    import pypdfium2

    try:
        pdf = pypdfium2.PdfDocument(data)
    except pypdfium2.PdfiumError as exc:
        raise PlanImportError("corrupt_pdf", None, detail=type(exc).__name__) from exc
    try:
        parts = []
        for index in range(min(len(pdf), MAX_OCR_PAGES)):
            page = pdf[index]
            image = page.render(scale=_DPI / 72).to_pil()
            parts.append(_text(image))
            page.close()
    finally:
        pdf.close()
    return _finish(parts)


def ocr_image(data: bytes) -> str:
    """The text of a photo or scanned image (PNG, JPEG, TIFF)."""
    _require()
    from PIL import Image, UnidentifiedImageError

    try:
        image = Image.open(io.BytesIO(data))
        image.load()
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError) as exc:
        raise PlanImportError("ocr_failed", None, detail=type(exc).__name__) from exc
    return _finish([_text(image)])
