"""The PDF renderer that PDFRender keeps running: WeasyPrint for HTML and images, pikepdf
(qpdf) for pages of existing PDFs. Knows nothing about what the documents are.

One process serves many requests, so the interpreter, WeasyPrint and the fonts load once.

Protocol, over stdin and stdout:
  started    -> {"ready": true, "renderer": "WeasyPrint 70.0", "pikepdf": "10.18.0"}
                or {"ready": false, "missing": "weasyprint", "error": "..."} and exit 3
  request    <- one JSON line {"op": ..., "blobs": [n0, n1, ...]} then the blobs' bytes
  response   -> one JSON line {"ok": true, "length": n, ...} then n bytes
                or {"ok": false, "error": "..."}
Ops: "render" (parts -> one PDF), "image-info" (blob 0 -> width, height, format), "quit".
"""

import base64
import io
import json
import logging
import sys

OUT = sys.stdout.buffer
IN = sys.stdin.buffer


def send(header, payload=b""):
    header = dict(header)
    if header.get("ok", True) and "ready" not in header:
        header["length"] = len(payload)
    OUT.write(json.dumps(header, sort_keys=True).encode() + b"\n")
    OUT.write(payload)
    OUT.flush()


try:
    import pikepdf
    import weasyprint
    from PIL import Image
except ImportError as error:  # the Swift side turns this into "how to install"
    send({"ready": False, "missing": getattr(error, "name", None) or "weasyprint", "error": str(error)})
    sys.exit(3)


class Collect(logging.Handler):
    """Keeps WeasyPrint's warnings for the response instead of writing them to stderr."""

    def __init__(self):
        super().__init__(logging.WARNING)
        self.messages = []

    def emit(self, record):
        message = record.getMessage()
        if message not in self.messages:
            self.messages.append(message)


WARNINGS = Collect()
for name in ("weasyprint", "fontTools"):
    logger = logging.getLogger(name)
    logger.handlers = [WARNINGS]
    logger.propagate = False

# Letter, and the part of it an image scan may fill (inches).
PAGE_W, PAGE_H, MARGIN = 8.5, 11.0, 0.4
BOX_W, BOX_H = PAGE_W - 2 * MARGIN, PAGE_H - 2 * MARGIN
FONTS = weasyprint.text.fonts.FontConfiguration()


class PartError(Exception):
    pass


def image_page(data, alt, lang, index):
    """An image on a Letter page, as large as fits, and its effective DPI there."""
    try:
        with Image.open(io.BytesIO(data)) as im:
            width, height, kind = im.width, im.height, im.format
    except Exception as error:
        raise PartError(f"part {index}: not an image Pillow can read ({error})")
    if kind not in ("JPEG", "PNG"):
        raise PartError(f"part {index}: a {kind} image; give JPEG, PNG or PDF")
    scale = min(BOX_W / width, BOX_H / height)
    w_in, h_in = width * scale, height * scale
    dpi = width / w_in
    mime = "image/jpeg" if kind == "JPEG" else "image/png"
    uri = f"data:{mime};base64," + base64.b64encode(data).decode()
    alt = (alt or "Scanned page").replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;")
    html = (
        f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8"><title>{alt}</title><style>'
        f"@page {{ size: letter; margin: {MARGIN}in; }} body {{ margin: 0; }}"
        f"img {{ display: block; margin: 0 auto; width: {w_in:.4f}in; height: {h_in:.4f}in; }}"
        f'</style></head><body><img src="{uri}" alt="{alt}"></body></html>'
    )
    return html, {"part": index, "width": width, "height": height, "dpi": round(dpi, 1)}


def letter_pages(data, index):
    """The pages of an existing PDF, each scaled onto a Letter page."""
    try:
        source = pikepdf.open(io.BytesIO(data))
    except Exception as error:
        raise PartError(f"part {index}: not a PDF that can be read ({error})")
    if source.is_encrypted:
        raise PartError(f"part {index}: the PDF is encrypted; give an unprotected copy")
    return source


def render(request, blobs):
    options = request.get("options", {})
    lang = options.get("lang") or "en"
    variant = options.get("variant")
    max_dpi = options.get("maxDPI")
    WARNINGS.messages = []
    documents, layout, images = [], [], []
    for index, part in enumerate(request["parts"]):
        data = blobs[part["blob"]]
        kind = part["kind"]
        if kind == "html":
            html = weasyprint.HTML(string=data.decode("utf-8"), base_url=part.get("baseURL") or ".")
            documents.append(html.render(font_config=FONTS, pdf_variant=variant, pdf_tags=True))
            layout.append(("ours", len(documents[-1].pages)))
        elif kind == "image":
            html, info = image_page(data, part.get("alt"), lang, index)
            documents.append(weasyprint.HTML(string=html).render(font_config=FONTS, pdf_variant=variant, pdf_tags=True))
            images.append(info)
            layout.append(("ours", len(documents[-1].pages)))
        elif kind == "pdf":
            layout.append(("pdf", letter_pages(data, index)))
        else:
            raise PartError(f"part {index}: unknown kind {kind!r}")
    if not documents:
        return existing_only(layout, options, lang)

    merged = documents[0].copy([page for d in documents for page in d.pages])
    meta = merged.metadata
    meta.title = options.get("title") or meta.title
    meta.authors = [options["author"]] if options.get("author") else meta.authors
    meta.description = options.get("subject") or meta.description
    meta.keywords = options.get("keywords") or []
    meta.generator = options.get("creator") or meta.generator
    meta.created = options.get("created")
    meta.modified = options.get("modified") or options.get("created")
    meta.lang = lang
    identifier = bytes.fromhex(options["identifier"]) if options.get("identifier") else None
    write = {"pdf_variant": variant, "pdf_tags": True, "pdf_identifier": identifier}
    if max_dpi:
        write.update(dpi=max_dpi, jpeg_quality=options.get("jpegQuality") or 85)
    pdf_bytes = merged.write_pdf(**write)

    foreign = [item for kind, item in layout if kind == "pdf"]
    pages_out = len(merged.pages)
    if foreign:
        pdf = pikepdf.open(io.BytesIO(pdf_bytes))
        cursor = 0
        for kind, item in layout:
            if kind == "ours":
                cursor += item
                continue
            for source_page in item.pages:
                place_on_letter(pdf, source_page, cursor)
                cursor += 1
        # Pages we did not make cannot be claimed as PDF/A: drop the claim, keep the rest.
        with pdf.open_metadata(set_pikepdf_as_editor=False, update_docinfo=False) as xmp:
            for key in ("pdfaid:part", "pdfaid:conformance"):
                if key in xmp:
                    del xmp[key]
        out = io.BytesIO()
        pdf.save(out, deterministic_id=True, preserve_pdfa=False)
        pages_out = len(pdf.pages)
        pdf_bytes = out.getvalue()
        for item in foreign:
            item.close()
    return {
        "ok": True, "pages": pages_out, "images": images, "pdfa": bool(variant) and not foreign,
        "warnings": WARNINGS.messages[:20],
    }, pdf_bytes


