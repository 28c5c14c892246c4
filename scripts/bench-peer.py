#!/usr/bin/env python3
"""The peer of the batch benchmark: what a firm would otherwise script in Python.

  scripts/bench-peer.py PROFILES.jsonl -o DIR [--jobs N] --plans PLANS.json

Python + Jinja2 (templates compiled once per worker process) + zipfile (deflate 6), on
all cores (multiprocessing). It makes the packet imp-packet makes, with the same entries in
the same order, written to DIR/<caseId>.zip, with a report.csv:
- the pages of Templates/packet, translated mechanically from their t: directives into Jinja2
  (so the markup is the same): cover sheet, checklist, fees, submission letter, employer
  summary, the category's letters (05-*, named by the catalog), one data sheet per form of
  the plan (forms/IMM-…-data.html) and one page per family member applying together;
- the form data sheets answered from the profile with the data imp-packet reads: the question
  lists of Templates/forms/IMM*.json (each question's key, rows, list, format, condition or
  named derivation) and IRCC's words in ircc-lists.json, loaded once per process; the named
  derivations are ported from imp-packet's;
- the words of the pages (phrases, dates, money, country and province names) from the
  catalog's wording; plan.json; manifest.xml with every file's SHA-256.
What it does not do is the rules: it takes each packet's plan from PLANS.json (imp-packet's
plans of the fixtures, with and without a representative, made before timing starts; see
plan_key) and recomputes only the checklist statuses and family members' names; so the
plan's texts name the fixture's people and dates. The submission letter has no arguments
and no letters of explanation (06-letter-of-explanation.html): they are the outcome of
the catalog's requirement rules over the profile's facts. Its input check is a light one
(JSON, the schema's known keys, date formats). So it does less work than imp-packet: a
generous peer.
"""

import argparse
import datetime
import hashlib
import io
import json
import multiprocessing
import os
import re
import time
import xml.etree.ElementTree as ET
import zipfile
import zlib

