#!/usr/bin/env python3
"""The peer of the batch benchmark: what a firm would otherwise script in Python.

  scripts/bench-peer.py PROFILES.jsonl -o DIR [--jobs N] --plans PLANS.json

Python + Jinja2 (templates compiled once per worker process) + zipfile (deflate 6), on
all cores (multiprocessing). It makes the same packet as imp-packet: the five pages from
Templates/packet, translated mechanically from their t: directives into Jinja2 (so the
markup is the same), plan.json, and manifest.xml with every file's SHA-256, written to
DIR/<caseId>.zip, with a report.csv. What it does not do is the rules: it takes each
category's plan from PLANS.json (imp-packet's plans of the fixtures, made before timing
starts) and only recomputes the checklist statuses from the profile's `provided` list,
and its input check is a light one (JSON, known keys, date formats). So it does less
work than imp-packet: a conservative peer.
"""

import argparse
import copy
import datetime
import hashlib
import io
import json
import multiprocessing
import os
import re
import sys
import time
import xml.etree.ElementTree as ET
import zipfile

import jinja2

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TEMPLATES = os.path.join(ROOT, "Templates", "packet")
T = "{urn:imp-packet:template}"
XHTML = "{http://www.w3.org/1999/xhtml}"
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
PAGES = [
    ("00-cover-sheet.html", "cover-sheet.xhtml", "Cover sheet: case, applicant, category and contents", False),
    ("01-document-checklist.html", "document-checklist.xhtml", "Document checklist: every item, why it is needed, its status", False),
    ("02-fee-breakdown.html", "fee-breakdown.xhtml", "Fee breakdown: each fee, who pays it, its legal basis", False),
    ("03-cover-letter.html", "cover-letter.xhtml", "Cover letter to IRCC", False),
    ("04-employer-summary.html", "employer-summary.xhtml", "Employer summary: the offer of employment", True),
]


# --- XHTML template with t: directives -> Jinja2 source ---------------------------------

def expr(path):
    path = path.strip()
    if path.startswith("'"):
        return repr(path[1:-1])
    parts = path.split(".")
    if parts[0] == "loop" and len(parts) == 2:
        return {"index": "loop.index0|string", "number": "loop.index|string", "first": "loop.first",
                "last": "loop.last", "count": "loop.length|string", "odd": "(loop.index0 % 2 == 1)"}[parts[1]]
    return "_g(" + ", ".join([parts[0]] + [repr(p) for p in parts[1:]]) + ")"


def cond(c):
    c = c.strip()
    neg = c.startswith("not ")
    if neg:
        c = c[4:]
    for op in ("!=", "=="):
        if op in c:
            left, right = c.split(op, 1)
            out = f"{expr(left)} {op} {expr(right)}"
            break
    else:
        out = expr(c)
    return f"not ({out})" if neg else out


def bindings(text):
    for clause in text.split(";"):
        clause = clause.strip()
        if clause:
            name, value = clause.split(None, 1)
            yield name, value


def esc(text):
    return (text or "").replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("{", "{{ '{' }}")


