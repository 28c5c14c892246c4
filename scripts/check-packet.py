#!/usr/bin/env python3
"""Checks a packet with tools that imp-packet did not write.

  scripts/check-packet.py PACKET.zip [MANIFEST.xsd]

- Python's zipfile: the archive reads, every CRC matches, entries are owner-only;
- html5lib in strict mode: every .html entry is an HTML5 document without parse errors;
- hashlib: every file's size and SHA-256 match manifest.xml;
- xmllint --schema: manifest.xml is valid against the XSD;
- every .pdf entry (upload/, from --pdf): qpdf --check passes, every page is Letter (pdfinfo),
  its text (pdftotext) holds the packet's case id, and the manifest names the upload slot of each
  file of upload/.
Prints one JSON object (names, sizes, plan, html text) for tests, exits 1 on any failure.
"""
import hashlib, json, os, stat, subprocess, sys, tempfile, zipfile
import xml.etree.ElementTree as ET
import html5lib

def main():
    path = sys.argv[1]
    xsd = sys.argv[2] if len(sys.argv) > 2 else os.path.join(os.path.dirname(__file__), '..', 'Templates', 'packet', 'manifest.xsd')
    problems = []
    z = zipfile.ZipFile(path)
    bad = z.testzip()
    if bad:
        problems.append(f'CRC error in {bad}')
    infos = z.infolist()
    for i in infos:
        mode = i.external_attr >> 16
        if mode & 0o077:
            problems.append(f'{i.filename}: mode {oct(mode)} is readable by others')
    texts = {}
    for i in infos:
        if i.filename.endswith('.html'):
            parser = html5lib.HTMLParser(strict=True, namespaceHTMLElements=False)
            try:
                doc = parser.parse(z.read(i))
            except Exception as e:  # html5lib raises ParseError in strict mode
                problems.append(f'{i.filename}: not valid HTML5: {e}')
                continue
            body = doc.find('body')
            texts[i.filename] = {
                'text': ' '.join(''.join(body.itertext()).split()),
                'scripts': len(doc.findall('.//script')),
                'injected': len(doc.findall('.//x-injected')),
                'title': doc.find('head/title').text,
                'lang': doc.get('lang'),
            }
    manifest_bytes = z.read('manifest.xml')
    ns = {'m': 'urn:imp-packet:manifest:1'}
    root = ET.fromstring(manifest_bytes)
    listed = {}
    for f in root.find('m:files', ns).findall('m:file', ns):
        listed[f.get('name')] = (int(f.get('size')), f.get('sha256'))
    names = [i.filename for i in infos]
    for name in names:
        parts = name.split('/')
        if name.startswith('/') or '\\' in name or ':' in name or any(p in ('', '.', '..') for p in parts):
            problems.append(f'{name!r} is not a safe entry name')
    for i in infos:
        # Made on Unix (create_system 3): the file type in the high half of external_attr.
        kind = stat.S_IFMT(i.external_attr >> 16) if i.create_system == 3 else 0
        if kind not in (0, stat.S_IFREG):
            problems.append(f'{i.filename!r} is not a plain file (Unix mode {i.external_attr >> 16:o})')
    if len(set(names)) != len(names):
        problems.append('two entries have the same name')
    if 'manifest.xml' in listed:
        problems.append('manifest.xml lists itself')
    for name in names:
        if name == 'manifest.xml':
            continue
        data = z.read(name)
        if name not in listed:
            problems.append(f'{name} is not in the manifest')
        elif listed[name] != (len(data), hashlib.sha256(data).hexdigest()):
            problems.append(f'{name} does not match its manifest entry')
    for name in listed:
        if name not in names:
            problems.append(f'manifest lists {name}, which the packet lacks')
    pdfs = {}
    slots = {f.get('name'): f.get('slot') for f in root.find('m:files', ns).findall('m:file', ns)}
    for name in names:
        if not name.endswith('.pdf'):
            continue
        if name.startswith('upload/') and not slots.get(name):
            problems.append(f'{name}: the manifest names no upload slot for it')
        with tempfile.NamedTemporaryFile(suffix='.pdf') as t:
            t.write(z.read(name))
            t.flush()
            check = subprocess.run(['qpdf', '--check', t.name], capture_output=True, text=True)
            if check.returncode != 0:
                problems.append(f'{name}: qpdf --check fails: {(check.stdout + check.stderr).strip()[-300:]}')
            info = subprocess.run(['pdfinfo', '-f', '1', '-l', '9999', t.name], capture_output=True, text=True).stdout
            sizes = [l.split(':', 1)[1].strip() for l in info.splitlines() if l.startswith('Page') and 'size' in l]
            odd = [s for s in sizes if not s.startswith('612 x 792 pts')]
            if not sizes or odd:
                problems.append(f'{name}: pages not Letter: {odd or "none"}')
            text = subprocess.run(['pdftotext', '-enc', 'UTF-8', t.name, '-'], capture_output=True, text=True).stdout
            if root.get('caseId') not in text:
                problems.append(f'{name}: its text does not hold the case id {root.get("caseId")}')
            fields = dict(l.split(':', 1) for l in info.splitlines() if ':' in l)
            pdfs[name] = {'pages': len(sizes), 'slot': slots.get(name), 'text': ' '.join(text.split()),
                          'tagged': fields.get('Tagged', '').strip() == 'yes', 'title': fields.get('Title', '').strip()}
    with tempfile.NamedTemporaryFile(suffix='.xml') as t:
        t.write(manifest_bytes)
        t.flush()
        r = subprocess.run(['xmllint', '--noout', '--schema', xsd, t.name], capture_output=True, text=True)
        if r.returncode != 0:
            problems.append('manifest.xml fails its schema: ' + r.stderr.strip())
    out = {
        'names': names,
        'dates': sorted({i.date_time for i in infos}),
        'plan': json.loads(z.read('plan.json')) if 'plan.json' in names else None,
        'manifest': {'caseId': root.get('caseId'),
                     'code': root.find('m:category', ns).get('code') if root.find('m:category', ns) is not None else None},
        'html': texts,
        'pdf': pdfs,
        'problems': problems,
    }
    print(json.dumps(out, ensure_ascii=False))
    sys.exit(1 if problems else 0)

main()
