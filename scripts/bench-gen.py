#!/usr/bin/env python3
"""Synthetic applicant profiles for the batch benchmark and tests.

Each profile is one of the eligible fixtures in Fixtures/ (every category) with the
personal facts varied: names (many of them non-ASCII, some with characters that must
be escaped), dates of birth, passport and UCI numbers, e-mails, employers, wages,
duties, the representative and the documents already provided. A given fraction is
broken in the ways real files are: a date in the wrong format, a misspelt key, an
applicant who is not eligible, a code of another category, a truncated file.

  scripts/bench-gen.py -n 10000 --broken 100 --jsonl bench-data/10000.jsonl
  scripts/bench-gen.py -n 1000 --dir bench-data/1000/

The same --seed gives the same files. The inputs that must fail are listed in
FILE.broken (a JSON Lines file: "path:line"; a folder: the relative file paths), one a
line, so a benchmark can check that the report names exactly those.
"""

import argparse
import copy
import datetime
import json
import os
import random
import sys
import unicodedata

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FIXTURES = os.path.join(ROOT, "Fixtures")

FAMILY = [
    "García López", "Nguyễn", "Müller", "O'Brien", "Øster-Jensen", "Kowalczyk", "Søndergaard", "Tremblay",
    "Ferreira da Silva", "Çelik", "Dubois-Lefèvre", "Ivanova", "Yılmaz", "Okonkwo", "Haddad", "Papadopoulos",
    "Wójcik", "Smith", "Chen", "Kim", "Singh", "Björk", "Nakamura", "Al-Rashid", "Ó Súilleabháin", "Zhang",
    "Żółkiewski", "Da Costa & Filhos", "Lindqvist", "Van der Berg", "Băsescu", "Kuznetsov", "Ramírez",
]
GIVEN = [
    "María José", "Thị Hương", "Jürgen", "Siobhán", "Åse", "Zoë", "François", "Olúwaseun", "Dmitri", "Ayşe",
    "Chloé", "Nikolaos", "Agnieszka", "Mohammed", "Hiroshi", "Jae-won", "Priya", "Renée", "José Luis", "Ingrid",
    "Łukasz", "Hélène", "Tomás", "Kwame", "Fatima", "Anaïs", "Søren", "Mei", "<script>alert(1)</script>",
]
EMPLOYERS = [
    "Maple Robotics Inc.", "Northern Lights Analytics Ltd.", "Boréal Santé Inc.", "Fraser & Finch LLP",
    "Prairie Grain Co-operative", "Côte-Nord Ingénierie Inc.", "Lakeshore <Digital> Studios Inc.",
    "Atlantic Seafood Exports Ltd.", "Rocky Mountain Clinics Corp.", "Université Laval",
]
DUTIES = [
    "Design and review technical specifications", "Supervise a team of four engineers",
    "Prepare monthly reports for the board", "Train new staff in safety procedures",
    "Coordinate projects with clients in Canada and abroad", "Maintain quality & compliance records",
    "Plan budgets and schedules", "Present results to clients (in English and French)",
]
REPRESENTATIVES = [
    {"name": "Alex Tremblay", "licenceNumber": "R710392", "organization": "Tremblay Immigration Law",
     "email": "alex@tremblay.example", "paid": True},
    {"name": "Émilie Gagnon", "licenceNumber": "R512233", "organization": "Gagnon & Associés",
     "email": "emilie@gagnon.example", "paid": True},
    {"name": "Ravi Patel", "licenceNumber": "R623451", "organization": None,
     "email": "ravi@patel.example", "paid": False},
]


def ascii_slug(s):
    s = unicodedata.normalize("NFKD", s).encode("ascii", "ignore").decode()
    s = "".join(c for c in s.lower() if c.isalnum())
    return s or "client"


def shift(date, days):
    d = datetime.date.fromisoformat(date) + datetime.timedelta(days=days)
    return d.isoformat()


def load_fixtures():
    good, ineligible = [], None
    for name in sorted(os.listdir(FIXTURES)):
        if not name.endswith(".json"):
            continue
        with open(os.path.join(FIXTURES, name), encoding="utf-8") as f:
            profile = json.load(f)
        if name == "pgwp-ineligible.json":
            ineligible = profile
        else:
            good.append(profile)
    return good, ineligible


