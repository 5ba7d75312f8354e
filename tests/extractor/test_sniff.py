from extractor.models import FileKind
from extractor.sniff import sniff
from tests.makedocs import encode, page_image, text_pdf


def test_kinds_are_told_by_bytes_not_names() -> None:
    img = page_image(["x"], dpi=50)
    assert sniff(text_pdf(["hello"])) is FileKind.pdf
    assert sniff(encode(img, "JPEG")) is FileKind.jpeg
    assert sniff(encode(img, "PNG")) is FileKind.png
    assert sniff(encode(img, "TIFF")) is FileKind.tiff
    assert sniff(encode(img, "WEBP")) is FileKind.webp


def test_executable_and_random_bytes_are_unsupported() -> None:
    assert sniff(b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 100) is FileKind.unsupported
    assert sniff(b"\x7fELF\x02\x01\x01") is FileKind.unsupported
    assert sniff(b"") is FileKind.unsupported


def test_csv_is_recognised_with_semicolons() -> None:
    assert sniff("Товар;Брутто;Нетто\nШины;12450,5;11980\n".encode()) is FileKind.csv
