"""The files themselves: that they open and read, are not attached twice, are what the payer
said they are, and concern the goods declared (Rules 763 p.14.2; the moderators' rejection reasons).

None of these is silent: a page we cannot read is reported, never skipped.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import partial

from checks.context import BROKEN, NOT_DOCUMENTS, CheckContext
from checks.evidence import FileEvidence
from checks.messages import doc_type_name
from checks.models import Finding, Severity
from checks.rules.base import Rule, rule
from classifiers.labels import DocType
from extractor.field_models import ReadDocument

UNSUPPORTED = {"unsupported_file": "unsupported_file", "too_large": "unsupported_file.too_large",
               "too_many_pages": "unsupported_file.too_large", "too_many_pixels": "unsupported_file.too_large"}
COMPATIBLE = {frozenset({DocType.cmr, DocType.waybill})}
"""Declared and found types the payer cannot be blamed for confusing (the portal's 'transport waybills')."""
FACT_DOCS = (
    DocType.invoice, DocType.packing_list, DocType.cmr, DocType.waybill, DocType.customs_declaration,
    DocType.product_passport, DocType.vehicle_passport, DocType.acceptance_certificate,
)
ALLOWED_OTHER = NOT_DOCUMENTS[1:]
"""Portal codes of files that are rightly 'other': a power of attorney, the signed application form."""
ALLOWED_KINDS = frozenset({"power_of_attorney", "contract"})
"""What the classifier recognises an 'other' document as that an application rightly carries, whatever the payer
declared it as (a representative's power of attorney uploaded as 'other', the supply contract behind the goods).
A payment order is recognised too, and is not one of them: it proves a payment, not the goods."""


@rule("unsupported_file", "Rules 763 p.14.2")
def file_supported(ctx: CheckContext, r: Rule) -> Iterator[Finding]:
    for f in ctx.files:
        key = UNSUPPORTED.get(f.error_code or "")
        if key:
            yield r.finding(ctx, Severity.error, key=key, document=f.name, found=f.error_message)


_BROKEN_KEYS = {"encrypted_file": "unreadable_document.encrypted", "empty_file": "unreadable_document.empty"}
_PAGE_PROBLEMS = {
    "illegible": (Severity.error, "unreadable_document.illegible_page"),
    "poor": (Severity.warning, "unreadable_document.page"),
    "blank": (Severity.info, "unreadable_document.blank_page"),
}


@rule("unreadable_document", "Rules 763 p.14.2")
def file_readable(ctx: CheckContext, r: Rule) -> Iterator[Finding]:
    for f in ctx.files:
        if f.error_code in BROKEN:
            key = _BROKEN_KEYS.get(f.error_code or "", "unreadable_document")  # say what to fix: a password, no data
            yield r.finding(ctx, Severity.error, key=key, document=f.name, found=f.error_code)
            continue
        if f.error_code == "timeout":
            yield r.finding(ctx, Severity.warning, key="unreadable_document.timeout", document=f.name)
            continue
        if f.error_code:
            continue
        if f.name in ctx.illegible_files:
            # its pixels are washed out, dark or blurred: a person cannot read it either, so the payer rescans,
            # whatever type it was declared as (a dark scan of the acceptance certificate filed as `other`)
            page = min(p.number for p in f.pages if ctx.illegible(p))
            yield r.finding(ctx, Severity.error, key="unreadable_document.illegible", document=f.name, page=page)
            continue
        if (ctx.declared_type_raw(f.name) or "").strip().lower() == "other":
            continue  # not claimed to be a document: whether it belongs is the irrelevance rule's call
        if f.name in ctx.unreadable_files:
            # only our OCR failed on it: a photo a person reads may give OCR nothing, so the moderator looks
            yield r.finding(ctx, Severity.warning, key="unreadable_document.file", document=f.name, page=f.pages[0].number)
            continue
        for p in f.pages:
            if (kind := ctx.page_problem(p, f.name)) is not None:
                severity, key = _PAGE_PROBLEMS[kind]
                yield r.finding(ctx, severity, key=key, document=f.name, page=p.number)


def phash_distance(a: str, b: str) -> int | None:
    """Hamming distance of two imagehash hex strings; None when they are not comparable."""
    if len(a) != len(b):
        return None
    try:
        return (int(a, 16) ^ int(b, 16)).bit_count()
    except ValueError:
        return None


def _same_image(ctx: CheckContext, a: FileEvidence, b: FileEvidence) -> tuple[int, int] | None:
    """The first pair of page numbers whose images are the same scan, skipping blank pages."""
    limit = ctx.settings.duplicate_phash_distance
    for pa in a.pages:
        if not pa.image_hash or pa.word_count < ctx.settings.blank_page_words:
            continue
        for pb in b.pages:
            if not pb.image_hash or pb.word_count < ctx.settings.blank_page_words:
                continue
            d = phash_distance(pa.image_hash, pb.image_hash)
            if d is not None and d <= limit:
                return pa.number, pb.number
    return None


@rule("duplicate_document", "Rules 763 p.14.2")
def duplicates(ctx: CheckContext, r: Rule) -> Iterator[Finding]:
    files = ctx.files
    for j, later in enumerate(files):
        for earlier in files[:j]:
            if later.sha256 and later.sha256 == earlier.sha256:
                yield r.finding(ctx, Severity.warning, document=later.name, other_document=earlier.name)
                break
            pages = _same_image(ctx, later, earlier)
            if pages is not None:
                yield r.finding(
                    ctx,
                    Severity.warning,
                    key="duplicate_document.image",
                    document=later.name,
                    page=pages[0],
                    other_document=earlier.name,
                    params={"other_page": pages[1]},
                )
                break
        for other in later.seen_in:
            yield r.finding(
                ctx,
                Severity.warning,
                key="duplicate_document.seen_before",
                document=later.name,
                found=other,
                params={"other_application": other},
            )


def _compatible(declared: DocType, found: DocType) -> bool:
    return declared == found or frozenset({declared, found}) in COMPATIBLE


@rule("document_type_mismatch", "portal guide")
def declared_type_matches(ctx: CheckContext, r: Rule) -> Iterator[Finding]:
    """Only when the classifier is sure; a bundled file is fine when one of its documents matches."""
    by_file: dict[str, list[ReadDocument]] = {}
    for d in ctx.documents:
        by_file.setdefault(d.file, []).append(d)
    for name, docs in by_file.items():
        declared = ctx.declared_type(name)
        if declared is None or declared == DocType.other:
            continue
        if any(_compatible(declared, d.doc_type) for d in docs):
            continue
        sure = [d for d in docs if d.doc_type != DocType.other and d.confidence >= ctx.settings.classifier_confident]
        if not sure:
            continue
        d = max(sure, key=lambda x: (len(x.pages), x.confidence))
        yield r.finding(
            ctx,
            Severity.error,
            doc=d,
            declared=ctx.declared_type_raw(name),
            found=str(d.doc_type),
            params={
                "declared_name": partial(doc_type_name, declared),
                "found_name": partial(doc_type_name, d.doc_type),
            },
        )


@rule("irrelevant_document", "Rules 763 p.14.1")
def concerns_the_goods(ctx: CheckContext, r: Rule) -> Iterator[Finding]:
    for doc in ctx.documents:
        if doc.file in ctx.unreadable_files or doc.file in ctx.illegible_files:
            continue  # reported as unreadable: what it is cannot be told
        if doc.doc_type == DocType.other:
            raw = (ctx.declared_type_raw(doc.file) or "").strip().lower()
            if raw in ALLOWED_OTHER or doc.kind in ALLOWED_KINDS:
                continue
            sure = doc.confidence >= ctx.settings.classifier_confident
            yield r.finding(
                ctx,
                Severity.warning if sure else Severity.info,
                key="irrelevant_document.other" if sure else "irrelevant_document.unsure",
                doc=doc,
            )
        elif doc.doc_type in FACT_DOCS and ctx.about_other_goods(doc):
            yield r.finding(ctx, Severity.warning, doc=doc)


RULES = [file_supported, file_readable, duplicates, declared_type_matches, concerns_the_goods]
