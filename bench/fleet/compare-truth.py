#!/usr/bin/env python3
"""Compares telltale fleet verdicts (jsonl) with the corpus's truth.jsonl (../shared/bench/gen-zone.py).

  compare-truth.py TRUTH.jsonl FLEET.jsonl [--list N]

For each planted property, the check that must notice it and the statuses that agree with the plant;
a check's status for a domain is its worst finding ("absent" when it reported none). Prints per rule
the agreements and every disagreement (domain, expected, actual, message), grouped by rule.
"""
import json
import sys
from collections import defaultdict

RANK = {"absent": 0, "skipped": 1, "pass": 2, "error": 3, "warn": 4, "fail": 5}
BAD = {"warn", "fail"}
OK = {"pass", "skipped", "absent"}

# (truth field, planted value or None for "any other value") -> (check ID, statuses that agree)
RULES = [
    ("mx", "dangling", "mx.unresolvable", {"fail"}),
    ("mx", "null", "mx.null", {"pass", "warn", "fail"}),
    ("mx", "none", "mx.missing", {"warn", "fail"}),
    ("mx", "own", "mx.missing", OK),
    ("mx", "provider", "mx.missing", OK),
    ("spf", "missing", "spf.missing", {"fail"}),
    ("spf", "multiple", "spf.multiple-records", {"fail"}),
    ("spf", "void_lookups", "spf.too-many-void-lookups", {"fail", "warn"}),
    ("spf", "syntax_error", "spf.syntax-error", {"fail"}),
    ("spf", "include_missing", "spf.include-missing", {"fail", "warn"}),
    ("spf", "plus_all", "spf.all-pass", {"fail"}),
    ("spf", "neutral_all", "spf.all-neutral", {"fail", "warn"}),
    ("spf", "ptr", "spf.ptr-used", {"warn", "fail"}),
    ("spf", "simple", "spf.missing", OK),
    # The generator's "include" chains sometimes total more than 10 lookups; its own spf_lookups says so.
    ("spf_over_10", True, "spf.too-many-lookups", {"fail"}),
    ("spf_over_10", False, "spf.too-many-lookups", OK | {"absent"}),
    ("spf", "redirect", "spf.missing", OK),
    ("spf", "macro", "spf.syntax-error", OK),
    ("spf", "long_ip_list", "spf.syntax-error", OK),
    ("dmarc", "missing", "dmarc.missing", {"fail"}),
    # A record not starting with v=DMARC1 is no DMARC record at all (RFC 9989 §4.7): "missing" agrees;
    # pct= was removed by RFC 9989 (ignored by its receivers): "deprecated tag" agrees.
    ("dmarc", "malformed", ("dmarc.syntax-error", "dmarc.missing", "dmarc.deprecated-tag"), {"fail", "warn"}),
    ("dmarc_policy", "none", "dmarc.policy-none", {"fail", "warn"}),
    ("dmarc_policy", "quarantine", "dmarc.policy-quarantine", {"warn", "fail"}),
    ("dmarc_policy", "reject", "dmarc.policy-none", OK),
    ("dmarc_rua", "unauthorised", "dmarc.external-report-unauthorized", {"fail", "warn"}),
    ("dmarc_rua", "authorised", "dmarc.external-report-unauthorized", OK),
    ("mta_sts", "missing", "mtasts.missing", {"fail", "warn"}),
    ("mta_sts", "malformed", "mtasts.record-invalid", {"fail", "warn"}),
    ("mta_sts", "valid", "mtasts.record-invalid", OK),
    ("tlsrpt", "missing", "tlsrpt.missing", {"fail", "warn"}),
    ("tlsrpt", "malformed", "tlsrpt.invalid", {"fail", "warn"}),
    ("tlsrpt", "mailto", "tlsrpt.invalid", OK),
    ("tlsrpt", "https", "tlsrpt.invalid", OK),
    ("bimi", "malformed", "bimi.invalid", {"fail", "warn"}),
    ("dkim_selector1", "rsa2048", "dkim.key-found", {"pass"}),
    ("dkim_selector1", "cname", "dkim.key-found", {"pass"}),
    ("dkim_selector1", "rsa1024", "dkim.weak-key", {"warn", "fail"}),
    ("dkim_selector1", "revoked", "dkim.revoked", {"warn", "fail"}),
    ("dkim_selector1", "malformed", "dkim.syntax-error", {"fail", "warn"}),
    ("exists", False, "mx.missing", {"fail"}),
]


def worst(findings, check_ids):
    ids = {check_ids} if isinstance(check_ids, str) else set(check_ids)
    status, message = "absent", ""
    for finding in findings:
        if finding["checkId"] in ids and RANK[finding["status"]] > RANK[status]:
            status, message = finding["status"], finding["message"]
    return status, message


def main():
    truth_path, fleet_path = sys.argv[1], sys.argv[2]
    limit = int(sys.argv[sys.argv.index("--list") + 1]) if "--list" in sys.argv else 10**9
    truth = {}
    with open(truth_path) as handle:
        for line in handle:
            row = json.loads(line)
            # Derived: does the planted SPF tree exceed 10 DNS-querying terms (RFC 7208 §4.6.4)?
            if row.get("spf") not in (None, "missing", "syntax_error", "multiple"):
                row["spf_over_10"] = row.get("spf_lookups", 0) > 10
            truth[row["name"]] = row
    agree = defaultdict(int)
    disagree = defaultdict(list)
    scanned = 0
    with open(fleet_path) as handle:
        for line in handle:
            report = json.loads(line)
            name = report["target"]["domain"]
            planted = truth.get(name)
            if planted is None:
                continue
            scanned += 1
            for field, value, check_id, expected in RULES:
                if planted.get(field, None) != value:
                    continue
                if field != "exists" and planted.get("exists") is False:
                    continue
                # www.<domain> rows carry their parent's plant; only the DMARC fallback applies to them.
                if "subdomain_of" in planted and not field.startswith("dmarc"):
                    continue
                status, message = worst(report["findings"], check_id)
                shown = check_id if isinstance(check_id, str) else "|".join(check_id)
                key = f"{field}={value} -> {shown} in {sorted(expected)}"
                if status in expected:
                    agree[key] += 1
                else:
                    disagree[key].append((name, status, message))
    total_agree = sum(agree.values())
    total_disagree = sum(len(rows) for rows in disagree.values())
    print(f"domains compared: {scanned}; rule checks: {total_agree + total_disagree}; agree: {total_agree}; disagree: {total_disagree}")
    for key in sorted(set(agree) | set(disagree)):
        print(f"{key}: agree {agree[key]}, disagree {len(disagree[key])}")
    for key in sorted(k for k in disagree if disagree[k]):
        print(f"\n## {key}")
        for name, status, message in disagree[key][:limit]:
            print(f"  {name}: got {status}: {message[:160]}")


if __name__ == "__main__":
    main()
