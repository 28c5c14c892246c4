#!/usr/bin/env python3
"""HTML -> PDF for one packet's pages, three ways, interleaved in one run (BENCHMARKS.md, "PDF").

  scripts/bench-pdf.py [ROUNDS]      (needs .build/release/imp-packet or .build/debug/imp-packet)

- WeasyPrint kept running: imp-packet's own driver (Sources/PDFRender/Resources/render-driver.py),
  one process, every page of every round through its pipe, as `--pdf` does;
- WeasyPrint, a new process per page: the `weasyprint` command, as a user's own script would;
- Chromium headless, a new process per page: `chromium --headless --print-to-pdf --no-pdf-header-footer`.
Pages: the five HTML pages of Fixtures/cusma-professional.json's packet. CPU is the children's
user+system time (getrusage), wall the elapsed time; pages counted with pdfinfo.
"""
import json, os, resource, subprocess, sys, tempfile, time, zipfile

root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 5
tool = next(p for p in (f"{root}/.build/release/imp-packet", f"{root}/.build/debug/imp-packet") if os.path.exists(p))
work = tempfile.mkdtemp(prefix="bench-pdf-")
subprocess.run([tool, "generate", f"{root}/Fixtures/cusma-professional.json", "-o", work, "--as-of", "2026-12-01", "--quiet"], check=True)
z = zipfile.ZipFile(f"{work}/2026-0201.zip")
pages = [n for n in z.namelist() if n.endswith(".html")]
for n in pages:
    z.extract(n, work)


def cpu():
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def count_pages(path):
    info = subprocess.run(["pdfinfo", path], capture_output=True, text=True).stdout
    return int(next(l.split()[1] for l in info.splitlines() if l.startswith("Pages:")))


def fresh(command):
    out = []
    for n in pages:
        pdf = f"{work}/{n}.pdf"
        subprocess.run(command(f"{work}/{n}", pdf), check=True, capture_output=True)
        out.append((count_pages(pdf), os.path.getsize(pdf)))
    return out


ways = {
    "weasyprint-fresh": lambda: fresh(lambda html, pdf: ["weasyprint", "--pdf-variant", "pdf/a-2a", html, pdf]),
    "chromium-fresh": lambda: fresh(lambda html, pdf: ["chromium", "--headless", "--no-sandbox", "--disable-gpu",
                                                        "--no-pdf-header-footer", f"--print-to-pdf={pdf}", f"file://{html}"]),
}
results = {k: [] for k in ["weasyprint-kept-running", *ways]}
# The kept-running process starts once (its start-up counted once, in the first round's figure).
start_wall, start_cpu = time.perf_counter(), cpu()
driver = subprocess.Popen(["python3", f"{root}/Sources/PDFRender/Resources/render-driver.py"], stdin=subprocess.PIPE, stdout=subprocess.PIPE)
driver.stdout.readline()
driver.stdin.close(); driver.wait()
startup = (time.perf_counter() - start_wall, cpu() - start_cpu)
driver = subprocess.Popen(["python3", f"{root}/Sources/PDFRender/Resources/render-driver.py"], stdin=subprocess.PIPE, stdout=subprocess.PIPE)
driver.stdout.readline()
for r in range(rounds):
    for way, run in ways.items():
        w, c = time.perf_counter(), cpu()
        out = run()
        results[way].append((time.perf_counter() - w, cpu() - c, out))
    w = time.perf_counter()
    out = []
    for n in pages:
        data = open(f"{work}/{n}", "rb").read()
        req = {"op": "render", "parts": [{"kind": "html", "blob": 0}], "blobs": [len(data)],
               "options": {"title": n, "lang": "en", "created": "2026-12-01T00:00:00Z", "variant": "pdf/a-2a"}}
        driver.stdin.write(json.dumps(req).encode() + b"\n" + data)
        driver.stdin.flush()
        head = json.loads(driver.stdout.readline())
        out.append((head["pages"], len(driver.stdout.read(head["length"]))))
    results["weasyprint-kept-running"].append((time.perf_counter() - w, None, out))
c = cpu()
driver.stdin.close(); driver.wait()
loop_cpu = cpu() - c  # the kept-running process's CPU, all rounds, known once it exits

print(f"{len(pages)} pages of one packet, {rounds} rounds; kept-running start-up {startup[0]:.2f} s wall, {startup[1]:.2f} s CPU (once)")
for way, rows in results.items():
    walls = sorted(r[0] for r in rows)
    cpus = [r[1] for r in rows if r[1] is not None]
    cpu_doc = (sum(cpus) / len(cpus) if cpus else loop_cpu / rounds) / len(pages)
    pdf_pages = sum(p for p, _ in rows[0][2])
    size = sum(s for _, s in rows[0][2])
    print(f"{way:26} wall/page median {walls[len(walls) // 2] / len(pages):.3f} s  CPU/page {cpu_doc:.3f} s  "
          f"PDF pages {pdf_pages}  bytes {size}")
