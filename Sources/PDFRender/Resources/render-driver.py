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
import gc
import io
import json
import logging
import re
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
    import weasyprint.css
    from PIL import Image, ImageFile
    from weasyprint.formatting_structure.boxes import MarginBox
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


# A document's inline <style>, parsed once per process: every page of a packet carries the same
# stylesheet, and parsing it (tinycss2, then compiling its selectors: 24 ms) was about a tenth of
# a page's rendering. WeasyPrint 70 builds each <style> through `weasyprint.css.CSS`; a parsed
# sheet does not change while documents are cascaded with it, so the same object serves them
# all, and its parsing warnings go with it into each response. A sheet whose parsing adds to
# the document's own tables (@counter-style, @color-profile, @layer) or fetches (@import) is
# parsed for each document as before, and so is every sheet under another WeasyPrint version
# (scripts/deps pins 70.0).
STYLESHEETS = {}
_PARSE_CSS = weasyprint.CSS


def parsed_stylesheet(*args, string=None, base_url=None, url_fetcher=None, media_type="print", font_config=None,
                      counter_style=None, color_profiles=None, page_rules=None, layers=None, **kwargs):
    def parse(counter_style, color_profiles, page_rules, layers):
        return _PARSE_CSS(
            *args, string=string, base_url=base_url, url_fetcher=url_fetcher, media_type=media_type,
            font_config=font_config, counter_style=counter_style, color_profiles=color_profiles,
            page_rules=page_rules, layers=layers, **kwargs)

    if args or kwargs or string is None or "@import" in string:  # fetched sheets are not kept
        return parse(counter_style, color_profiles, page_rules, layers)
    key = (string, base_url, media_type, id(font_config))
    kept = STYLESHEETS.get(key)
    if kept is None:
        own_counters, own_profiles, own_layers = {}, {}, []
        before = len(WARNINGS.messages)
        sheet = parse(own_counters, own_profiles, [], own_layers)
        if own_counters or own_profiles or own_layers:
            return parse(counter_style, color_profiles, page_rules, layers)
        if len(STYLESHEETS) >= 64:
            STYLESHEETS.clear()
        # Its warnings (an unknown property) are those of every document that uses it.
        kept = STYLESHEETS[key] = (sheet, WARNINGS.messages[before:])
    sheet, warnings = kept
    for message in warnings:
        if message not in WARNINGS.messages:
            WARNINGS.messages.append(message)
    return sheet


if weasyprint.__version__ == "70.0":
    weasyprint.css.CSS = parsed_stylesheet

# The collector. Rendering a page makes hundreds of thousands of objects that live until the
# response is sent; with Python's default thresholds the collector walks them over and over
# (full collections also walk WeasyPrint's caches). So: what start-up made is frozen (never
# walked again), young collections run every 50,000 allocations instead of 700, and a full
# collection runs every FULL_COLLECTION_EVERY requests, between them, which keeps memory
# flat. Measured on a cover letter and an employer summary: 0.90x the CPU per page.
FULL_COLLECTION_EVERY = 16
gc.collect()
gc.freeze()
gc.set_threshold(50_000, 20, 100)


class PartError(Exception):
    pass


def escape(text):
    return (text or "").replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;").replace(">", "&gt;")


def css_string(text):
    return '"' + (text or "").replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ") + '"'


def scan_page(body, title, lang, stamp):
    """The HTML of a Letter page for a scan: `body` in the margins, `stamp` at the foot."""
    foot = f"@bottom-left {{ content: {css_string(stamp)}; font: 8pt 'Liberation Sans', sans-serif; color: #444; }}" if stamp else ""
    return (
        f'<!DOCTYPE html><html lang="{escape(lang)}"><head><meta charset="utf-8"><title>{escape(title)}</title><style>'
        f"@page {{ size: letter; margin: {MARGIN}in; {foot} }} body {{ margin: 0; }}"
        f"img {{ display: block; margin: 0 auto; }}"
        f"</style></head><body>{body}</body></html>"
    )


