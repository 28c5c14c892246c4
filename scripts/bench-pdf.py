#!/usr/bin/env python3
"""PDF packets three ways on the same pages, interleaved in one run (BENCHMARKS.md, "--pdf").

  scripts/bench-pdf.py [N] [ROUNDS]        default: 40 profiles, 3 rounds; JOBS=$(nproc)

N synthetic profiles (scripts/bench-gen.py, every category, none broken), then ROUNDS rounds of:
- imp-packet: `batch N.jsonl -o OUT --pdf --jobs JOBS --quiet`, release build: the whole
  packet (plan, pages, upload PDFs, zip, verify), one persistent renderer per worker;
- fresh: the same HTML documents imp-packet renders (recorded from a first, untimed run: the
  pages that go into upload/ and each family member's letter), each rendered by a new
  `weasyprint --pdf-variant pdf/a-2a --pdf-tags IN OUT` process, JOBS at a time: what a user's
  own script does;
- bare: the same documents through JOBS bare persistent renderers (imp-packet's driver,
  Sources/PDFRender/Resources/render-driver.py, one render request per document, the options
  imp-packet gives), nothing else: the renderer's own limit.
Wall time from start to end of each way; CPU as user+system time of the way's processes and
their children (getrusage RUSAGE_CHILDREN, read after they exited); pages counted with pdfinfo.
Prints one line per way (medians of the rounds) and the ratios; results in bench-data/pdf-results.txt.
"""
import concurrent.futures
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import zipfile

