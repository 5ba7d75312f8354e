import pytest

from extractor.ids import serial
from extractor.ids.exceptions import InvalidFormat, InvalidLength


def test_compact_drops_separators_and_reads_cyrillic_look_alikes_as_latin() -> None:
    assert serial.compact(" 808 123-456 ") == "808123456"
    assert serial.compact("КЕ 1234/56") == "KE123456"
    assert serial.same_serial("808-123456", "808 123 456")
    assert not serial.same_serial("808123456", "808123457")


@pytest.mark.parametrize(("number", "error"), [
    ("AB1", InvalidLength), ("1" * 21, InvalidLength), ("T-150K", InvalidFormat), ("2024", InvalidFormat),
    ("12#456", InvalidFormat),
])  # fmt: skip
def test_what_is_no_serial_number(number: str, error: type[Exception]) -> None:
    with pytest.raises(error):
        serial.validate(number)
    assert not serial.is_valid(number)


def test_serial_numbers() -> None:
    assert [serial.validate(n) for n in ("808123456", "C7601234", "Y4R 900 654")] == ["808123456", "C7601234", "Y4R900654"]