def reason(error):
    """What a library says is wrong, without the Python object names that change every run
    ("stream <_io.BytesIO object at 0x7f…>: "), so that the same input gives the same message."""
    text = re.sub(r"\(?(?:stream )?<[^<>]* object at 0x[0-9a-fA-F]+>\)?:?\s*", "", str(error))
    return text.strip() or type(error).__name__


def load_whole(im):
    """Decodes the whole image, so that a truncated or damaged one (whose header alone is
    fine) is an error. WeasyPrint lets Pillow load truncated images (ImageFile's
    LOAD_TRUNCATED_IMAGES, process-wide): not for the client's scans, checked here."""
    lenient = ImageFile.LOAD_TRUNCATED_IMAGES
    ImageFile.LOAD_TRUNCATED_IMAGES = False
    try:
        im.load()
    finally:
        ImageFile.LOAD_TRUNCATED_IMAGES = lenient


def image_page(data, alt, lang, index, stamp):
    """An image on a Letter page, as large as fits, and its effective DPI there."""
    try:
        with Image.open(io.BytesIO(data)) as im:
            width, height, kind = im.width, im.height, im.format
            load_whole(im)
    except Exception as error:
        raise PartError(f"part {index}: not an image Pillow can read ({reason(error)})")
    if kind not in ("JPEG", "PNG"):
        raise PartError(f"part {index}: a {kind} image; give JPEG, PNG or PDF")
    scale = min(BOX_W / width, BOX_H / height)
    w_in, h_in = width * scale, height * scale
    dpi = width / w_in
    mime = "image/jpeg" if kind == "JPEG" else "image/png"
    uri = f"data:{mime};base64," + base64.b64encode(data).decode()
    img = f'<img src="{uri}" alt="{escape(alt or "Scanned page")}" style="width: {w_in:.4f}in; height: {h_in:.4f}in">'
    html = scan_page(img, alt, lang, stamp and f"{stamp} · {alt}")
    return html, {"part": index, "width": width, "height": height, "dpi": round(dpi, 1)}


def drop_page_totals(page):
    """"Page 1 of 1" says nothing: on a document of one page, the margin boxes whose content
    counts the pages (counter(pages), as in "Page X of Y") are left out. Other margin boxes
    (running headers, a firm's own line) stay."""
    def counts_pages(box):
        content = box.style["content"]
        return isinstance(content, tuple) and any(
            kind in ("counter()", "counters()") and value and value[0] == "pages" for kind, value in content)

    page_box = page._page_box  # WeasyPrint 70's laid-out page (scripts/deps pins the version)
    page_box.children = [
        box for box in page_box.children if not (isinstance(box, MarginBox) and counts_pages(box))]


def letter_pages(data, index):
    """An existing PDF, opened."""
    try:
        source = pikepdf.open(io.BytesIO(data))
    except Exception as error:
        raise PartError(f"part {index}: not a PDF that can be read ({reason(error)})")
    if len(source.pages) == 0:
        raise PartError(f"part {index}: the PDF has no page")
    return source


