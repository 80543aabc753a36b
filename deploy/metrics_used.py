#!/usr/bin/env python3
"""Checks that deploy/metrics-used.txt lists exactly the metric names that the alert rules
(deploy/prometheus/*.rules.yml) and the Grafana dashboard (deploy/grafana/*.json) use, `up` aside.
The service's own tests check that every name of that file is exported; this keeps the file honest.

    python3 deploy/metrics_used.py          # compare, exit 1 on a difference
    python3 deploy/metrics_used.py --print  # the names the rules and the dashboard use

Commented-out rules (e.g. the witness quorum's) are not read: YAML drops comments.
"""
import argparse
import glob
import json
import os
import re
import sys

import yaml

DEPLOY = os.path.dirname(os.path.abspath(__file__))
NOT_LISTED = {"up"}  # Prometheus' own

# PromQL words that look like names: aggregations, functions, keywords
PROMQL_WORDS = {
    "sum", "min", "max", "avg", "count", "stddev", "stdvar", "topk", "bottomk", "quantile", "count_values", "group",
    "by", "without", "on", "ignoring", "group_left", "group_right", "and", "or", "unless", "offset", "bool", "atan2",
    "rate", "irate", "increase", "delta", "idelta", "deriv", "changes", "resets", "absent", "absent_over_time",
    "min_over_time", "max_over_time", "avg_over_time", "sum_over_time", "count_over_time", "last_over_time",
    "quantile_over_time", "stddev_over_time", "present_over_time", "histogram_quantile", "label_replace",
    "label_join", "abs", "ceil", "floor", "round", "clamp", "clamp_min", "clamp_max", "vector", "scalar", "time",
    "timestamp", "sort", "sort_desc", "predict_linear", "holt_winters", "exp", "ln", "log2", "log10", "sqrt",
    "inf", "nan",
}


def metric_names(expr):
    expr = re.sub(r'"(?:[^"\\]|\\.)*"', '""', expr)          # string literals
    expr = re.sub(r"\{[^}]*\}", "", expr)                    # label matchers
    expr = re.sub(r"\[[^\]]*\]", "", expr)                   # ranges and subqueries
    expr = re.sub(r"\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)", " ", expr)
    expr = re.sub(r"\boffset\s+\S+", " ", expr)
    expr = re.sub(r"\$\w+", " ", expr)                       # Grafana variables
    names = set()
    for token in re.findall(r"[A-Za-z_:][A-Za-z0-9_:]*", expr):
        if token.lower() not in PROMQL_WORDS and not re.fullmatch(r"\d+[smhdwy]", token):
            names.add(token)
    return names


def expressions_in_rules():
    for path in sorted(glob.glob(os.path.join(DEPLOY, "prometheus", "*.rules.yml"))):
        with open(path, encoding="utf-8") as f:
            for group in yaml.safe_load(f)["groups"]:
                for rule in group["rules"]:
                    yield f"{os.path.basename(path)} {rule.get('alert') or rule.get('record')}", rule["expr"]


def expressions_in_dashboards():
    def walk(node, where):
        if isinstance(node, dict):
            if isinstance(node.get("expr"), str):
                yield where, node["expr"]
            if isinstance(node.get("definition"), str):  # template variables: label_values(metric, label)
                match = re.match(r"\s*label_values\((.*),\s*\w+\)\s*$", node["definition"])
                if match:
                    yield where, match.group(1)
            for value in node.values():
                yield from walk(value, where)
        elif isinstance(node, list):
            for value in node:
                yield from walk(value, where)

    for path in sorted(glob.glob(os.path.join(DEPLOY, "grafana", "*.json"))):
        with open(path, encoding="utf-8") as f:
            yield from walk(json.load(f), os.path.basename(path))


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--print", action="store_true", help="print the names used and exit")
    args = parser.parse_args()
    used = {}
    for where, expr in list(expressions_in_rules()) + list(expressions_in_dashboards()):
        for name in metric_names(expr) - NOT_LISTED:
            used.setdefault(name, where)
    if args.print:
        print("\n".join(sorted(used)))
        return
    with open(os.path.join(DEPLOY, "metrics-used.txt"), encoding="utf-8") as f:
        listed = [line.strip() for line in f if line.strip()]
    problems = []
    for name in sorted(set(used) - set(listed)):
        problems.append(f"metrics-used.txt lacks {name} (used in {used[name]})")
    for name in sorted(set(listed) - set(used)):
        problems.append(f"metrics-used.txt lists {name}, which no rule or dashboard uses")
    if len(listed) != len(set(listed)):
        problems.append("metrics-used.txt lists a name twice")
    for problem in problems:
        print(problem)
    print(f"metrics-used.txt: {len(listed)} names, "
          f"{'as the rules and the dashboard use them' if not problems else f'{len(problems)} problem(s)'}")
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
