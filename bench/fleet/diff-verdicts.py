#!/usr/bin/env python3
# Compares two fleet JSON-lines results domain by domain: for each (domain, check ID) the statuses found,
# so a change of check logic (e.g. fewer DKIM lookups) can be shown to change no verdict.
#   bench/fleet/diff-verdicts.py BEFORE.jsonl AFTER.jsonl
import json
import sys
from collections import Counter


def verdicts(path):
    out = {}
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            report = json.loads(line)
            domain = report["target"]["domain"]
            by_check = {}
            for finding in report["findings"]:
                by_check.setdefault(finding["checkId"], set()).add(finding["status"])
            out[domain] = {check: tuple(sorted(statuses)) for check, statuses in by_check.items()}
    return out


def main():
    before, after = verdicts(sys.argv[1]), verdicts(sys.argv[2])
    changes = Counter()
    examples = {}
    for domain in sorted(set(before) | set(after)):
        old, new = before.get(domain), after.get(domain)
        if old is None or new is None:
            changes[("domain", "only in one file")] += 1
            continue
        for check in sorted(set(old) | set(new)):
            if old.get(check) != new.get(check):
                key = (check, f"{old.get(check)} -> {new.get(check)}")
                changes[key] += 1
                examples.setdefault(key, domain)
    print(f"domains: before {len(before)}, after {len(after)}; verdict changes: {sum(changes.values())}")
    for (check, what), count in changes.most_common():
        print(f"  {count:6d}  {check}: {what}  (e.g. {examples.get((check, what), '-')})")


if __name__ == "__main__":
    main()
