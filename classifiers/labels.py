"""Document type labels of the contract, and the operator portal's upload codes mapped onto them."""

from __future__ import annotations

from enum import StrEnum


class DocType(StrEnum):
    invoice = "invoice"
    packing_list = "packing_list"
    cmr = "cmr"
    waybill = "waybill"
    customs_declaration = "customs_declaration"
    control_pass = "control_pass"
    import_application = "import_application"
    product_passport = "product_passport"
    vehicle_passport = "vehicle_passport"
    conformity_certificate = "conformity_certificate"
    acceptance_certificate = "acceptance_certificate"
    other = "other"


PORTAL_CODES: dict[str, DocType] = {
    "invoiceimp": DocType.invoice,
    "packlist": DocType.packing_list,
    "trdocs": DocType.waybill,
    "intgoods": DocType.cmr,
    "railwaysorder": DocType.waybill,
    "customgoods": DocType.waybill,
    "customdec": DocType.customs_declaration,
    "talgovcontrol": DocType.control_pass,
    "customtal": DocType.control_pass,
    "importapp": DocType.import_application,
    "prpassport": DocType.product_passport,
    "ptsrts": DocType.vehicle_passport,
    "techpass": DocType.vehicle_passport,
    "accepttypecar": DocType.conformity_certificate,
    "regcertificate": DocType.vehicle_passport,
    "dover": DocType.other,
    "application": DocType.other,
    "other": DocType.other,
}


def parse_declared_type(value: str | None) -> DocType | None:
    """A declared type as one of our labels or the portal's code; None when absent or unknown."""
    if not value:
        return None
    v = value.strip().lower()
    if v in DocType.__members__:
        return DocType(v)
    return PORTAL_CODES.get(v)
