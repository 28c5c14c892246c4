#!/usr/bin/env python3
"""Validates employer files against schema/employer.schema.json (which refers to
schema/profile.schema.json) with Python's jsonschema, Draft 2020-12.

    scripts/check-employer-schema.py FILE.json...

Prints one JSON object per file: {"file", "valid", "errors": [{"path", "message"}]}.
Exit status 0 when every file is valid, 1 otherwise."""
import json, pathlib, sys

import jsonschema
from referencing import Registry, Resource

root = pathlib.Path(__file__).resolve().parent.parent
profile = json.loads((root / 'schema/profile.schema.json').read_text())
employer = json.loads((root / 'schema/employer.schema.json').read_text())
registry = Registry().with_resources([
    (profile['$id'], Resource.from_contents(profile)),
    (employer['$id'], Resource.from_contents(employer)),
])
Validator = jsonschema.Draft202012Validator
Validator.check_schema(employer)
validator = Validator(employer, registry=registry, format_checker=Validator.FORMAT_CHECKER)

ok = True
for name in sys.argv[1:]:
    data = json.loads(pathlib.Path(name).read_text())
    errors = [{'path': '.'.join(str(p) for p in e.absolute_path), 'message': e.message} for e in validator.iter_errors(data)]
    ok = ok and not errors
    print(json.dumps({'file': name, 'valid': not errors, 'errors': errors}, ensure_ascii=False))
sys.exit(0 if ok else 1)
