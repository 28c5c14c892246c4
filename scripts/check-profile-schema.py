#!/usr/bin/env python3
"""Validates profiles against schema/profile.schema.json with Python's jsonschema (Draft 2020-12).

    scripts/check-profile-schema.py [--no-format] PROFILE.json...

Prints one JSON object per file, in order: {"file", "valid", "errors": [{"path", "message"}]}.
Paths are written as imp-packet writes them (applicant.education[0].level); a missing or unknown
key is reported at the key's own path. --no-format checks "format" as annotation only, as many
editors do. The text is read strictly: NaN, Infinity and duplicate keys are refused, as
imp-packet refuses them. Exit status 0 when every file is valid, 1 otherwise."""
import json, pathlib, re, sys

import jsonschema

root = pathlib.Path(__file__).resolve().parent.parent
schema = json.loads((root / 'schema/profile.schema.json').read_text())
Validator = jsonschema.Draft202012Validator
Validator.check_schema(schema)


def path_of(parts):
    out = ''
    for p in parts:
        out += '[%d]' % p if isinstance(p, int) else (p if not out else '.' + p)
    return out


def strict_pairs(pairs):
    seen = {}
    for k, v in pairs:
        if k in seen:
            raise ValueError('duplicate key %r' % k)
        seen[k] = v
    return seen


def refuse_constant(name):
    raise ValueError('%s is not JSON' % name)


def errors(instance, validator):
    for e in validator.iter_errors(instance):
        base = list(e.absolute_path)
        if e.validator == 'required':
            for k in e.validator_value:
                if isinstance(e.instance, dict) and k not in e.instance:
                    yield path_of(base + [k]), e.message
        elif e.validator == 'additionalProperties':
            known = set(e.schema.get('properties', {}))
            patterns = list(e.schema.get('patternProperties', {}))
            for k in e.instance:
                if k not in known and not any(re.search(p, k) for p in patterns):
                    yield path_of(base + [k]), 'unknown key'
        else:
            yield path_of(base), e.message


def main(args):
    checker = None if '--no-format' in args else Validator.FORMAT_CHECKER
    validator = Validator(schema, format_checker=checker)
    results = []
    for f in [a for a in args if a != '--no-format']:
        try:
            text = pathlib.Path(f).read_bytes().decode('utf-8')
            instance = json.loads(text, object_pairs_hook=strict_pairs, parse_constant=refuse_constant)
            errs = [{'path': p, 'message': m} for p, m in errors(instance, validator)]
        except (UnicodeDecodeError, ValueError) as e:
            errs = [{'path': '', 'message': 'not JSON: %s' % e}]
        results.append({'file': f, 'valid': not errs, 'errors': errs})
    json.dump(results, sys.stdout, indent=1, ensure_ascii=False)
    print()
    return 0 if all(r['valid'] for r in results) else 1


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