def render(request, blobs):
    options = request.get("options", {})
    lang = options.get("lang") or "en"
    variant = options.get("variant")
    max_dpi = options.get("maxDPI")
    stamp = options.get("stamp")
    WARNINGS.messages = []
    documents, images, overlays, sources = [], [], [], []

    # Image options act when pages are laid out, so they go to render(), not only write_pdf().
    images_options = {"dpi": max_dpi, "jpeg_quality": options.get("jpegQuality") or 85} if max_dpi else {}

    def add(html):
        document = html.render(font_config=FONTS, pdf_variant=variant, pdf_tags=True, **images_options)
        if len(document.pages) == 1:
            drop_page_totals(document.pages[0])
        documents.append(document)

    for index, part in enumerate(request["parts"]):
        data = blobs[part["blob"]]
        kind = part["kind"]
        if kind == "html":
            add(weasyprint.HTML(string=data.decode("utf-8"), base_url=part.get("baseURL") or "."))
        elif kind == "image":
            html, info = image_page(data, part.get("alt"), lang, index, stamp)
            add(weasyprint.HTML(string=html))
            images.append(info)
        elif kind == "pdf":
            source = letter_pages(data, index)
            sources.append(source)
            label = part.get("alt") or "Scanned document"
            for n, page in enumerate(source.pages, 1):
                # A frame of ours (tagged, with the stamp); the page itself is drawn on it afterwards.
                title = f"{label}, page {n}" if len(source.pages) > 1 else label
                first = sum(len(d.pages) for d in documents)
                add(weasyprint.HTML(string=scan_page("", title, lang, stamp and f"{stamp} · {title}")))
                overlays.append((first, page))
        else:
            raise PartError(f"part {index}: unknown kind {kind!r}")
    if not documents:
        raise PartError("nothing to render")

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
    write.update(images_options)
    pdf_bytes = merged.write_pdf(**write)

    pages_out = len(merged.pages)
    if overlays:
        pdf = pikepdf.open(io.BytesIO(pdf_bytes))
        for index, page in overlays:
            place_on_letter(pdf, page, index)
        # Pages we did not make cannot be claimed as PDF/A: drop the claim, keep the rest.
        with pdf.open_metadata(set_pikepdf_as_editor=False, update_docinfo=False) as xmp:
            for key in ("pdfaid:part", "pdfaid:conformance"):
                if key in xmp:
                    del xmp[key]
        out = io.BytesIO()
        pdf.save(out, deterministic_id=True, preserve_pdfa=False)
        pdf_bytes = out.getvalue()
    for source in sources:
        source.close()
    return {
        "ok": True, "pages": pages_out, "images": images, "pdfa": bool(variant) and not overlays,
        "warnings": WARNINGS.messages[:20],
    }, pdf_bytes


def place_on_letter(pdf, source_page, index):
    """Draws `source_page` on page `index` (a frame of ours), scaled to fit inside the margins,
    as an artifact: the frame's own text (the stamp) is what is tagged."""
    target = pdf.pages[index]
    rect = pikepdf.Rectangle(MARGIN * 72, MARGIN * 72, (PAGE_W - MARGIN) * 72, (PAGE_H - MARGIN) * 72)
    # By hand rather than add_overlay, whose resource names are random: same bytes every time.
    form = pdf.copy_foreign(source_page.as_form_xobject())
    name = target.add_resource(form, pikepdf.Name.XObject, pikepdf.Name("/Scan"))
    placement = target.calc_form_xobject_placement(form, name, rect, allow_shrink=True, allow_expand=True)
    # WeasyPrint's content leaves its own transformation (a y-flip) in force: fence it in q/Q so
    # that the scan is placed in the page's default coordinates, upright.
    target.contents_add(pdf.make_stream(b"q\n"), prepend=True)
    target.contents_add(pdf.make_stream(b"\nQ /Artifact BMC q " + placement + b" Q EMC"), prepend=False)


def image_info(blobs):
    """The image's size and format, once the whole of it was read: a photo uploaded as it
    is (the photo slot) must not be a truncated or damaged JPEG whose header alone is fine."""
    try:
        with Image.open(io.BytesIO(blobs[0])) as im:
            load_whole(im)
            return {"ok": True, "width": im.width, "height": im.height, "format": im.format}, b""
    except Exception as error:
        return {"ok": False, "error": f"not an image Pillow can read ({reason(error)})"}, b""


def main():
    send({"ready": True, "renderer": f"WeasyPrint {weasyprint.__version__}", "pikepdf": pikepdf.__version__})
    served = 0
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
        served += 1
        if served % FULL_COLLECTION_EVERY == 0:
            gc.collect()


if __name__ == "__main__":
    main()
