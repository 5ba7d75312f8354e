import pytest

from checks import messages
from checks.messages import LANGS, message_keys, placeholders, render
from checks.rules import ALL_RULES
from classifiers.labels import DocType

CONTRACT_CODES = [
    "missing_document", "weight_mismatch", "hs_code_mismatch", "hs_code_invalid", "import_date_mismatch",
    "country_mismatch", "vin_mismatch", "vin_invalid", "bin_mismatch", "bin_invalid", "duplicate_document",
    "unreadable_document", "unsupported_file", "deadline_missed", "document_type_mismatch",
    "invoice_number_mismatch", "plate_mismatch", "certificate_expired", "irrelevant_document",
]
ALL_CODES = sorted(set(CONTRACT_CODES) | {r.code for r in ALL_RULES} | {"check_failed"})


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("code", ALL_CODES)
def test_every_code_has_a_message_in_every_language(code, lang):
    text = render(code, lang)
    assert text.strip()
    assert code in message_keys()


@pytest.mark.parametrize("key", message_keys())
def test_languages_use_the_same_placeholders(key):
    assert placeholders(key, "ru") == placeholders(key, "kk") == placeholders(key, "en")


def test_document_type_names_in_every_language():
    names = messages._data()["doc_types"]
    for t in DocType:
        assert set(names[str(t)]) == set(LANGS)
        assert messages.doc_type_name(t, "ru") != str(t)


def test_render_translates_doc_type_and_citation():
    ru = render("missing_document", "ru", doc_type="control_pass", lines="1", rule="Rules 763 p.16")
    kk = render("missing_document", "kz", doc_type="control_pass", lines="1", rule="Rules 763 p.16")
    en = render("missing_document", "en", doc_type="control_pass", lines="1", rule="Rules 763 p.16")
    assert "талон о прохождении государственного контроля" in ru and "Правила 763 п.16" in ru
    assert "мемлекеттік бақылаудан өту талоны" in kk
    assert en == "Line 1: no state control pass is attached. Attach it (Rules 763 p.16)."


def test_unknown_language_falls_back_to_russian():
    assert render("unsupported_file", "fr", document="a.doc") == render("unsupported_file", "ru", document="a.doc")


def test_every_date_role_a_rule_cites_has_a_name_in_every_language():
    """`import_date_mismatch` names the kind of date it compared: a role the rules compare but the messages do not
    name reached payers raw (`the invoice_date date 2023-03-22`)."""
    from checks.rules import dates

    roles = {r for table in (dates.EAEU_ROLES, dates.PRODUCER_ROLES, dates.OTHER_ROLES) for rs in table.values()
             for r in rs}
    names = messages._data()["date_roles"]
    for role in roles:
        assert set(names.get(role, {})) == set(LANGS), role
    en = render("import_date_mismatch", "en", lines="1", declared="2023-03-14", date_kind="invoice_date",
                found="2023-03-22", doc_type="invoice", document="CI.pdf", rule="Rules 763 p.4")
    assert "the invoice date 2023-03-22" in en and "invoice_date" not in en


def test_a_file_only_our_ocr_failed_on_is_not_called_blank():
    """`unreadable_document.file` is a photo a person may read and OCR did not: the payer is told a moderator will
    read it, not that the scan is blank (the illegible and blank keys say that)."""
    for lang, text in messages.render_all("unreadable_document.file", document="IMG_1.jpg", rule="Rules 763 p.14.2").items():
        assert "IMG_1.jpg" in text
        assert not any(w in text.lower() for w in ("blank", "пустой", "бос")), (lang, text)
    assert "moderator will read it" in render("unreadable_document.file", "en", document="a.jpg", rule="Rules 763 p.14.2")
