"""Vehicle plates on the control pass against the CMR (a moderator's rejection reason).

A control pass agrees when one of its plates (tractor or trailer) is on some CMR. A disagreement
is between two documents (the goods may have been reloaded, a pass of another trip attached), so
it is the moderator's to weigh, never an error of the payer's.
"""

from __future__ import annotations

from collections.abc import Iterator

from checks.context import CheckContext
from checks.models import Finding, Severity
from checks.rules.base import Rule, rule
from classifiers.labels import DocType
from extractor.field_models import FieldValue
from extractor.ids import plate


def same_plate_read(a: FieldValue, b: FieldValue) -> bool:
    """Two plate readings of one plate; a scanned one may differ by characters OCR confuses (5/S, 8/B, 2/Z)."""
    return plate.same_plate(str(a.value), str(b.value), ocr=a.source != "text" or b.source != "text")


@rule("plate_mismatch", "Rules 763 p.16")
def pass_plates_on_cmr(ctx: CheckContext, r: Rule) -> Iterator[Finding]:
    cmrs = [d for d in ctx.of_type(DocType.cmr) if d.fields.plates]
    if not cmrs:
        return
    cmr_plates = [(d, fv) for d in cmrs for fv in d.fields.plates]
    for cp in ctx.of_type(DocType.control_pass):
        plates = cp.fields.plates
        if not plates:
            continue
        if any(same_plate_read(a, b) for a in plates for _, b in cmr_plates):
            continue
        cmr = cmrs[0]
        yield r.finding(
            ctx,
            Severity.warning,
            doc=cp,
            at=plates[0],
            other_document=cmr.file,
            declared=", ".join(str(fv.value) for fv in plates),
            found=", ".join(str(fv.value) for fv in cmr.fields.plates),
        )


RULES = [pass_plates_on_cmr]