root = os.path.abspath(os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
n = int(sys.argv[1]) if len(sys.argv) > 1 else 40
rounds = int(sys.argv[2]) if len(sys.argv) > 2 else 3
jobs = int(os.environ.get("JOBS") or os.cpu_count() or 1)
# IMP_PACKET_BIN picks another build (the debug one: the Swift side is under 2% of a PDF packet's CPU).
tool = os.environ.get("IMP_PACKET_BIN") or f"{root}/.build/release/imp-packet"
driver_path = f"{root}/Sources/PDFRender/Resources/render-driver.py"
python = os.environ.get("IMP_PACKET_PYTHON") or "python3"
if not os.path.exists(tool):
    sys.exit(f"bench-pdf.py: {tool} is missing: build the release binary first (swift build -c release)")

work = tempfile.mkdtemp(prefix="bench-pdf-", dir="/dev/shm" if os.path.isdir("/dev/shm") else None)
data = f"{work}/{n}.jsonl"
subprocess.run([sys.executable, f"{root}/scripts/bench-gen.py", "-n", str(n), "--broken", "0", "--jsonl", data],
               check=True, capture_output=True)


def cpu():
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def pdf_pages(path_or_bytes):
    if isinstance(path_or_bytes, bytes):
        r = subprocess.run(["pdfinfo", "-"], input=path_or_bytes, capture_output=True)
    else:
        r = subprocess.run(["pdfinfo", path_or_bytes], capture_output=True)
    return int(next(l.split()[1] for l in r.stdout.decode().splitlines() if l.startswith("Pages:")))


def run_tool(out, extra_env={}):
    env = dict(os.environ, SOURCE_DATE_EPOCH="1764547200", **extra_env)
    r = subprocess.run([tool, "batch", data, "-o", out, "--pdf", "--jobs", str(jobs), "--quiet"],
                       capture_output=True, env=env)
    if r.returncode != 0:
        sys.exit(f"imp-packet batch --pdf failed ({r.returncode}): {r.stderr.decode()[-2000:]}")


# The documents: every HTML document imp-packet hands its renderer, recorded from a first
# (untimed) run whose renderers are started through a recorder (IMP_PACKET_PYTHON, which
# imp-packet runs as `IMP_PACKET_PYTHON render-driver.py`): it copies each request to a file
# on its way to the real driver. So fresh and bare render exactly what imp-packet renders:
# the HTML pages that go into upload/ (not the catalog's `notUploaded` pages) and each family
# member's own letter (family-member-letter.xhtml, which the zip does not hold as HTML), one
# document per HTML part; imp-packet renders a slot's parts in one request, into one PDF.
# The upload PDFs' pages are counted from the same run's zips.
record = f"{work}/record"
os.makedirs(record)
recorder = f"{work}/record-python"
with open(recorder, "w") as f:
    f.write(f'#!/bin/sh\ntee "{record}/$$.in" | exec {python} "$@"\n')
os.chmod(recorder, 0o755)
first = f"{work}/first"
run_tool(first, {"IMP_PACKET_PYTHON": recorder})
documents = []  # HTML, one document per part
for name in sorted(os.listdir(record)):
    stream = open(f"{record}/{name}", "rb")
    while line := stream.readline():
        request = json.loads(line)
        blobs = [stream.read(size) for size in request.get("blobs", [])]
        if request.get("op") != "render":
            continue
        for part in request["parts"]:
            if part["kind"] == "html":
                documents.append(blobs[part["blob"]])
            else:
                sys.exit(f"bench-pdf.py: imp-packet rendered a {part['kind']} part: these profiles have no scans")
documents.sort()  # an order that does not depend on which worker drew which packet
pages = []
for k, html in enumerate(documents):
    path = f"{work}/pages/{k:04}.html"
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as f:
        f.write(html)
    pages.append(path)
upload_pages, packets = 0, 0
for name in sorted(os.listdir(first)):
    if not name.endswith(".zip"):
        continue
    packets += 1
    z = zipfile.ZipFile(f"{first}/{name}")
    for entry in z.namelist():
        if entry.endswith(".pdf") and entry.startswith("upload/"):
            upload_pages += pdf_pages(z.read(entry))
assert packets == n, f"imp-packet made {packets} packets of {n}"


def fresh():
    """A new WeasyPrint process per page, JOBS at a time."""
    def one(path):
        out = path[:-5] + ".fresh.pdf"
        subprocess.run(["weasyprint", "--pdf-variant", "pdf/a-2a", "--pdf-tags", path, out], check=True, capture_output=True)
        return out
    with concurrent.futures.ThreadPoolExecutor(jobs) as pool:
        return list(pool.map(one, pages))


def bare():
    """JOBS persistent driver processes, each fed a share of the pages, one request per page."""
    counts = [0] * jobs

    def worker(k):
        d = subprocess.Popen([python, driver_path], stdin=subprocess.PIPE, stdout=subprocess.PIPE)
        assert json.loads(d.stdout.readline())["ready"]
        for path in pages[k::jobs]:
            html = open(path, "rb").read()
            request = {"op": "render", "parts": [{"kind": "html", "blob": 0}], "blobs": [len(html)],
                       "options": {"title": os.path.basename(path), "lang": "en", "created": "2025-12-01T00:00:00Z",
                                   "identifier": "00" * 16, "variant": "pdf/a-2a"}}
            d.stdin.write(json.dumps(request, sort_keys=True).encode() + b"\n" + html)
            d.stdin.flush()
            head = json.loads(d.stdout.readline())
            assert head.get("ok"), head
            counts[k] += head["pages"]
            d.stdout.read(head["length"])
        d.stdin.close()
        d.wait()

    threads = [threading.Thread(target=worker, args=(k,)) for k in range(jobs)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return sum(counts)


results = {"imp-packet": [], "fresh": [], "bare": []}
fresh_pages = bare_pages = 0
for r in range(rounds):
    out = f"{work}/tool"
    shutil.rmtree(out, ignore_errors=True)
    w, c = time.perf_counter(), cpu()
    run_tool(out)
    results["imp-packet"].append((time.perf_counter() - w, cpu() - c))

    w, c = time.perf_counter(), cpu()
    made = fresh()
    results["fresh"].append((time.perf_counter() - w, cpu() - c))
    if r == 0:
        fresh_pages = sum(pdf_pages(p) for p in made)

    w, c = time.perf_counter(), cpu()
    bare_pages = bare()
    results["bare"].append((time.perf_counter() - w, cpu() - c))


def median(xs):
    xs = sorted(xs)
    return xs[len(xs) // 2] if len(xs) % 2 else (xs[len(xs) // 2 - 1] + xs[len(xs) // 2]) / 2


lines = []
with open("/proc/loadavg") as f:
    load = " ".join(f.read().split()[:3])
model = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), "?")
renderer = subprocess.run([python, "-c", "import weasyprint, pikepdf; print('WeasyPrint', weasyprint.__version__, 'pikepdf', pikepdf.__version__)"],
                          capture_output=True, text=True).stdout.strip()
lines.append(f"# {time.strftime('%Y-%m-%dT%H:%MZ', time.gmtime())} {os.cpu_count()} cores, {model}; {renderer}; load after: {load}")
lines.append(f"# imp-packet: {tool}")
lines.append(f"# {n} profiles, {len(pages)} HTML documents rendered by imp-packet ({upload_pages} PDF pages in its upload files; "
             f"fresh made {fresh_pages}, bare {bare_pages}); {rounds} rounds; jobs {jobs}")
figures = {}
for way, rows in results.items():
    wall = median([row[0] for row in rows])
    cpu_s = median([row[1] for row in rows])
    page_count = {"imp-packet": upload_pages, "fresh": fresh_pages, "bare": bare_pages}[way]
    figures[way] = (wall, cpu_s)
    lines.append(f"{way:11} {n / wall:6.2f} packets/s  wall {wall:7.2f} s  CPU {cpu_s:7.2f} s  "
                 f"CPU/page {cpu_s / page_count:.3f} s  ({page_count} pages)")
    lines.append(f"#   runs (wall s, CPU s): " + ", ".join(f"{a:.2f}/{b:.2f}" for a, b in rows))
t, f_, b = figures["imp-packet"], figures["fresh"], figures["bare"]
lines.append(f"imp-packet vs fresh: x{f_[0] / t[0]:.2f} faster (wall), x{f_[1] / t[1]:.2f} less CPU; "
             f"vs bare: x{t[0] / b[0]:.2f} the wall time, x{t[1] / b[1]:.2f} the CPU")
print("\n".join(lines))
os.makedirs(f"{root}/bench-data", exist_ok=True)
with open(f"{root}/bench-data/pdf-results.txt", "w") as f:
    f.write("\n".join(lines) + "\n")
shutil.rmtree(work, ignore_errors=True)