def pdf_date(w3c):
    """2026-11-20T00:00:00Z -> D:20261120000000Z (PDF's date form)."""
    digits = "".join(c for c in w3c if c.isdigit())[:14]
    return f"D:{digits}Z"


def existing_only(layout, options, lang):
    """A PDF of existing PDFs' pages only (no page of ours): pikepdf alone, with our metadata."""
    pdf = pikepdf.new()
    for _, source in layout:
        for source_page in source.pages:
            place_on_letter(pdf, source_page, len(pdf.pages))
    pdf.Root.Lang = pikepdf.String(lang)
    created = pdf_date(options.get("created") or "2000-01-01T00:00:00Z")
    info = {"/Title": options.get("title") or "", "/Producer": f"WeasyPrint {weasyprint.__version__} and pikepdf {pikepdf.__version__}",
            "/CreationDate": created, "/ModDate": created}
    if options.get("author"):
        info["/Author"] = options["author"]
    if options.get("subject"):
        info["/Subject"] = options["subject"]
    pdf.trailer.Info = pdf.make_indirect(pikepdf.Dictionary({k: pikepdf.String(v) for k, v in info.items()}))
    with pdf.open_metadata(set_pikepdf_as_editor=False, update_docinfo=False) as xmp:
        xmp["dc:title"] = options.get("title") or ""
        if options.get("author"):
            xmp["dc:creator"] = [options["author"]]
        xmp["xmp:CreateDate"] = options.get("created")
        xmp["xmp:ModifyDate"] = options.get("created")
        xmp["pdf:Producer"] = info["/Producer"]
    out = io.BytesIO()
    pdf.save(out, deterministic_id=True)
    pages = len(pdf.pages)
    for _, source in layout:
        source.close()
    return {"ok": True, "pages": pages, "images": [], "pdfa": False, "warnings": []}, out.getvalue()


def place_on_letter(pdf, source_page, index):
    """Inserts at `index` a Letter page showing `source_page` scaled to fit (inside the margins
    when it is larger than Letter)."""
    box = [float(v) for v in source_page.mediabox]
    pdf.add_blank_page(page_size=(PAGE_W * 72, PAGE_H * 72))
    blank = pdf.pages[-1]
    del pdf.pages[-1]
    pdf.pages.insert(index, blank)
    target = pdf.pages[index]
    margin = MARGIN * 72 if box[2] - box[0] > PAGE_W * 72 - 1 or box[3] - box[1] > PAGE_H * 72 - 1 else 0
    rect = pikepdf.Rectangle(margin, margin, PAGE_W * 72 - margin, PAGE_H * 72 - margin)
    # By hand rather than add_overlay, whose resource names are random: same bytes every time.
    form = pdf.copy_foreign(source_page.as_form_xobject())
    name = target.add_resource(form, pikepdf.Name.XObject, pikepdf.Name("/Scan"))
    placement = target.calc_form_xobject_placement(form, name, rect, allow_shrink=True, allow_expand=True)
    target.contents_add(pdf.make_stream(b"q " + placement + b" Q"), prepend=False)


def image_info(blobs):
    try:
        with Image.open(io.BytesIO(blobs[0])) as im:
            return {"ok": True, "width": im.width, "height": im.height, "format": im.format}, b""
    except Exception as error:
        return {"ok": False, "error": f"not an image Pillow can read ({error})"}, b""


def main():
    send({"ready": True, "renderer": f"WeasyPrint {weasyprint.__version__}", "pikepdf": pikepdf.__version__})
    while True:
        line = IN.readline()
        if not line:
            return
        try:
            request = json.loads(line)
            blobs = []
            for n in request.get("blobs", []):
                data = IN.read(n)
                if len(data) != n:
                    return
                blobs.append(data)
        except ValueError as error:
            send({"ok": False, "error": f"bad request: {error}"})
            continue
        op = request.get("op")
        if op == "quit":
            return
        try:
            if op == "render":
                header, payload = render(request, blobs)
            elif op == "image-info":
                header, payload = image_info(blobs)
            else:
                header, payload = {"ok": False, "error": f"unknown op {op!r}"}, b""
        except PartError as error:
            header, payload = {"ok": False, "error": str(error)}, b""
        except Exception as error:  # a renderer failure, reported; the process stays usable
            header, payload = {"ok": False, "error": f"{type(error).__name__}: {error}"}, b""
        send(header, payload)


if __name__ == "__main__":
    main()
