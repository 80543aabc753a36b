#!/usr/bin/env python3
"""Checks the Grafana dashboards in deploy/grafana/: the JSON parses, the data source is the
dashboard's `datasource` variable everywhere (no uid of one Grafana baked in), panel ids are unique,
every panel fits the 24-column grid and has a query.

    python3 deploy/check_dashboard.py [FILE...]
"""
import glob
import json
import os
import sys

DEPLOY = os.path.dirname(os.path.abspath(__file__))
DATASOURCE = {"type": "prometheus", "uid": "${datasource}"}


def check(path):
    problems = []
    try:
        with open(path, encoding="utf-8") as f:
            dashboard = json.load(f)
    except (OSError, ValueError) as e:
        return [f"does not parse: {e}"]
    variables = {v.get("name"): v for v in dashboard.get("templating", {}).get("list", [])}
    if variables.get("datasource", {}).get("type") != "datasource":
        problems.append("no template variable `datasource` of type datasource")
    for name, variable in variables.items():
        if variable.get("type") == "query" and variable.get("datasource") != DATASOURCE:
            problems.append(f"variable {name}: datasource must be {DATASOURCE}")
    if not dashboard.get("uid") or not dashboard.get("title"):
        problems.append("uid and title are required")
    ids = set()
    panels = dashboard.get("panels", [])
    for panel in panels:
        where = f"panel {panel.get('id')} {panel.get('title')!r}"
        if panel.get("id") in ids:
            problems.append(f"{where}: duplicate id")
        ids.add(panel.get("id"))
        grid = panel.get("gridPos", {})
        if not all(isinstance(grid.get(k), int) for k in ("x", "y", "w", "h")) or grid["x"] + grid["w"] > 24:
            problems.append(f"{where}: gridPos outside the 24-column grid")
        if panel.get("type") == "row":
            continue
        if panel.get("datasource") != DATASOURCE:
            problems.append(f"{where}: datasource must be {DATASOURCE}")
        targets = panel.get("targets") or []
        if not targets:
            problems.append(f"{where}: no query")
        for t in targets:
            if t.get("datasource") != DATASOURCE or not t.get("expr"):
                problems.append(f"{where}: query {t.get('refId')} needs an expr and the datasource variable")
    print(f"{os.path.relpath(path)}: {len(panels)} panels: {'OK' if not problems else f'{len(problems)} problem(s)'}")
    return problems


def main():
    files = sys.argv[1:] or sorted(glob.glob(os.path.join(DEPLOY, "grafana", "*.json")))
    failed = False
    for path in files:
        for problem in check(path):
            print(f"{os.path.relpath(path)}: {problem}")
            failed = True
    sys.exit(1 if failed or not files else 0)


if __name__ == "__main__":
    main()
