#!/usr/bin/env python3
"""Writes hostile packets with Python's zipfile (not imp-packet's writer) into a folder.

  make-zips.py PACKET.zip OUTDIR

Each starts from a real packet, so only the named fault differs; the manifest is rewritten
with correct sizes and digests where the fault is a file the manifest lists.
"""
import hashlib, re, sys, zipfile

src, out = sys.argv[1:3]
with zipfile.ZipFile(src) as z:
    files = [(i.filename, z.read(i)) for i in z.infolist()]
manifest = dict(files)['manifest.xml'].decode()
files = [(n, d) for n, d in files if n != 'manifest.xml']

def line(name, data):
    return '    <file name="%s" size="%d" sha256="%s" mediaType="text/html"/>\n' % (
        name, len(data), hashlib.sha256(data).hexdigest())

def write(path, entries, listed, modes={}):
    body = ''.join(line(n, d) for n, d in listed)
    m = re.sub(r'(<files>\n).*(  </files>)', lambda g: g.group(1) + body + g.group(2), manifest, flags=re.S)
    with zipfile.ZipFile(f'{out}/{path}', 'w') as z:
        z.writestr('manifest.xml', m)
        for n, d in entries:
            info = zipfile.ZipInfo(n, date_time=(2026, 12, 1, 0, 0, 0))
            if n in modes:
                info.create_system = 3  # Unix: the mode below is what unzip creates
                info.external_attr = modes[n] << 16
            z.writestr(info if n in modes else n, d)

evil = [('../evil.html', b'<p>x</p>'), ('/etc/evil.html', b'<p>y</p>')]
write('unsafe-listed.zip', files + evil, files + evil)          # names in the manifest too
write('unsafe-unlisted.zip', files + evil, files)               # names in the zip only
# A symbolic link listed with its right size and digest (its data is the path it points to):
# unzip would make link.html point at /etc/passwd.
link = [('link.html', b'/etc/passwd')]
write('symlink.zip', files + link, files + link, modes={'link.html': 0o120777})
write('lists-itself.zip', files, files + [('manifest.xml', b'')])
write('many-listed.zip', files, files + [(f'f{i}.html', b'') for i in range(120_000)])
write('many-entries.zip', files + [(f'f{i}.html', b'') for i in range(60_000)], files)
write('ten-thousand.zip', files + [(f'f{i}.html', b'') for i in range(9_990)],
      files + [(f'f{i}.html', b'') for i in range(9_990)])