import jinja2

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TEMPLATES = os.path.join(ROOT, "Templates", "packet")
T = "{urn:imp-packet:template}"
I18N = "{http://xml.zope.org/namespaces/i18n}"
XHTML = "{http://www.w3.org/1999/xhtml}"
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
# The standard pages: file, template, title (a catalog phrase), only for employer-specific permits.
PAGES = [
    ("00-cover-sheet.html", "cover-sheet.xhtml", "page.cover-sheet", False),
    ("01-document-checklist.html", "document-checklist.xhtml", "page.document-checklist", False),
    ("02-fee-breakdown.html", "fee-breakdown.xhtml", "page.fee-breakdown", False),
    ("03-cover-letter.html", "cover-letter.xhtml", "page.cover-letter", False),
    ("04-employer-summary.html", "employer-summary.xhtml", "page.employer-summary", True),
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
    # Jinja's own item lookup: a missing key, or a key of a null, is undefined (empty, false).
    return parts[0] + "".join(f"[{p!r}]" for p in parts[1:])


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
        self.separator = ""

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
        separator, self.separator = self.separator, ""
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
            sep = "{% if not loop.first %}" + separator + "{% endif %}" if separator else ""
            body = "{% for " + var.strip() + " in " + expr(source) + " or [] %}" + sep + body + "{% endfor %}"
        return body

    def start_tag(self, el):
        name = self.name(el.tag)
        static = {self.name(k): v for k, v in el.attrib.items() if not k.startswith(T) and not k.startswith(I18N)}
        dynamic = dict(bindings(el.get(T + "attr") or ""))
        out = "<" + name
        if not self.html and name == "manifest":
            out += ' xmlns="urn:imp-packet:manifest:1"'
        for k, v in static.items():
            if k not in dynamic:
                out += f' {k}="{esc(v).replace(chr(34), "&quot;")}"'
        for k, v in dynamic.items():
            e = expr(v)
            out += "{% set _v = " + e + " %}{% if _v is defined and _v is not none and _v is not false %} " + k + '="{{ ' + f"'{k}' if _v is true else _v" + ' }}"{% endif %}'
        return out

    def inner_only(self, el):
        if el.get(T + "text"):
            return "{{ " + expr(el.get(T + "text")) + " }}"
        out, before = esc(el.text), el.text
        for c in el:
            # imp-packet repeats the white space before a repeated element between its copies
            # (its last line: a new line and the indentation).
            self.separator = "\n" + before.rsplit("\n", 1)[1] if before and not before.strip() and "\n" in before else ""
            out += self.element(c)
            before = c.tail
        return out

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


# --- the form data sheets: the question lists answered from the profile --------------------
#
# The same data imp-packet reads (Templates/forms/IMM*.json: each question with its answer
# rule; ircc-lists.json: IRCC's words for our values), loaded once at start-up; what follows
# is the interpreter of those rules, with the named derivations the lists may use.

FORMS = os.path.join(ROOT, "Templates", "forms")
NONE = ("—", "not-applicable", None)


def given(text, note=None):
    return (text, "given", note)


def derived(text, note):
    return (text, "derived", note)


def ask(note=None):
    return (None, "ask", note)


_PATHS = {}


def steps(path):
    """`applicant.phones[1].number` as (name, index or None) pairs, parsed once per path."""
    s = _PATHS.get(path)
    if s is None:
        s = []
        for part in path.split("."):
            if not part:
                continue
            index = None
            if part.endswith("]") and "[" in part:
                o = part.index("[")
                digits = part[o + 1:-1]
                part = part[:o]
                index = int(digits) if digits.isdigit() else None
            s.append((part, index))
        s = _PATHS[path] = tuple(s)
    return s


def at(node, path):
    """The value at `path`, or None when a step is absent or null."""
    for name, index in steps(path):
        if not isinstance(node, dict):
            return None
        node = node.get(name)
        if node is None:
            return None
        if index is not None:
            if not isinstance(node, list) or index >= len(node):
                return None
            node = node[index]
            if node is None:
                return None
    return node


def text_at(node, path):
    v = at(node, path)
    return v if isinstance(v, str) else None


class Answerer:
    def __init__(self, lists):
        self.countries = lists["countries"]
        self.lists = lists["lists"]

    def country(self, code, passport=False):
        c = self.countries["byCode"].get(code)
        if c is None:
            return code, "not a country code we know"
        name = c.get("ircc")
        if name is None:
            return c["iso"], "not in IRCC's citizenship list as we have it: choose it in the form's list"
        note = "spelling as in our source; check the drop-down" if code in self.countries["unconfirmedSpellings"] else None
        if passport and c.get("alpha3"):
            return f"{c['alpha3']} ({name})", "the passport list shows ISO-3 and IRCC's name; check the drop-down"
        return name, note

    def label(self, value, lst):
        if lst is None:
            return given(value)
        if lst in ("country", "passportCountry"):
            return given(*self.country(value, lst == "passportCountry"))
        l = self.lists.get(lst)
        if l is None:
            return ask(f"no IRCC list {lst}")
        t = l["labels"].get(value)
        if t is not None:
            return given(t, None if l["confirmed"] else "IRCC's exact words unconfirmed")
        if lst == "answer" and value == "unknown":
            return ask("recorded as unknown")
        if lst == "province":
            return given(value)
        return ask(l.get("note") or f'"{value}" has no entry in the form\'s list')

    def address(self, v):
        s = lambda k: text_at(v, k)
        parts = []
        if s("poBox"):
            parts.append(f"P.O. Box {s('poBox')}")
        street = " ".join(x for x in (s("streetNumber"), s("street")) if x is not None)
        if s("unit") is not None:
            parts.append(f"unit {s('unit')}" if not street else f"{s('unit')}-{street}")
        elif street:
            parts.append(street)
        parts += [x for x in (s("line1"), s("line2"), s("city")) if x is not None]
        last = " ".join(x for x in (s("province"), s("postalCode")) if x is not None)
        if last:
            parts.append(last)
        if s("country") is not None:
            parts.append(self.country(s("country"))[0])
        return ", ".join(parts)

    def phone(self, v):
        t = text_at(v, "type")
        kind = self.lists.get("phoneType", {}).get("labels", {}).get(t) if t else None
        code = f"+{text_at(v, 'countryCode')} " if text_at(v, "countryCode") is not None else ""
        ext = f" ext. {text_at(v, 'extension')}" if text_at(v, "extension") is not None else ""
        number = f"{code}{text_at(v, 'number') or ''}{ext}"
        return f"{kind}: {number}" if kind else number

    def value(self, rule, node):
        fmt, key = rule.get("format"), rule.get("key")
        if fmt == "name":
            keys = rule.get("keys") or ([key, "givenNames"] if key else None)
            if keys:
                parts = [x for x in (text_at(node, k) for k in keys) if x is not None]
                return given(", ".join(parts)) if parts else ask()
        if fmt == "address-or-mailing":
            a = at(node, "applicant.residentialAddress")
            if a is not None:
                return given(self.address(a))
            m = at(node, "applicant.mailingAddress")
            if at(node, "applicant.residentialSameAsMailing") is True and m is not None:
                return derived(self.address(m), "the mailing address: the residential address is the same")
            return ask()
        if fmt == "education-country" and at(node, "country") is None and at(node, "dliNumber") is not None:
            return derived(self.country("CA")[0], "a DLI number: the school is in Canada")
        if fmt == "field-of-study":
            program, credential = text_at(node, "program"), text_at(node, "credential")
            shown = program if program is not None else credential
            if shown is None:
                return ask()
            return given(f"{shown} ({credential})" if program is not None and credential is not None else shown)
        if key is None:
            return ask(rule.get("note"))
        if fmt == "period":
            start = text_at(node, key)
            if start is None:
                return ask()
            return given(f"from {start} to {text_at(node, 'to') or '(no end date given)'}")
        v = at(node, key)
        if v is None:
            if fmt == "until" and isinstance(node, dict):
                return given("present (the current job)")
            return ask(rule.get("note"))
        if fmt == "yes-no":
            return given("Yes" if v else "No") if isinstance(v, bool) else ask()
        if fmt == "yes-if-any":
            return given("Yes" if v else "No") if isinstance(v, list) else ask()
        if fmt == "address":
            return given(self.address(v))
        if fmt == "phone":
            return given(self.phone(v))
        if fmt == "lines":
            return given("; ".join(x for x in v if isinstance(x, str))) if isinstance(v, list) else ask()
        if isinstance(v, str):
            return self.label(v, rule.get("list"))
        if isinstance(v, bool):
            return given("Yes" if v else "No")
        if isinstance(v, int):
            return given(str(v))
        if isinstance(v, float):
            return given(str(int(v)) if v.is_integer() else repr(v))
        if isinstance(v, list):
            return given(", ".join(x for x in v if isinstance(x, str)))
        return ask()

    @staticmethod
    def applies(conditions, j):
        for c in conditions:
            v = at(j, c["key"])
            if isinstance(v, bool):
                if ("true" if v else "false") in c["in"]:
                    return True
            elif isinstance(v, str):
                if v in c["in"]:
                    return True
            else:
                return True
        return False

    def answer(self, q, j, case):
        rule = q["answer"]
        keys = rule.get("keys") or []
        if rule.get("key") is not None:
            keys = [f"{rule['rows']}[].{rule['key']}"] if rule.get("rows") else [rule["key"]]

        def made(o, values=None):
            text, state, note = o
            return {"number": q["number"], "text": q["text"], "required": q["required"], "state": state,
                    "values": values if values is not None else ([text] if text is not None else []),
                    "keys": keys, "note": note}

        if rule.get("onlyIf") and not self.applies(rule["onlyIf"], j):
            return made(NONE)
        if rule.get("derive"):
            return made(derive(rule["derive"], self, j, case))
        if rule.get("rows"):
            rows = at(j, rule["rows"])
            if not isinstance(rows, list):
                return made(ask())
            if rule.get("where"):
                rows = [r for r in rows if all(text_at(r, k) == v for k, v in rule["where"].items())]
            if not rows:
                return made(NONE)
            outcomes = [self.value(rule, r) for r in rows]
            states = {o[1] for o in outcomes}
            state = "ask" if "ask" in states else "derived" if "derived" in states else "given"
            numbered = len(rows) > 1 or (rule.get("maxRows") or 1) > 1
            values = [(f"{n}: " if numbered else "") + (o[0] if o[0] is not None else "ask the client")
                      for n, o in enumerate(outcomes, 1)]
            notes = sorted({o[2] for o in outcomes if o[2] is not None})
            most = rule.get("maxRows")
            if most and len(rows) > most:
                notes.append(f"the form has {most} row{'' if most == 1 else 's'}; the others go on a separate sheet")
            return made((None, state, "; ".join(notes) if notes else None), values)
        if rule.get("key") is None and rule.get("keys") is None:
            return made(ask(rule.get("note")))
        return made(self.value(rule, j))

    def sheet(self, questions, j, case):
        return [(s["title"], [self.answer(q, j, case) for q in s["questions"]]) for s in questions["sections"]]


STATUS_WORDS = {"student": "Student", "worker": "Worker", "visitor": "Visitor", "expired": "Other"}
REP_BODIES = {"cicc": "CICC member", "law-society": "member of a Canadian law society",
              "chambre-des-notaires": "member of the Chambre des notaires du Québec",
              "friend-or-family": "friend or family member", "other": "other"}


def derive(name, ans, j, case):
    """The named derivations a question list may use (the rules of imp-packet's FormDerivation)."""
    a = j.get("applicant") or {}
    status = text_at(j, "applicant.status.type")
    if name == "service-language":
        return derived("French" if j.get("language", "en") == "fr" else "English",
                       "the profile's language (the packet's); change it if the client wants the other")
    if name == "applying-restore":
        return ask() if status is None else derived("Yes" if status == "expired" else "No", f"applicant.status.type is {status}")
    if name == "applying-extend":
        if status is None:
            return ask()
        if status == "worker":
            return ask("the profile does not say whether the current permit's employer is the new one")
        return derived("No", f"applicant.status.type is {status}: no work permit to extend")
    if name == "applying-new-employer":
        if status in ("student", "visitor", "none"):
            return derived("Yes", f"applicant.status.type is {status}: a first work permit")
        return ask()
    if name == "applying-trp":
        return derived("No", "every category of this tool is a work permit, never a temporary resident permit")
    if name == "status-in-canada":
        if status is None or status not in STATUS_WORDS:
            return ask("maintained status: give the status held before applying" if status == "maintained" else None)
        return derived(STATUS_WORDS[status], f"applicant.status.type is {status}" + (" (status to restore)" if status == "expired" else ""))
    if name == "status-in-country-of-residence":
        home = a.get("countryOfResidence")
        if home is None:
            return ask()
        return derived("Citizen", "a citizen of the country of residence") if home in a.get("citizenships", []) else ask()
    if name == "marital-status":
        m = text_at(j, "applicant.maritalStatus")
        if m is not None:
            return ans.label(m, "maritalStatus")
        r = text_at(j, "family.spouse.relationship")
        if r is not None:
            t = ans.label(r, "maritalStatus")[0]
            return derived(t if t is not None else r, "family.spouse.relationship")
        return ask()
    if name == "marital-status-5645":
        m = text_at(j, "applicant.maritalStatus") or text_at(j, "family.spouse.relationship")
        return ask() if m is None else ans.label(m, "maritalStatus5645Principal")
    if name == "spouse-marital-status-5645":
        r = text_at(j, "family.spouse.relationship")
        return ask() if r is None else ans.label(r, "maritalStatus5645Principal")
    if name == "spouse-canadian":
        spouse = at(j, "family.spouse")
        if spouse is None:
            m = text_at(j, "applicant.maritalStatus")
            return ask() if m is None or m in ("married", "common-law") else NONE
        if "CA" in spouse.get("citizenships", []):
            return derived("Yes", "family.spouse.citizenships holds CA")
        return ask("the profile keeps no permanent residence for the spouse")
    if name == "communicate":
        v = text_at(j, "applicant.ableToCommunicate")
        if v is not None:
            return ans.label(v, "communicate")
        tested = {t.get("language") for t in a.get("languageTests", [])}
        if not tested:
            return ask()
        return derived("Both" if len(tested) == 2 else "French" if "fr" in tested else "English", "the language tests in the profile")
    if name in ("passport-taiwan", "passport-israel"):
        country = (a.get("passport") or {}).get("country")
        if country is None:
            return ask()
        target = "TW" if name == "passport-taiwan" else "IL"
        return derived("Yes" if country == target else "No", f"applicant.passport.country is {country}")
    if name in ("work-permit-type", "work-permit-type-outside"):
        inside = name == "work-permit-type"
        kind = "pgwp" if inside and case[0] == "pgwp" else case[1]
        l = ans.label(kind, "workPermitTypeInCanada" if inside else "workPermitTypeOutside")
        if l[0] is None:
            return l
        return derived(l[0], f"the category ({case[0]}, {case[1]}); IRCC's exact words unconfirmed")
    if name == "work-permit-type-other":
        return NONE
    if name == "job-end":
        end = text_at(j, "job.endDate")
        if end is not None:
            return given(end)
        until = text_at(j, "submission.requestedValidUntil")
        return derived(until, "submission.requestedValidUntil") if until is not None else ask()
    if name == "pnp-certificate":
        program = text_at(j, "nomination.program")
        if program == "pnp":
            return derived("Yes", "nomination.program is pnp")
        if program == "atlantic":
            return derived("No", "an Atlantic endorsement is not a PNP certificate")
        return ask()
    if name == "post-secondary":
        rows = at(j, "applicant.education")
        if not isinstance(rows, list):
            return ask()
        if any(isinstance(r.get("level"), str) and r["level"] != "secondary" for r in rows if isinstance(r, dict)):
            return derived("Yes", "applicant.education holds a post-secondary credential")
        return ask()
    if name == "previously-applied":
        v = text_at(j, "applicant.background.previouslyApplied")
        if v is not None:
            return ans.label(v, "answer")
        if a.get("uci") is not None:
            return derived("Yes", "a UCI: IRCC has a file on the applicant")
        if status is not None and status != "none":
            return derived("Yes", f"applicant.status.type is {status}: a status in Canada")
        return ask()
    if name == "applying-from-residence":
        here, home = text_at(j, "submission.countryWhereApplying"), a.get("countryOfResidence")
        if here is None or home is None:
            return ask()
        return derived("Yes" if here == home else "No", "submission.countryWhereApplying and applicant.countryOfResidence")
    if name == "application-type-5645":
        return derived("Worker", "the packet is a work permit application")
    if name == "current-occupation":
        current = next((w for w in a.get("workHistory", []) if w.get("to") is None), None)
        return derived(current["title"], "the current job in applicant.workHistory") if current else ask()
    if name == "representative-action":
        if j.get("representative") is None:
            return ask()
        return derived("Appointing", "the profile names a representative (updating or cancelling one is not modelled)")
    if name == "application-type-5476":
        where = "inside Canada" if j["submission"]["from"] == "inside-canada" else "outside Canada"
        return derived(f"Work permit ({where})", "submission.from")
    if name == "representative-type":
        r, body = j.get("representative"), text_at(j, "representative.body")
        if r is None or body is None:
            return ask()
        return given(f"{'Paid' if r.get('paid') else 'Unpaid'}: {REP_BODIES.get(body, body)}")
    return ask(f"no rule {name}")


STATE_TEXT = {"derived": "derived", "not-applicable": "does not apply"}


def sheet_context(questions, sections):
    answers = [a for _, s in sections for a in s]
    required = sum(a["required"] for a in answers)
    asked = sum(a["required"] and a["state"] == "ask" for a in answers)
    return {
        "form": questions["form"], "title": questions["title"], "edition": questions["edition"],
        "source": questions["source"],
        "wordingNote": None if questions["wordingConfirmed"] else
        "The wording was not read from this form's own template; check each question against the form.",
        "requiredText": f"{required - asked} of {required} required questions answered" if required else
        "No question of this form is marked required",
        "askText": f"{asked} required question{'' if asked == 1 else 's'} to ask the client" if asked else None,
        "sections": [{"title": title, "answers": [{
            "number": a["number"], "text": a["text"], "required": a["required"], "values": a["values"],
            "ask": a["state"] == "ask" and not a["values"], "stateText": STATE_TEXT.get(a["state"]),
            "rowClass": f"answer answer-{a['state']}", "keys": ", ".join(a["keys"]) or "—", "note": a["note"],
        } for a in s]} for title, s in sections],
    }


def sheet_file(form):
    return "forms/" + form.replace(" ", "-") + "-data.html"


def asked_text(sections, phrases):
    """`forms` on the checklist: the required questions still to ask, by section."""
    count, by_section = 0, []
    for title, answers in sections:
        numbers = []
        for a in answers:
            if a["required"] and a["state"] == "ask":
                count += 1
                if a["number"] not in numbers:
                    numbers.append(a["number"])
        if numbers:
            by_section.append(f"{title} {', '.join(numbers)}")
    if not count:
        return None
    return fill(phrases["forms.askOne" if count == 1 else "forms.askMany"], count=str(count), sections="; ".join(by_section))


# --- what the pages show --------------------------------------------------------------

DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
FILL = re.compile(r"\{([A-Za-z]+)\}")


def fill(pattern, **values):
    """`{name}` of a catalog phrase replaced by its value; other braces stay."""
    return FILL.sub(lambda m: values.get(m.group(1), m.group(0)), pattern)


class Words:
    """The catalog's wording (phrases, date and money formats) and names (countries, provinces)."""

    def __init__(self, catalog):
        w = catalog["wording"]
        self.phrases, self.format = w["phrases"], w["format"]
        names = catalog.get("names") or {}
        self.countries, self.provinces = names.get("countries", {}), names.get("provinces", {})
        self.languages = names.get("languages", {})

    def phrase(self, key, **values):
        return fill(self.phrases.get(key, key), **values)

    def date(self, s):
        if s is None:
            return None
        d = datetime.date.fromisoformat(s)
        pattern = self.format["firstOfMonth"] if d.day == 1 else self.format["date"]
        return fill(pattern, day=str(d.day), month=self.format["months"][d.month - 1], year=str(d.year))

    def money(self, s):
        whole, cents = s.lstrip("-").split(".")
        amount = f"{int(whole):,}".replace(",", self.format["groupSeparator"]) + self.format["decimalMark"] + cents
        return fill(self.format["negativeMoney" if s.startswith("-") else "money"], amount=amount)

    def yes_no(self, b):
        return self.phrase("yes" if b else "no")

    def value(self, field, raw):
        return self.phrases.get(f"value.{field}.{raw}") or raw.replace("-", " ")

    def person(self, member):
        if member.startswith("child-"):
            return self.phrase("person.child", number=member[6:])
        return self.phrase(f"person.{member}")


def teer(noc):
    """The TEER of a NOC code: its second digit."""
    return noc[1] if noc and len(noc) > 1 and noc[1].isdigit() else None


def lower_first(s):
    return s if s[1:2].isupper() else s[:1].lower() + s[1:]


def sections(p, w):
    """The profile's sections that the category letters (05-*) read."""
    a = p["applicant"]
    today = datetime.date.fromisoformat(p["submission"]["date"])
    education = None
    if a.get("education"):
        e = max(a["education"], key=lambda e: e.get("completedOn") or "0000-00-00")
        confirmed = e.get("completionConfirmedOn")
        yn = lambda k: w.yes_no(e[k]) if e.get(k) is not None else None
        education = {
            "credential": e["credential"], "level": w.value("educationLevel", e["level"]),
            "university": w.yes_no(e.get("university")), "institution": e["institution"], "dliNumber": e.get("dliNumber"),
            "program": e.get("program"), "cipCode": e.get("cipCode"),
            "lengthMonths": str(e["lengthMonths"]) if e.get("lengthMonths") is not None else None, "fullTime": yn("fullTime"),
            "distanceLearningPercent": w.phrase("percent", value=str(e["distanceLearningPercent"]))
            if e.get("distanceLearningPercent") is not None else None,
            "startedOn": w.date(e.get("startedOn")), "completedOn": w.date(e.get("completedOn")),
            "completionConfirmedOn": w.date(confirmed),
            "applyBy": w.date((datetime.date.fromisoformat(confirmed) + datetime.timedelta(days=180)).isoformat()) if confirmed else None,
            "daysUsed": str((today - datetime.date.fromisoformat(confirmed)).days) if confirmed else None,
        }
    work = [{"employer": j["employer"], "title": j["title"], "noc": j.get("noc"), "country": j.get("country"),
             "from": w.date(j["from"]), "to": w.date(j["to"]) if j.get("to") else w.phrase("present"),
             "hours": w.phrase("hoursPerWeek", hours=str(j["hoursPerWeek"])) if j.get("hoursPerWeek") is not None else None,
             "related": w.yes_no(j.get("relatedToCanadianEmployer"))} for j in a.get("workHistory", [])]
    tests = [{"test": t["test"], "language": w.phrase(f"testLanguage.{t['language']}"), "date": w.date(t["date"]),
              "level": w.phrase(f"testLevel.{t['language']}", level=str(t["clb"]))} for t in a.get("languageTests", [])]
    principal = None
    if p.get("principal"):
        q = p["principal"]
        until = q.get("permitValidUntil")
        program = q.get("program")
        months_left = None
        if until:
            u = datetime.date.fromisoformat(until)
            months_left = (u.year - today.year) * 12 + u.month - today.month - (u.day < today.day)
        principal = {
            "name": " ".join(x for x in (q.get("givenNames"), q.get("familyName")) if x), "kind": w.value("principalKind", q["kind"]),
            "permitValidUntil": w.date(until), "noc": q.get("noc"), "teer": teer(q.get("noc")),
            "transitioning": w.yes_no(q.get("transitioningToPermanentResidence")),
            "program": (w.phrase("programMonths", program=w.value("educationLevel", program["level"]), months=str(program["lengthMonths"]))
                        if program.get("lengthMonths") is not None else w.value("educationLevel", program["level"])) if program else None,
            "monthsLeft": str(months_left) if months_left is not None else None,
        }
    spouse = None
    sp = (p.get("family") or {}).get("spouse")
    if sp:
        spouse = {"name": f"{sp['givenNames']} {sp['familyName']}", "relationship": w.value("spouseRelationship", sp["relationship"]),
                  "since": w.date(sp.get("since")), "dateOfBirth": w.date(sp.get("dateOfBirth")),
                  "citizenships": ", ".join(sp.get("citizenships", []))}
    ict = None
    if p.get("intraCompany"):
        i = p["intraCompany"]
        ict = {"foreignEmployer": i["foreignEmployer"], "relationship": w.value("ictRelationship", i["relationship"]),
               "role": w.value("ictRole", i["role"]), "startUp": w.yes_no(i.get("startUp")),
               "canadianPremises": w.yes_no(i.get("canadianPremises"))}
    pr = None
    if p.get("permanentResidence"):
        r = p["permanentResidence"]
        pr = {"program": r["program"], "expressEntry": w.yes_no(r.get("expressEntry")), "applicationNumber": r.get("applicationNumber"),
              "aor": w.date(r.get("acknowledgementOfReceiptOn")),
              "completenessCheck": w.phrase("completeness.passed" if r.get("completenessCheckPassed") else "completeness.notPassed"),
              "positiveEligibility": w.date(r.get("positiveEligibilityOn"))}
    nomination = None
    if p.get("nomination"):
        n = p["nomination"]
        nomination = {"province": n["province"], "certificateNumber": n.get("certificateNumber"), "expiresOn": w.date(n.get("expiresOn")),
                      "restricted": w.yes_no(n.get("employmentRestriction"))}
    return {"education": education, "work": work, "languageTests": tests, "principal": principal, "spouse": spouse,
            "intraCompany": ict, "pr": pr, "nomination": nomination}


def context(p, plan, files, w, lib):
    a = p["applicant"]
    full = f"{a['givenNames']} {a['familyName']}"
    rep = p.get("representative")
    permit_text = w.phrase(f"permit.{plan['category']['permit']}")
    status_text = lambda s: w.phrase(f"status.{s}")
    items = [dict(i, statusText=status_text(i["status"]), statusClass=f"status status-{i['status']}") for i in plan["checklist"]]
    slots = []
    for i in items:
        if i["slot"] not in slots:
            slots.append(i["slot"])
    job = p.get("job")
    jc = None
    if job:
        e = job.get("employer") or {}
        ad = e.get("address")
        c = e.get("contact") or {}
        wage = job.get("wage")
        start, end = job.get("startDate"), job.get("endDate")
        jc = {
            "employer": {"legalName": e.get("legalName"), "operatingName": e.get("operatingName"),
                         "businessNumber": e.get("businessNumber"),
                         "address": ", ".join(x for x in [ad.get("line1"), ad.get("line2"), ad.get("city"),
                                                          " ".join(y for y in (ad.get("province"), ad.get("postalCode")) if y)] if x) if ad else None,
                         "contact": ", ".join(x for x in (c.get("name"), c.get("title")) if x) if c else None},
            "title": job.get("title"), "noc": job.get("noc"), "teer": teer(job.get("noc")),
            "offerNumber": job.get("offerOfEmploymentNumber") or w.phrase(
                "offer.notNeeded" if e.get("complianceFeeExemption") is not None else "offer.notYetIssued"),
            "wage": w.phrase(f"wage.{wage['per']}", amount=w.money(wage["amount"])) if wage else None,
            "hoursPerWeek": str(job.get("hoursPerWeek")),
            "location": f"{job['workLocation']['city']}, {w.provinces.get(job['workLocation']['province'], job['workLocation']['province'])}"
            if job.get("workLocation") else None,
            "startDate": w.date(start), "signer": c.get("name"), "signerTitle": c.get("title"),
            "contactEmail": c.get("email"), "contactPhone": c.get("phone"),
            "dates": (w.phrase("dateRange", **{"from": w.date(start), "to": w.date(end)}) if end else w.date(start)) if start else None,
            "duties": job.get("duties", []),
        }
    sender = ({"heading": rep.get("organization") or rep["name"], "name": rep["name"], "licence": rep.get("licenceNumber"),
               "organization": rep.get("organization"), "email": rep.get("email"), "isApplicant": False} if rep else
              {"heading": full, "name": full, "licence": None, "organization": None, "email": a.get("email"), "isApplicant": True})
    passport = a.get("passport")
    status = a.get("status")
    fees = plan["fees"]
    country = lambda code: w.countries.get(code, code)
    bio = plan["biometrics"][0] if plan["biometrics"] else None
    ctx = sections(p, w)
    ctx.update({
        "page": {"title": w.phrase("pageTitle", title=plan["category"]["title"], caseId=p["caseId"])},
        "case": {"id": p["caseId"], "language": p.get("language", "en"), "submissionDate": w.date(p["submission"]["date"]),
                 "submissionFrom": w.phrase(f"submission.{p['submission']['from']}"), "catalogVersion": plan["catalogVersion"],
                 "asOf": p["submission"]["date"]},
        "applicant": {"fullName": full, "familyName": a["familyName"], "givenNames": a["givenNames"],
                      "dateOfBirth": w.date(a["dateOfBirth"]), "citizenships": ", ".join(map(country, a["citizenships"])),
                      "passportNumber": passport["number"] if passport else None,
                      "passportCountry": country(passport["country"]) if passport else None,
                      "passportExpiry": w.date(passport["expiryDate"]) if passport else None, "uci": a.get("uci"),
                      "status": (w.phrase("statusUntil", status=w.value("status", status["type"]), date=w.date(status["validUntil"]))
                                 if status.get("validUntil") else w.value("status", status["type"])) if status else None},
        "category": dict(plan["category"], permitText=permit_text, permitTextLower=permit_text.lower(),
                         summary=lib["summaries"].get(plan["category"]["id"])),
        "permit": {"validUntil": w.date(plan["permitValidUntil"])},
        "representative": dict(rep, licence=rep.get("licenceNumber"), paidText=w.yes_no(rep.get("paid"))) if rep else None,
        "sender": sender,
        "eligibility": plan["eligibility"],
        "forms": [{"form": f, "title": lib["formTitles"].get(f), "sheet": None, "ask": None} for f in plan["forms"]],
        "sheet": None,
        "formsText": ", ".join(plan["forms"]) or w.phrase("formsNone"),
        "uploads": None,
        "checklist": {"items": items, "groups": [{"slot": s, "items": [i for i in items if i["slot"] == s]} for s in slots],
                      "missingCount": str(sum(i["status"] == "missing" for i in items)),
                      "providedCount": str(sum(i["status"] == "provided" for i in items)),
                      "staleCount": str(sum(i["status"] in ("expired", "expiring") for i in items))},
        "fees": {"schedule": w.date(fees["schedule"]),
                 "lines": [dict(l, amount=w.money(l["amount"]), payer=w.phrase(f"payer.{l['payer']}")) for l in fees["lines"]],
                 "applicantTotal": w.money(fees["totals"]["applicant"]), "employerTotal": w.money(fees["totals"]["employer"]),
                 "hasEmployerFees": fees["totals"]["employer"] not in ("0.00", "0"), "toCheck": bool(fees.get("toCheck")),
                 "notices": [{"message": x["message"]} for x in plan["eligibility"]["warnings"] if x["rule"] == "catalog.review-date"],
                 "applicantLinesText": ", ".join(lower_first(l["description"]) for l in fees["lines"] if l["payer"] == "applicant")},
        "biometrics": [dict(b, person=w.person(b["person"].replace(" ", "-")),
                            requiredText=w.phrase("required" if b["required"] else "notRequired")) for b in plan["biometrics"]],
        "biometricsText": (w.phrase("required") if bio["required"] else w.phrase("notRequiredBecause", reason=bio["reason"]))
        if bio else w.phrase("notRequired"),
        "medicalText": w.phrase("medical.required" if plan["medicalExamRequired"] else "notRequired"),
        "letterFacts": plan["letterFacts"],
        "job": jc,
        "files": [{"name": n, "title": t} for n, t in files],
    })
    ctx["letter"] = letter_context(p, plan, w, lib)
    return ctx


def holds(condition, facts):
    """A catalog condition of the simple forms the submission letter's offices use ({fact, in} and {fact, equals})."""
    if condition is None:
        return True
    v = facts.get(condition["fact"])
    if "in" in condition:
        return v in condition["in"]
    return v == condition["equals"]


def letter_context(p, plan, w, lib):
    """The submission letter's names that come from the plan and the profile: its office (the
    catalog's first office whose condition holds), what is enclosed and what follows, who pays
    each fee. Its arguments and letters of explanation come from the rules (see the module's doc)."""
    a = p["applicant"]
    full = f"{a['givenNames']} {a['familyName']}"
    has_fees = plan["fees"]["totals"]["applicant"] not in ("0.00", "0")
    facts = {"submission.from": p["submission"]["from"], "fees.hasApplicantFees": has_fees,
             "fees.applicantTotal": w.money(plan["fees"]["totals"]["applicant"])}
    office = next((o for o in lib["offices"] if holds(o.get("when"), facts)), None)
    say = lambda text: FILL.sub(lambda m: str(facts.get(m.group(1), m.group(0))), text)
    provided = set(p.get("provided", []))
    enclosed = {i["id"] for i in plan["checklist"] if i["id"] in provided and i["status"] != "expired"}
    item = lambda i: {"title": i["title"], "slot": i["slot"], "form": i.get("form"), "statusText": w.phrase(f"status.{i['status']}"),
                      "required": i["required"]}
    employer = ((p.get("job") or {}).get("employer") or {}).get("legalName")
    return {
        "office": {"id": office["id"], "address": office["address"], "salutation": office["salutation"],
                   "filing": say(office["filing"]),
                   "fees": say(next((f["text"] for f in office["fees"] if holds(f.get("when"), facts)), ""))} if office else None,
        # No arguments (rules): all of none are met, so allMet is the eligibility, as imp-packet computes it.
        "arguments": [], "allMet": plan["eligibility"]["eligible"], "explanations": [],
        "enclosed": [item(i) for i in plan["checklist"] if i["id"] in enclosed],
        "generated": [{"title": l["title"]} for l in lib["letters"].get(plan["category"]["id"], [])],
        "toFollow": [item(i) for i in plan["checklist"] if i["id"] not in enclosed],
        "representativeFormEnclosed": "representative-form" in enclosed,
        "feeLines": [{"description": l["description"], "amount": w.money(l["amount"]), "basis": l["basis"],
                      "payer": (employer or l["payer"]) if l["payer"] == "employer" else full} for l in plan["fees"]["lines"]],
        "languageName": w.languages.get(p.get("language", "en"), p.get("language", "en")),
    }


def member_context(m, family, plan, w, ctx):
    """The names family-member.xhtml reads: the member's own application and the group's totals."""
    slots = []
    for i in m["checklist"]:
        if i["slot"] not in slots:
            slots.append(i["slot"])
    groups = [{"slot": s, "items": [dict(i, statusText=w.phrase(f"status.{i['status']}"), statusClass=f"status status-{i['status']}",
                                         upload=None, files=None) for i in m["checklist"] if i["slot"] == s]} for s in slots]
    c = m["category"]
    out = dict(ctx)
    out["member"] = {
        "id": m["member"], "name": m["name"],
        "relation": w.phrase("relation.spouse" if m["member"] == "spouse" else "relation.child"),
        "pageTitle": w.phrase("page.family-member.title", member=m["member"], person=w.person(m["member"]), caseId=plan["caseId"]),
        "application": m["application"], "title": c["title"], "code": c["code"] or None, "legalBasis": c["legalBasis"],
        "note": m.get("note"), "principalApplication": m["principalApplication"],
        "eligibleText": w.phrase("eligible" if m["eligibility"]["eligible"] else "notEligible"),
        "unmet": m["eligibility"]["unmet"], "warnings": m["eligibility"]["warnings"], "forms": m["forms"], "groups": groups,
        "letterFacts": m["letterFacts"],
        "feeLines": [dict(l, payer=w.phrase(f"payer.{l['payer']}"), amount=w.money(l["amount"])) for l in m["fees"]["lines"]],
        "applicantTotal": w.money(m["fees"]["totals"]["applicant"]),
    }
    out["family"] = {"applicantTotal": w.money(family["totals"]["applicant"]), "employerTotal": w.money(family["totals"]["employer"])}
    return out


# --- one packet -------------------------------------------------------------------------

# The known keys, from the profile's JSON Schema (its top level and the applicant).
with open(os.path.join(ROOT, "schema", "profile.schema.json"), encoding="utf-8") as _f:
    _schema = json.load(_f)
TOP_KEYS = set(_schema["properties"]) - {"$schema"}
APPLICANT_KEYS = set(_schema["properties"]["applicant"]["properties"])

_worker = {}


def load_library():
    """What the pages need besides the plan: the catalog's wording, form titles and letters, the question lists."""
    with open(os.path.join(ROOT, "Templates", "catalog", "catalog.json"), encoding="utf-8") as f:
        catalog = json.load(f)
    questions = {}
    for name in sorted(os.listdir(FORMS)):
        if name.startswith("IMM") and name.endswith(".json"):
            with open(os.path.join(FORMS, name), encoding="utf-8") as f:
                q = json.load(f)
            questions[q["form"]] = q
    with open(os.path.join(FORMS, "ircc-lists.json"), encoding="utf-8") as f:
        lists = json.load(f)
    titles = {}
    for f in catalog["forms"] + [f for c in catalog["categories"] for f in c.get("forms") or []]:
        titles.setdefault(f["form"], f["title"])
    return {"words": Words(catalog), "formTitles": titles, "questions": questions, "answerer": Answerer(lists),
            "summaries": {c["id"]: c.get("summary") for c in catalog["categories"]},
            "letters": {c["id"]: c.get("letters") or [] for c in catalog["categories"]},
            "offices": catalog["submissionLetter"]["offices"]}


def init_worker(plans, out_dir, timestamp):
    env = jinja2.Environment(autoescape=True, undefined=jinja2.ChainableUndefined, keep_trailing_newline=True)
    lib = load_library()
    parts = os.path.join(TEMPLATES, "_parts.xhtml")
    names = {t for _, t, _, _ in PAGES} | {"form-data-sheet.xhtml", "family-member.xhtml"}
    names |= {l["template"] for ls in lib["letters"].values() for l in ls}
    pages = {t: env.from_string(translate(os.path.join(TEMPLATES, t), parts)) for t in sorted(names)}
    # imp-packet writes its manifest in code; the peer renders the same XML from a template.
    manifest = os.path.join(os.path.dirname(os.path.abspath(__file__)), "bench-peer-manifest.xml")
    pages["manifest.xml"] = env.from_string(translate(manifest, parts))
    _worker.update(pages=pages, plans=plans, out=out_dir, lib=lib)


def plan_key(p):
    """Which of the fixtures' plans a profile takes: category (and IEC stream), the family
    members applying with it, and whether a representative is named (which adds IMM 5476)."""
    family = p.get("family") or {}
    members = "spouse" if (family.get("spouse") or {}).get("applyingTogether") else ""
    members += "+child" * sum(bool(c.get("applyingTogether")) for c in family.get("children") or [])
    return f"{p.get('category')}/{(p.get('iec') or {}).get('stream', '')}/{members}/{'rep' if p.get('representative') else ''}"


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
        lib, w, pages = _worker["lib"], _worker["lib"]["words"], _worker["pages"]
        # A copy of the parts of the fixture's plan this profile changes; the rest is shared.
        plan = dict(base, caseId=p["caseId"])
        provided = set(p.get("provided", []))
        plan["checklist"] = [dict(i, status="provided" if i["id"] in provided else "missing") for i in base["checklist"]]
        family = plan.get("family")
        if family:
            family = plan["family"] = dict(family, members=[dict(m) for m in family["members"]])
        people = (p.get("family") or {})
        kids = [c for c in people.get("children") or [] if c.get("applyingTogether")]
        for m in (family or {}).get("members", []):
            person = people.get("spouse") if m["member"] == "spouse" else kids[int(m["member"][6:]) - 1]
            m["name"] = f"{person['givenNames']} {person.get('familyName') or p['applicant']['familyName']}"
        # The pages, in imp-packet's order: standard, the category's letters, form sheets, family members.
        # Each page: file, template, title, and the form or family member it is about.
        layout = [(n, t, w.phrase(title), None) for n, t, title, employer_only in PAGES
                  if not employer_only or plan["category"]["permit"] == "employer-specific"]
        layout += [(l["file"], l["template"], l["title"], None) for l in lib["letters"].get(plan["category"]["id"], [])]
        sheets = [f for f in plan["forms"] if f in lib["questions"]]
        layout += [(sheet_file(f), "form-data-sheet.xhtml", w.phrase("page.form-data-sheet", form=f), f) for f in sheets]
        layout += [(f"07-family-{m['member']}.html", "family-member.xhtml",
                    w.phrase("page.family-member", member=m["member"], person=w.person(m["member"])), m)
                   for m in (family or {}).get("members", [])]
        files = [(n, t) for n, _, t, _ in layout] + [("plan.json", w.phrase("page.plan")), ("manifest.xml", w.phrase("page.manifest"))]
        ctx = context(p, plan, files, w, lib)
        case = (plan["category"]["id"], plan["category"]["permit"])
        answered = {f: lib["answerer"].sheet(lib["questions"][f], p, case) for f in sheets}
        for f in ctx["forms"]:
            if f["form"] in answered:
                f["sheet"] = sheet_file(f["form"])
                f["ask"] = asked_text(answered[f["form"]], w.phrases)
        entries = []
        for name, template, _, about in layout:
            if template == "form-data-sheet.xhtml":
                page = dict(ctx, sheet=sheet_context(lib["questions"][about], answered[about]),
                            page={"title": w.phrase("page.form-data-sheet.title", form=about, caseId=p["caseId"])})
            elif template == "family-member.xhtml":
                page = member_context(about, family, plan, w, ctx)
            else:
                page = ctx
            entries.append((name, pages[template].render(page).encode()))
        entries.append(("plan.json", (json.dumps(plan, indent=2, sort_keys=True, ensure_ascii=False, separators=(",", " : ")) + "\n").encode()))
        ctx.update(tool={"name": "bench-peer", "version": "1", "deflate": f"zlib {zlib.ZLIB_RUNTIME_VERSION}"},
                   profile={"sha256": hashlib.sha256(line.encode()).hexdigest()},
                   templates={"sha256": "0" * 64}, manifestFiles=[
                       {"name": n, "size": str(len(b)), "sha256": hashlib.sha256(b).hexdigest(),
                        "mediaType": "application/json" if n.endswith(".json") else "text/html"} for n, b in entries])
        ctx["eligibility"] = {"eligibleText": "true"}
        entries.append(("manifest.xml", pages["manifest.xml"].render(ctx).encode()))
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