class Translator:
    def __init__(self, html):
        self.html = html
        self.fragments = {}

    def load_fragments(self, path):
        root = ET.parse(path).getroot()
        for el in root.iter():
            if el.get(T + "fragment"):
                self.fragments[el.get(T + "fragment")] = el

    def name(self, tag):
        return tag.split("}", 1)[1] if "}" in tag else tag

    def element(self, el):
        """Jinja source for one element and what follows it up to the next sibling."""
        out = self.directives(el) + esc(el.tail)
        return out

    def directives(self, el):
        if el.get(T + "remove") is not None:
            return ""
        body = self.inner(el)
        if el.get(T + "omit-tag") is not None:
            c = el.get(T + "omit-tag")
            body = self.inner_only(el) if not c else "{% if " + cond(c) + " %}" + self.inner_only(el) + "{% else %}" + body + "{% endif %}"
        if el.get(T + "replace"):
            body = self.directives(self.fragments[el.get(T + "replace").split("::")[1].strip()]).rstrip()
        if el.get(T + "unless"):
            body = "{% if not (" + cond(el.get(T + "unless")) + ") %}" + body + "{% endif %}"
        if el.get(T + "if"):
            body = "{% if " + cond(el.get(T + "if")) + " %}" + body + "{% endif %}"
        for name, value in reversed(list(bindings(el.get(T + "with") or ""))):
            body = "{% with " + name + " = " + expr(value) + " %}" + body + "{% endwith %}"
        if el.get(T + "each"):
            var, source = el.get(T + "each").split(" in ", 1)
            body = "{% for " + var.strip() + " in " + expr(source) + " or [] %}" + body + "{% endfor %}"
        return body

    def start_tag(self, el):
        name = self.name(el.tag)
        static = {self.name(k): v for k, v in el.attrib.items() if not k.startswith(T)}
        dynamic = dict(bindings(el.get(T + "attr") or ""))
        out = "<" + name
        if not self.html and name == "manifest":
            out += ' xmlns="urn:imp-packet:manifest:1"'
        for k, v in static.items():
            if k not in dynamic:
                out += f' {k}="{esc(v).replace(chr(34), "&quot;")}"'
        for k, v in dynamic.items():
            e = expr(v)
            out += "{% set _v = " + e + " %}{% if _v is not none and _v is not false %} " + k + '="{{ ' + f"'{k}' if _v is true else _v" + ' }}"{% endif %}'
        return out

    def inner_only(self, el):
        if el.get(T + "text"):
            return "{{ " + expr(el.get(T + "text")) + " }}"
        return esc(el.text) + "".join(self.element(c) for c in el)

    def inner(self, el):
        name = self.name(el.tag)
        if el.tag == T + "block":
            return self.inner_only(el)
        content = self.inner_only(el)
        if self.html and name in VOID:
            return self.start_tag(el) + ">"
        if not self.html and not content:
            return self.start_tag(el) + "/>"
        return self.start_tag(el) + ">" + content + "</" + name + ">"


def translate(path, parts):
    html = path.endswith(".xhtml")
    tr = Translator(html)
    tr.load_fragments(parts)
    root = ET.parse(path).getroot()
    head = "<!DOCTYPE html>\n" if html else '<?xml version="1.0" encoding="UTF-8"?>\n'
    return head + tr.directives(root) + "\n"


def _g(value, *keys):
    for k in keys:
        if value is None:
            return None
        value = value.get(k) if isinstance(value, dict) else None
    return value


# --- what the pages show --------------------------------------------------------------

MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]
DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def long_date(s):
    d = datetime.date.fromisoformat(s)
    return f"{d.day} {MONTHS[d.month - 1]} {d.year}"


def money(s):
    whole, cents = s.split(".")
    return f"${int(whole):,}.{cents}"