def vary(rng, base, case_id):
    p = copy.deepcopy(base)
    p["caseId"] = case_id
    a = p["applicant"]
    a["familyName"] = rng.choice(FAMILY)
    a["givenNames"] = rng.choice(GIVEN)
    a["dateOfBirth"] = shift(a["dateOfBirth"], rng.randint(-60, 60))
    a["email"] = f"{ascii_slug(a['givenNames'])}.{ascii_slug(a['familyName'])}{rng.randint(1, 999)}@example.org"
    if "passport" in a:
        a["passport"]["number"] = rng.choice("ABCDEFGHJKLMNPRSTUVWXYZ") + "".join(
            rng.choice("0123456789") for _ in range(8))
    if "uci" in a:
        a["uci"] = f"{rng.randint(1000, 9999)}-{rng.randint(1000, 9999)}"
    family = p.get("family") or {}
    if family.get("spouse"):
        family["spouse"]["givenNames"] = rng.choice(GIVEN)
    for child in family.get("children", []):
        child["givenNames"] = rng.choice(GIVEN)
    job = p.get("job")
    if job:
        employer = job.get("employer")
        if employer:
            employer["legalName"] = rng.choice(EMPLOYERS)
            employer.get("address", {})["line1"] = f"{rng.randint(1, 2999)} {rng.choice(['King St W', 'Rue Sainte-Catherine', 'Main St', 'Granville St'])}"
        wage = job.get("wage")
        if wage:
            amount = float(wage["amount"]) * (1 + rng.randint(0, 20) / 100)
            wage["amount"] = f"{amount:.2f}"
        job["duties"] = job.get("duties", []) + rng.sample(DUTIES, rng.randint(0, 4))
    if rng.random() < 0.5:
        p["representative"] = copy.deepcopy(rng.choice(REPRESENTATIVES))
    elif rng.random() < 0.3:
        p.pop("representative", None)
    provided = p.get("provided", [])
    p["provided"] = [d for d in provided if rng.random() < 0.8]
    return p


def breakage(rng, kind, profile, ineligible, case_id):
    """A broken profile as text: the kinds of mistake real files have."""
    if kind == 0:  # a date in the wrong format
        profile["applicant"]["dateOfBirth"] = "12/04/1990"
    elif kind == 1:  # a misspelt key
        profile["applicant"]["givenName"] = profile["applicant"].pop("givenNames")
    elif kind == 2:  # not eligible
        profile = vary(rng, ineligible, case_id)
    elif kind == 3:  # the code of another category
        profile["category"] = "C23"
    text = json.dumps(profile, ensure_ascii=False)
    if kind == 4:  # a truncated file
        text = text[: len(text) // 2]
    return text


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("-n", type=int, required=True, help="how many profiles")
    ap.add_argument("--broken", type=int, default=0, help="how many of them are broken (spread evenly)")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--prefix", default="B", help="case ids are PREFIX-000001, …")
    out = ap.add_mutually_exclusive_group(required=True)
    out.add_argument("--jsonl", help="write one JSON Lines file")
    out.add_argument("--dir", help="write one file per profile, 1,000 to a subfolder")
    args = ap.parse_args()
    if not 0 <= args.broken <= args.n:
        ap.error("--broken must be between 0 and -n")

    rng = random.Random(args.seed)
    good, ineligible = load_fixtures()
    step = args.n / args.broken if args.broken else 0
    broken_at = {int(i * step + step / 2) for i in range(args.broken)}
    expected = []

    jsonl = open(args.jsonl, "w", encoding="utf-8") if args.jsonl else None
    for i in range(args.n):
        case_id = f"{args.prefix}-{i + 1:06d}"
        profile = vary(rng, good[i % len(good)], case_id)
        if i in broken_at:
            text = breakage(rng, len(expected) % 5, profile, ineligible, case_id)
        else:
            text = json.dumps(profile, ensure_ascii=False)
        if jsonl:
            jsonl.write(text + "\n")
            where = f"{args.jsonl}:{i + 1}"
        else:
            rel = os.path.join(f"{i // 1000:03d}", f"{case_id}.json")
            os.makedirs(os.path.join(args.dir, os.path.dirname(rel)), exist_ok=True)
            with open(os.path.join(args.dir, rel), "w", encoding="utf-8") as f:
                f.write(json.dumps(json.loads(text), ensure_ascii=False, indent=2) + "\n" if i not in broken_at else text)
            where = os.path.join(args.dir, rel)
        if i in broken_at:
            expected.append(where)
    if jsonl:
        jsonl.close()
    target = args.jsonl or args.dir.rstrip("/")
    with open(target + ".broken", "w", encoding="utf-8") as f:
        f.writelines(e + "\n" for e in expected)
    print(f"{target}: {args.n} profiles, {len(expected)} broken (listed in {target}.broken)", file=sys.stderr)


if __name__ == "__main__":
    main()
