#!/usr/bin/env python3
"""End-to-end test of `imp-packet serve`, as its users use it (run by scripts/test).

Starts the server on a free loopback port over an empty cases folder, then:
  1. access: no token -> 401, a foreign Origin or Host -> 403, the token URL -> cookie;
     the same profile posted to /api/v1/plan returns what `plan --json` prints;
  2. a real browser (Debian's chromium + chromedriver, through Selenium) creates an empty
     case, fills it in as a PGWP case, sees a mistake at its field, fixes it, sees the
     verdict and fees, ticks a document, and downloads a packet that `imp-packet verify`
     calls intact; screenshots of each step go to --screenshots DIR;
  3. schemathesis runs against the committed OpenAPI document with a bounded number of
     examples: no 5xx, every response matching its schema.

Usage: scripts/test-serve.py [--tool .build/debug/imp-packet] [--screenshots DIR] [--skip-browser]
"""
import argparse
import http.client
import json
import os
import select
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

root = Path(__file__).resolve().parent.parent
failures = []


def check(ok, what):
    print(("ok   " if ok else "FAIL ") + what, flush=True)
    if not ok:
        failures.append(what)


def start(tool, cases):
    proc = subprocess.Popen(
        [tool, "serve", "--cases", str(cases), "--port", "0", "--quiet"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    ready, _, _ = select.select([proc.stdout], [], [], 30)
    if not ready:
        proc.kill()
        sys.exit("test-serve: the server printed no URL within 30 s")
    url = proc.stdout.readline().strip()
    if "?token=" not in url:
        proc.kill()
        sys.exit(f"test-serve: expected a URL with ?token=, got {url!r}: {proc.stderr.read()}")
    return proc, url


def request(base, method, path, body=None, headers=None):
    host = base.split("//", 1)[1]
    conn = http.client.HTTPConnection(host, timeout=30)
    conn.request(method, path, body=body, headers=headers or {})
    r = conn.getresponse()
    data = r.read()
    conn.close()
    return r.status, dict(r.getheaders()), data


def access_checks(tool, base, token):
    profile = (root / "Fixtures/pgwp-eligible.json").read_bytes()
    bearer = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}
    s, _, _ = request(base, "GET", "/")
    check(s == 401, f"GET / without the token -> 401 (got {s})")
    s, _, body = request(base, "POST", "/api/v1/plan", profile, {"Content-Type": "application/json"})
    check(s == 401 and b'"issues"' in body, f"POST /api/v1/plan without the token -> 401 with an error object (got {s})")
    s, _, _ = request(base, "POST", "/api/v1/plan", profile, {**bearer, "Origin": "http://evil.example"})
    check(s == 403, f"a foreign Origin -> 403 (got {s})")
    s, _, _ = request(base, "GET", "/api/openapi.json", None, {"Authorization": f"Bearer {token}", "Host": "attacker.example"})
    check(s == 403, f"another Host name (DNS rebinding) -> 403 (got {s})")
    s, h, _ = request(base, "GET", f"/?token={token}")
    cookie = h.get("Set-Cookie", "")
    check(s == 303 and "HttpOnly" in cookie and "SameSite=Strict" in cookie, f"the token URL sets an HttpOnly same-site cookie (got {s})")
    check("'unsafe-inline'" not in h.get("Content-Security-Policy", "x") and "default-src 'none'" in h.get("Content-Security-Policy", ""),
          "responses carry a strict Content-Security-Policy")
    # urllib writes the whole body before it reads the answer, and asks for the connection to
    # be closed after it: a server that stopped reading at its limit left it waiting until its
    # own timeout instead of answering 413.
    try:
        s, _, body = request(base, "POST", "/api/v1/validate", b'{"x-a": "' + b"A" * 20_000_000 + b'"}',
                             {**bearer, "Connection": "close"})
    except OSError as error:
        s, body = f"no answer: {error}", b""
    check(s == 413 and b"larger than 5 MB" in body, f"a 20 MB body sent whole before reading gets its 413 (got {s})")
    s, _, body = request(base, "POST", "/api/v1/plan", profile, bearer)
    printed = subprocess.run([tool, "plan", str(root / "Fixtures/pgwp-eligible.json"), "--json"], capture_output=True).stdout
    check(s == 200 and body == printed, "POST /api/v1/plan returns exactly what `plan --json` prints")


def browser(tool, url, base, cases, shots):
    os.environ.setdefault("SE_OFFLINE", "true")  # Selenium must not look for drivers on the network.
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as EC
    from selenium.webdriver.support.ui import Select, WebDriverWait

    downloads = Path(tempfile.mkdtemp(prefix="imp-serve-dl-"))
    opts = webdriver.ChromeOptions()
    opts.binary_location = shutil.which("chromium") or "/usr/bin/chromium"
    for a in ["--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--window-size=1400,1900"]:
        opts.add_argument(a)
    opts.add_experimental_option("prefs", {"download.default_directory": str(downloads), "download.prompt_for_download": False})
    driver = webdriver.Chrome(service=Service(shutil.which("chromedriver") or "/usr/bin/chromedriver"), options=opts)
    driver.set_page_load_timeout(30)
    driver.execute_cdp_cmd("Page.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(downloads)})
    try:
        def shot(name):
            if shots:
                driver.save_screenshot(str(Path(shots) / name))

        def field(name):
            return driver.find_element(By.NAME, name)

        def type_in(name, value):
            e = field(name)
            e.clear()
            e.send_keys(value)

        def choose(name, value):
            Select(field(name)).select_by_value(value)

        def save():
            # Every save redirects to ?saved=1, so the address alone cannot tell the new page
            # from the one before a second save: wait until the old page is gone, then loaded.
            old = driver.find_element(By.TAG_NAME, "html")
            driver.find_element(By.CSS_SELECTOR, ".fields button.save").click()
            WebDriverWait(driver, 20).until(EC.staleness_of(old))
            WebDriverWait(driver, 20).until(
                lambda d: "saved=1" in d.current_url and d.execute_script("return document.readyState") == "complete")

        driver.get(url)
        check(driver.current_url == base + "/", "the token URL lands on the case list without the token in the address bar")
        check("No cases yet." in driver.page_source, "an empty cases folder lists no case")
        type_in("caseId", "2026-0150")
        driver.find_element(By.CSS_SELECTOR, "form.new button").click()
        WebDriverWait(driver, 20).until(lambda d: d.current_url.endswith("/cases/2026-0150"))
        check((cases / "2026-0150.json").exists(), "Create case writes 2026-0150.json in the cases folder")
        shot("serve-empty-case.png")

        choose("category", "pgwp")
        choose("language", "en")
        type_in("submission.date", "2026-12-01")
        choose("submission.from", "inside-canada")
        type_in("submission.requestedValidUntil", "2029-11-30")
        type_in("applicant.familyName", "García López")
        type_in("applicant.givenNames", "María José")
        type_in("applicant.dateOfBirth", "1998-04-12")
        type_in("applicant.citizenships", "MX")
        choose("applicant.countryOfResidence", "CA")
        type_in("applicant.email", "maria@example.com")
        type_in("applicant.passport.number", "G12345678")
        choose("applicant.passport.country", "MX")
        type_in("applicant.passport.expiryDate", "31/05/2031")  # the mistake a person makes
        choose("applicant.status.type", "student")
        type_in("applicant.status.validUntil", "2026-12-31")
        type_in("applicant.biometrics.givenOn", "2023-01-10")
        choose("applicant.designatedCountryStay", "false")
        choose("applicant.languageTests[0].test", "IELTS")
        choose("applicant.languageTests[0].language", "en")
        type_in("applicant.languageTests[0].date", "2025-09-01")
        type_in("applicant.languageTests[0].clb", "8")
        type_in("applicant.education[0].credential", "Master of Science")
        choose("applicant.education[0].level", "master")
        choose("applicant.education[0].university", "true")
        type_in("applicant.education[0].institution", "University of Toronto")
        type_in("applicant.education[0].dliNumber", "O19395677482")
        type_in("applicant.education[0].program", "Computer Science")
        type_in("applicant.education[0].lengthMonths", "16")
        choose("applicant.education[0].fullTime", "true")
        type_in("applicant.education[0].distanceLearningPercent", "0")
        type_in("applicant.education[0].startedOn", "2025-07-01")
        type_in("applicant.education[0].completedOn", "2026-10-30")
        type_in("applicant.education[0].completionConfirmedOn", "2026-11-05")
        choose("applicant.previousPgwp", "false")
        save()

        issue = driver.find_elements(By.ID, "e-applicant.passport.expiryDate")
        check(len(issue) == 1 and "YYYY-MM-DD" in issue[0].text, "the wrong date is explained at its field")
        if issue:
            box = issue[0].find_element(By.XPATH, "..")
            check(len(box.find_elements(By.NAME, "applicant.passport.expiryDate")) == 1, "the message sits beside the field it names")
            check(field("applicant.passport.expiryDate").get_attribute("aria-describedby") == "e-applicant.passport.expiryDate",
                  "the field points at its message (aria-describedby)")
        shot("serve-error-at-field.png")

        type_in("applicant.passport.expiryDate", "2031-05-30")
        save()
        verdict = driver.find_elements(By.CSS_SELECTOR, "#verdict h2")
        check(bool(verdict) and verdict[0].text == "Eligible", "the fixed case is eligible")
        check("C43" in driver.find_element(By.ID, "verdict").text, "the verdict names the code C43")
        total = driver.find_elements(By.ID, "total-applicant")
        check(bool(total) and "255.00" in total[0].text, "the fees show the applicant's total, 255.00")
        check(len(driver.find_elements(By.CSS_SELECTOR, "#checklist li.missing")) > 0, "the checklist lists missing documents")
        shot("serve-case.png")

        tick = driver.find_element(By.ID, "provided-passport-copy")
        check(not tick.is_selected(), "the passport copy starts missing")
        tick.click()
        save()
        check(driver.find_element(By.ID, "provided-passport-copy").is_selected(), "the ticked document stays ticked after saving")
        status = driver.find_element(By.CSS_SELECTOR, "#checklist li.provided .status").text
        check(status.startswith("provided"), "the ticked document's status is provided")
        saved = json.loads((cases / "2026-0150.json").read_text())
        check(saved.get("provided") == ["passport-copy"], f"the profile file lists it in provided ({saved.get('provided')})")
        check(list(saved)[:3] == ["schemaVersion", "caseId", "category"], "the saved file keeps the schema's key order")
        check(subprocess.run([tool, "validate", str(cases / "2026-0150.json"), "-q"]).returncode == 0,
              "`imp-packet validate` accepts the file the browser saved")
        shot("serve-ticked.png")

        driver.find_element(By.ID, "download").click()
        deadline = time.time() + 30
        zips = []
        while time.time() < deadline:
            zips = [p for p in downloads.iterdir() if p.suffix == ".zip"]
            if zips and not any(p.suffix == ".crdownload" for p in downloads.iterdir()):
                break
            time.sleep(0.2)
        check(len(zips) == 1 and zips[0].name == "2026-0150.zip", f"the packet downloads as 2026-0150.zip ({[p.name for p in zips]})")
        if zips:
            r = subprocess.run([tool, "verify", str(zips[0])], capture_output=True, text=True)
            check(r.returncode == 0, f"`imp-packet verify` calls the downloaded packet intact ({r.stdout.strip()} {r.stderr.strip()})")

        driver.get(base + "/")
        row = driver.find_element(By.CSS_SELECTOR, "table.cases tbody tr").text
        check("2026-0150" in row and "María José García López" in row and "eligible" in row and "C43" in row,
              f"the case list shows id, name, category and code, verdict ({row})")
        shot("serve-case-list.png")
    finally:
        driver.quit()
        shutil.rmtree(downloads, ignore_errors=True)


def schemathesis(base, token):
    st = shutil.which("schemathesis") or shutil.which("st")
    if not st:
        check(False, "schemathesis is installed (scripts/deps --test)")
        return
    report = Path(tempfile.mkdtemp(prefix="imp-serve-st-"))
    cmd = [st, "run", str(root / "schema/openapi.json"), "--url", base, "-H", f"Authorization: Bearer {token}",
           "--checks", "all", "--exclude-checks", "positive_data_acceptance",
           "--max-examples", "10", "--seed", "18", "--generation-database", "none",
           "--request-timeout", "20", "--workers", "1", "--no-color", "--report-dir", str(report)]
    try:
        r = subprocess.run(cmd, capture_output=True, text=True, timeout=120)
        ok = r.returncode == 0
        if not ok:
            print(r.stdout[-6000:], r.stderr[-2000:])
        check(ok, "schemathesis: no 5xx, every response matches the OpenAPI document")
    except subprocess.TimeoutExpired:
        check(False, "schemathesis finished within 120 s")
    finally:
        shutil.rmtree(report, ignore_errors=True)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--tool", default=str(root / ".build/debug/imp-packet"))
    ap.add_argument("--screenshots")
    ap.add_argument("--skip-browser", action="store_true")
    ap.add_argument("--skip-schemathesis", action="store_true")
    args = ap.parse_args()
    if args.screenshots:
        Path(args.screenshots).mkdir(parents=True, exist_ok=True)
    cases = Path(tempfile.mkdtemp(prefix="imp-serve-cases-"))
    started = time.time()
    proc, url = start(args.tool, cases)
    base = url.split("/?token=")[0]
    token = url.split("?token=")[1]
    try:
        check(base.startswith("http://127.0.0.1:"), f"serve listens on loopback only ({base})")
        access_checks(args.tool, base, token)
        if not args.skip_browser:
            browser(args.tool, url, base, cases, args.screenshots)
        if not args.skip_schemathesis:
            schemathesis(base, token)
    finally:
        proc.terminate()
        try:
            _, err = proc.communicate(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            _, err = proc.communicate()
        shutil.rmtree(cases, ignore_errors=True)
    # The log names routes and statuses only: no case name, person, token or query.
    check(("POST /cases/{name} 303" if not args.skip_browser else "POST /api/v1/plan 200") in err,
          "the server logs each answer by its route pattern")
    for secret in [token, "García", "2026-0150", "G12345678"]:
        check(secret not in err, f"the server's log holds no {secret[:6]}…")
    print(f"test-serve: {time.time() - started:.0f} s, {len(failures)} failure(s)")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
