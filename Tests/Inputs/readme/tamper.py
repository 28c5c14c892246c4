#!/usr/bin/env python3
"""Makes the README's tampered.zip: a copy of a packet with plan.json removed, one word
of 03-cover-letter.html changed and notes.txt added (manifest.xml left as it was).

    python3 Tests/Inputs/readme/tamper.py PACKET.zip TAMPERED.zip
"""
import sys
import zipfile

source, target = sys.argv[1], sys.argv[2]
with zipfile.ZipFile(source) as z, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as out:
    for info in z.infolist():
        if info.filename == "plan.json":
            continue
        data = z.read(info)
        if info.filename == "03-cover-letter.html":
            data = data.replace(b"</body>", b"<p>Added later.</p></body>", 1)
        out.writestr(info, data)
    out.writestr("notes.txt", "added later\n")