def context(p, plan, files):
    a = p["applicant"]
    full = f"{a['givenNames']} {a['familyName']}"
    rep = p.get("representative")
    permit_text = "Open work permit" if plan["category"]["permit"] == "open" else "Employer-specific work permit"
    items = [dict(i, statusText=i["status"], statusClass=f"status status-{i['status']}") for i in plan["checklist"]]
    slots = []
    for i in items:
        if i["slot"] not in slots:
            slots.append(i["slot"])
    job = p.get("job")
    jc = None
    if job:
        e = job.get("employer") or {}
        ad = e.get("address")
        jc = {
            "employer": {"legalName": e.get("legalName"), "operatingName": e.get("operatingName"),
                         "businessNumber": e.get("businessNumber"),
                         "address": ", ".join(x for x in [ad.get("line1"), ad.get("city"), ad.get("province")] if x) if ad else None,
                         "contact": None},
            "title": job.get("title"), "noc": job.get("noc"), "teer": (job.get("noc") or "x0")[1],
            "offerNumber": job.get("offerOfEmploymentNumber") or "not yet issued",
            "wage": f"{money(job['wage']['amount'])} per {job['wage']['per']}" if job.get("wage") else None,
            "hoursPerWeek": str(job.get("hoursPerWeek")), "location": "{city}, {province}".format(**job["workLocation"]) if job.get("workLocation") else None,
            "dates": long_date(job["startDate"]) + (" to " + long_date(job["endDate"]) if job.get("endDate") else "") if job.get("startDate") else None,
            "duties": job.get("duties", []),
        }
    sender = ({"heading": rep.get("organization") or rep["name"], "name": rep["name"], "licence": rep.get("licenceNumber"),
               "organization": rep.get("organization"), "email": rep.get("email"), "isApplicant": False} if rep else
              {"heading": full, "name": full, "licence": None, "organization": None, "email": a.get("email"), "isApplicant": True})
    passport = a.get("passport") or {}
    fees = plan["fees"]
    return {
        "page": {"title": f"{plan['category']['title']} — {p['caseId']}"},
        "case": {"id": p["caseId"], "language": p.get("language", "en"), "submissionDate": long_date(p["submission"]["date"]),
                 "submissionFrom": p["submission"]["from"].replace("-", " "), "catalogVersion": plan["catalogVersion"],
                 "asOf": p["submission"]["date"]},
        "applicant": {"fullName": full, "familyName": a["familyName"], "givenNames": a["givenNames"],
                      "dateOfBirth": long_date(a["dateOfBirth"]), "citizenships": ", ".join(a["citizenships"]),
                      "passportNumber": passport.get("number"), "passportCountry": passport.get("country"),
                      "passportExpiry": long_date(passport["expiryDate"]) if passport else None, "uci": a.get("uci"),
                      "status": (a.get("status") or {}).get("type")},
        "category": dict(plan["category"], permitText=permit_text, permitTextLower=permit_text.lower(), summary=None),
        "permit": {"validUntil": long_date(plan["permitValidUntil"])},
        "representative": dict(rep, licence=rep.get("licenceNumber"), paidText="yes" if rep.get("paid") else "no") if rep else None,
        "sender": sender,
        "eligibility": plan["eligibility"],
        "forms": [{"form": f, "title": None} for f in plan["forms"]],
        "formsText": ", ".join(plan["forms"]) or "none",
        "checklist": {"items": items, "groups": [{"slot": s, "items": [i for i in items if i["slot"] == s]} for s in slots],
                      "missingCount": str(sum(i["status"] == "missing" for i in items)),
                      "providedCount": str(sum(i["status"] == "provided" for i in items)),
                      "staleCount": str(sum(i["status"] in ("expired", "expiring") for i in items))},
        "fees": {"schedule": long_date(fees["schedule"]),
                 "lines": [dict(l, amount=money(l["amount"])) for l in fees["lines"]],
                 "applicantTotal": money(fees["totals"]["applicant"]), "employerTotal": money(fees["totals"]["employer"]),
                 "hasEmployerFees": fees["totals"]["employer"] != "0.00",
                 "applicantLinesText": ", ".join(l["description"].lower() for l in fees["lines"] if l["payer"] == "applicant")},
        "biometrics": [dict(b, requiredText="required" if b["required"] else "not required") for b in plan["biometrics"]],
        "biometricsText": "required", "medicalText": "not required",
        "letterFacts": plan["letterFacts"],
        "job": jc,
        "files": [{"name": n, "title": t} for n, t in files],
    }


# --- one packet -------------------------------------------------------------------------

TOP_KEYS = {"schemaVersion", "caseId", "category", "language", "submission", "applicant", "family", "job", "principal",
            "permanentResidence", "nomination", "intraCompany", "cusma", "ceta", "gats", "reciprocal", "iec", "religious",
            "significantBenefit", "representative", "provided"}
APPLICANT_KEYS = {"familyName", "givenNames", "dateOfBirth", "citizenships", "usPermanentResident", "countryOfResidence",
                  "email", "passport", "uci", "status", "biometrics", "medicalExam", "designatedCountryStay", "languageTests",
                  "education", "workHistory", "previousPgwp"}

_worker = {}


def init_worker(plans, out_dir, timestamp):
    env = jinja2.Environment(autoescape=True, undefined=jinja2.ChainableUndefined, keep_trailing_newline=True)
    env.globals["_g"] = _g
    parts = os.path.join(TEMPLATES, "_parts.xhtml")
    pages = {t: env.from_string(translate(os.path.join(TEMPLATES, t), parts)) for _, t, _, _ in PAGES}
    # imp-packet writes its manifest in code; the peer renders the same XML from a template.
    manifest = os.path.join(os.path.dirname(os.path.abspath(__file__)), "bench-peer-manifest.xml")
    pages["manifest.xml"] = env.from_string(translate(manifest, parts))
    _worker.update(pages=pages, plans=plans, out=out_dir)


def plan_key(p):
    return f"{p.get('category')}/{(p.get('iec') or {}).get('stream', '')}"


def make(item):
    index, line = item
    try:
        p = json.loads(line)
        problems = [k for k in p if k not in TOP_KEYS and not k.startswith("x-")]
        problems += [f"applicant.{k}" for k in p.get("applicant", {}) if k not in APPLICANT_KEYS and not k.startswith("x-")]
        for d in [p["applicant"]["dateOfBirth"], p["submission"]["date"], (p["applicant"].get("passport") or {}).get("expiryDate", "2000-01-01")]:
            if not DATE.match(d):
                problems.append(f"date {d!r}")
        base = _worker["plans"].get(plan_key(p))
        if base is None:
            problems.append(f"category {p.get('category')!r}")
        if problems:
            return index, None, "failed", "; ".join(problems)
        plan = copy.deepcopy(base)
        plan["caseId"] = p["caseId"]
        provided = set(p.get("provided", []))
        for i in plan["checklist"]:
            i["status"] = "provided" if i["id"] in provided else "missing"
        pages = [pg for pg in PAGES if not pg[3] or plan["category"]["permit"] == "employer-specific"]
        files = [(n, t) for n, _, t, _ in pages] + [("plan.json", "The plan in machine-readable form (JSON)"),
                                                   ("manifest.xml", "Manifest: every file with its SHA-256")]
        ctx = context(p, plan, files)
        entries = [(n, _worker["pages"][t].render(ctx).encode()) for n, t, _, _ in pages]
        entries.append(("plan.json", (json.dumps(plan, indent=2, sort_keys=True, ensure_ascii=False) + "\n").encode()))
        ctx.update(tool={"name": "bench-peer", "version": "1"}, profile={"sha256": hashlib.sha256(line.encode()).hexdigest()},
                   templates={"sha256": "0" * 64}, manifestFiles=[
                       {"name": n, "size": str(len(b)), "sha256": hashlib.sha256(b).hexdigest(),
                        "mediaType": "application/json" if n.endswith(".json") else "text/html"} for n, b in entries])
        ctx["eligibility"] = {"eligibleText": "true"}
        entries.append(("manifest.xml", _worker["pages"]["manifest.xml"].render(ctx).encode()))
        buf = io.BytesIO()
        date = tuple(int(x) for x in p["submission"]["date"].split("-")) + (0, 0, 0)
        with zipfile.ZipFile(buf, "w") as z:
            for name, data in entries:
                info = zipfile.ZipInfo(name, date)
                info.compress_type = zipfile.ZIP_DEFLATED
                info.external_attr = 0o100600 << 16
                z.writestr(info, data, compresslevel=6)
        path = os.path.join(_worker["out"], re.sub(r"[^A-Za-z0-9._-]", "_", p["caseId"]) + ".zip")
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        os.write(fd, buf.getvalue())
        os.close(fd)
        return index, path, "ok", ""
    except Exception as e:  # a failing profile never stops the others
        return index, None, "failed", f"{type(e).__name__}: {e}"


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("profiles")
    ap.add_argument("-o", "--output", required=True)
    ap.add_argument("--plans", required=True, help="JSON object: plan key -> imp-packet plan of that fixture")
    ap.add_argument("--jobs", type=int, default=os.cpu_count())
    args = ap.parse_args()
    with open(args.plans, encoding="utf-8") as f:
        plans = json.load(f)
    os.makedirs(args.output, exist_ok=True)
    start = time.monotonic()
    ok = failed = 0
    with open(args.profiles, encoding="utf-8") as src, open(os.path.join(args.output, "report.csv"), "w", encoding="utf-8") as report, \
            multiprocessing.Pool(args.jobs, init_worker, (plans, args.output, None)) as pool:
        report.write("input,status,output,errors\n")
        lines = ((i, line) for i, line in enumerate(src, 1) if line.strip())
        for index, path, status, error in pool.imap(make, lines, chunksize=32):
            report.write(f"{args.profiles}:{index},{status},{path or ''},\"{error}\"\n")
            ok += status == "ok"
            failed += status == "failed"
    os.sync()
    seconds = time.monotonic() - start
    print(json.dumps({"packets": ok, "failed": failed, "seconds": round(seconds, 3),
                      "packetsPerSecond": round(ok / seconds) if seconds else 0}))


if __name__ == "__main__":
    main()
