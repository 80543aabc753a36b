#!/usr/bin/env python3
"""Validates rendered Kubernetes manifests offline (.ci/check-deploy runs it on each overlay).

    kubectl kustomize deploy/kubernetes/overlays/production | python3 deploy/validate.py --name production -

1. Every document against the JSON schema of its apiVersion and kind kept in deploy/schemas/
   (kubernetes/: Kubernetes 1.31, strict; cloudnative-pg/: the CloudNativePG 1.30.0 CRDs, strict).
   A kind without a schema there is an error: add its schema (deploy/schemas/generate.py) first.
2. What the schemas cannot see, the fleet's own rules (issue 33, docs/operations.md): selectors
   that select the ledger's pods, references that resolve within the rendered set, the pods'
   security settings and probes, secrets by reference only, and one shared volume (not one per pod)
   holding the erasure journal and the checkpoint files.

Prints one line per problem and exits 1 if there is any; needs python3-yaml and python3-jsonschema.
"""
import argparse
import json
import os
import sys

import jsonschema
import yaml

SCHEMAS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "schemas")
SCHEMA_DIRS = ("kubernetes", "cloudnative-pg")

# environment variables whose values are secrets: only ever from a secretKeyRef
SECRET_ENV = ("LEDGER_MASTER_KEY", "LEDGER_PREVIOUS_MASTER_KEYS", "LEDGER_SIGNING_KEY", "LEDGER_TOKENS_PORTAL",
              "LEDGER_TOKENS_AUDITOR", "LEDGER_TOKENS_DPM", "LEDGER_TOKENS_ADMIN", "LEDGER_SECURITY_JWT_SECRET",
              "SPRING_DATASOURCE_URL", "SPRING_DATASOURCE_USERNAME", "SPRING_DATASOURCE_PASSWORD")
REQUIRED_SECRET_ENV = ("LEDGER_MASTER_KEY", "LEDGER_SIGNING_KEY", "SPRING_DATASOURCE_URL",
                       "SPRING_DATASOURCE_USERNAME", "SPRING_DATASOURCE_PASSWORD")
SHARED_DIRS = ("LEDGER_ERASURE_JOURNAL_DIR", "LEDGER_CHECKPOINT_DIR")
PROBES = {"startupProbe": "/actuator/health/liveness", "readinessProbe": "/actuator/health/readiness",
          "livenessProbe": "/actuator/health/liveness"}


# the file names generate.py writes (deployment-apps-v1.json, cluster-postgresql.cnpg.io-v1.json): one rule
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "schemas"))
from generate import schema_file_name  # noqa: E402


class Report:
    def __init__(self, name):
        self.name = name
        self.problems = []

    def error(self, where, message):
        self.problems.append(f"{self.name}: {where}: {message}")


def label(doc):
    meta = doc.get("metadata") or {}
    return f"{doc.get('kind', '?')}/{meta.get('name', '?')}"


def validate_schemas(docs, report, cache):
    for doc in docs:
        api_version, kind = doc.get("apiVersion"), doc.get("kind")
        if not api_version or not kind:
            report.error(label(doc), "no apiVersion or kind")
            continue
        file_name = schema_file_name(api_version, kind)
        path = next((os.path.join(SCHEMAS, d, file_name) for d in SCHEMA_DIRS
                     if os.path.exists(os.path.join(SCHEMAS, d, file_name))), None)
        if path is None:
            report.error(label(doc), f"no schema for {api_version} {kind} in deploy/schemas ({file_name})")
            continue
        if path not in cache:
            with open(path, encoding="utf-8") as f:
                schema = json.load(f)
            cache[path] = jsonschema.Draft7Validator(schema)
        for err in sorted(cache[path].iter_errors(doc), key=lambda e: list(e.absolute_path)):
            where = "/".join(str(p) for p in err.absolute_path) or "(document)"
            report.error(label(doc), f"{where}: {err.message[:300]}")


def matches(selector, labels):
    """matchLabels (and a plain map, as a Service's selector) against a label set."""
    wanted = selector.get("matchLabels", selector) if isinstance(selector, dict) else {}
    if isinstance(selector, dict) and "matchExpressions" in selector:
        return False  # not used here; refuse rather than guess
    return bool(wanted) and all(labels.get(k) == v for k, v in wanted.items())


def check_pod_security(where, pod, container, report):
    pod_ctx = pod.get("securityContext") or {}
    ctx = container.get("securityContext") or {}
    if ctx.get("allowPrivilegeEscalation") is not False:
        report.error(where, "securityContext.allowPrivilegeEscalation must be false")
    if ctx.get("readOnlyRootFilesystem") is not True:
        report.error(where, "securityContext.readOnlyRootFilesystem must be true")
    if ctx.get("privileged"):
        report.error(where, "must not be privileged")
    if "ALL" not in ((ctx.get("capabilities") or {}).get("drop") or []):
        report.error(where, "securityContext.capabilities.drop must contain ALL")
    if ctx.get("runAsNonRoot", pod_ctx.get("runAsNonRoot")) is not True:
        report.error(where, "runAsNonRoot must be true")
    user = ctx.get("runAsUser", pod_ctx.get("runAsUser"))
    if not isinstance(user, int) or user == 0:
        report.error(where, "runAsUser must be a non-root numeric id (the image names its user, not its id)")
    seccomp = (ctx.get("seccompProfile") or pod_ctx.get("seccompProfile") or {}).get("type")
    if seccomp != "RuntimeDefault":
        report.error(where, "seccompProfile.type must be RuntimeDefault")
    if not (container.get("resources") or {}).get("requests") or not (container.get("resources") or {}).get("limits"):
        report.error(where, "resources.requests and resources.limits must be set")


def check_env(where, container, clusters, report):
    env = {e["name"]: e for e in container.get("env") or []}
    for name, entry in env.items():
        if name in SECRET_ENV and "value" in entry:
            report.error(where, f"{name} must come from a secret (valueFrom.secretKeyRef), not a literal value")
    for name in REQUIRED_SECRET_ENV:
        if "secretKeyRef" not in (env.get(name, {}).get("valueFrom") or {}):
            report.error(where, f"{name} must be set from a secretKeyRef")
    app_secrets = {f"{c}-app" for c in clusters}
    for name in ("SPRING_DATASOURCE_URL", "SPRING_DATASOURCE_USERNAME", "SPRING_DATASOURCE_PASSWORD"):
        ref = (env.get(name, {}).get("valueFrom") or {}).get("secretKeyRef") or {}
        if ref and ref.get("name") not in app_secrets:
            report.error(where, f"{name} must come from the app secret of a CloudNativePG Cluster "
                                f"rendered here ({', '.join(sorted(app_secrets)) or 'none'}), not {ref.get('name')}")
    return env


def check_probes(where, container, report):
    port_names = {p.get("name") for p in container.get("ports") or []}
    port_numbers = {p.get("containerPort") for p in container.get("ports") or []}
    for probe, path in PROBES.items():
        get = (container.get(probe) or {}).get("httpGet") or {}
        if get.get("path") != path:
            report.error(where, f"{probe} must GET {path}")
        elif get.get("port") not in port_names | port_numbers:
            report.error(where, f"{probe} names port {get.get('port')}, which the container does not expose")


def check_shared_volume(where, pod, container, env, pvcs, replicas_may_exceed_one, report):
    """Both directories on ONE claim (two subPaths), which every pod shares: not per-pod storage."""
    volumes = {v["name"]: v for v in pod.get("volumes") or []}
    mounts = {m["mountPath"].rstrip("/"): m for m in container.get("volumeMounts") or []}
    claims, sub_paths = set(), set()
    for name in SHARED_DIRS:
        value = (env.get(name) or {}).get("value")
        if not value:
            report.error(where, f"{name} must be set to the mount path of the shared volume")
            continue
        mount = mounts.get(value.rstrip("/"))
        if mount is None:
            report.error(where, f"{name}={value} is not a volume mount: it would land on the read-only image")
            continue
        claim = (volumes.get(mount["name"], {}).get("persistentVolumeClaim") or {}).get("claimName")
        if not claim:
            report.error(where, f"{name} is mounted from volume {mount['name']}, not from a PersistentVolumeClaim "
                                "(an emptyDir or hostPath would be per pod and lost with it)")
            continue
        claims.add(claim)
        sub_paths.add(mount.get("subPath"))
    for claim in sorted(claims):
        if claim not in pvcs:
            report.error(where, f"claim {claim} is not rendered here")
        elif replicas_may_exceed_one and "ReadWriteMany" not in pvcs[claim]["spec"].get("accessModes", []):
            report.error(where, f"claim {claim} must be ReadWriteMany: every pod of the fleet mounts it")
    if len(claims) > 1:
        report.error(where, f"{' and '.join(SHARED_DIRS)} must share one claim, not {sorted(claims)}")
    if len(claims) == 1 and (None in sub_paths or len(sub_paths) != len(SHARED_DIRS)):
        report.error(where, "the journal and the checkpoints need a subPath each on the shared claim")
    if not any(m.get("mountPath") == "/tmp" and "emptyDir" in volumes.get(m["name"], {})
               for m in container.get("volumeMounts") or []):
        report.error(where, "/tmp must be a writable emptyDir (the root file system is read-only)")


def check_fleet(docs, report):
    by_kind = {}
    for doc in docs:
        by_kind.setdefault(doc.get("kind"), {})[(doc.get("metadata") or {}).get("name")] = doc
    deployments = by_kind.get("Deployment", {})
    pvcs = by_kind.get("PersistentVolumeClaim", {})
    clusters = by_kind.get("Cluster", {})
    hpas = by_kind.get("HorizontalPodAutoscaler", {})
    if not deployments:
        report.error("(set)", "no Deployment rendered")
    if not clusters:
        report.error("(set)", "no CloudNativePG Cluster rendered")
    for kind in ("Secret",):
        for name in by_kind.get(kind, {}):
            report.error(f"{kind}/{name}", "secrets are created beforehand and referenced, never rendered here")
    pod_labels = []
    for name, deployment in deployments.items():
        spec = deployment["spec"]
        template_labels = (spec["template"].get("metadata") or {}).get("labels") or {}
        pod_labels.append(template_labels)
        if not matches(spec.get("selector") or {}, template_labels):
            report.error(f"Deployment/{name}", "selector does not select its own pod template")
        scaled = [h for h in hpas.values() if h["spec"]["scaleTargetRef"].get("name") == name]
        replicas_may_exceed_one = bool(scaled) or spec.get("replicas", 1) > 1
        if not scaled and "replicas" not in spec:
            report.error(f"Deployment/{name}", "neither replicas nor a HorizontalPodAutoscaler")
        if scaled and "replicas" in spec:
            report.error(f"Deployment/{name}", "replicas set while a HorizontalPodAutoscaler owns the count")
        pod = spec["template"]["spec"]
        if pod.get("automountServiceAccountToken") is not False:
            report.error(f"Deployment/{name}", "automountServiceAccountToken must be false")
        for volume in pod.get("volumes") or []:
            claim = (volume.get("persistentVolumeClaim") or {}).get("claimName")
            if claim and claim not in pvcs:
                report.error(f"Deployment/{name}", f"volume {volume['name']} names claim {claim}, not rendered here")
        for container in pod.get("initContainers") or []:
            check_pod_security(f"Deployment/{name} initContainer {container['name']}", pod, container, report)
        for index, container in enumerate(pod.get("containers") or []):
            where = f"Deployment/{name} container {container['name']}"
            check_pod_security(where, pod, container, report)
            if index == 0:
                env = check_env(where, container, clusters, report)
                check_probes(where, container, report)
                check_shared_volume(where, pod, container, env, pvcs, replicas_may_exceed_one, report)
    for kind in ("Service", "PodDisruptionBudget", "NetworkPolicy"):
        for name, doc in by_kind.get(kind, {}).items():
            spec = doc.get("spec") or {}
            selector = spec.get("podSelector") if kind == "NetworkPolicy" else spec.get("selector")
            if not any(matches(selector or {}, labels) for labels in pod_labels):
                report.error(f"{kind}/{name}", "selects no pod of a Deployment rendered here")
    for name, hpa in hpas.items():
        target = hpa["spec"]["scaleTargetRef"]
        if target.get("kind") != "Deployment" or target.get("name") not in deployments:
            report.error(f"HorizontalPodAutoscaler/{name}", f"targets {target.get('kind')}/{target.get('name')}, "
                                                            "not a Deployment rendered here")
    for name, backup in by_kind.get("ScheduledBackup", {}).items():
        cluster = backup["spec"]["cluster"]["name"]
        if cluster not in clusters:
            report.error(f"ScheduledBackup/{name}", f"names Cluster {cluster}, not rendered here")
        elif backup["spec"].get("method", "barmanObjectStore") == "barmanObjectStore" \
                and not (clusters[cluster]["spec"].get("backup") or {}).get("barmanObjectStore"):
            report.error(f"ScheduledBackup/{name}", f"Cluster {cluster} has no backup.barmanObjectStore")
    for name, cluster in clusters.items():
        spec = cluster["spec"]
        sync = (spec.get("postgresql") or {}).get("synchronous")
        if sync and sync.get("number", 0) >= spec.get("instances", 1):
            report.error(f"Cluster/{name}", "synchronous.number needs at least as many standbys (instances - 1)")
        store = (spec.get("backup") or {}).get("barmanObjectStore") or {}
        for key, ref in (store.get("s3Credentials") or {}).items():
            if isinstance(ref, dict) and "name" not in ref and key != "inheritFromIAMRole":
                report.error(f"Cluster/{name}", f"backup credentials {key} must be a secret reference")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--name", help="what the input is, for the messages (e.g. the overlay)")
    parser.add_argument("files", nargs="+", help="YAML files with one or more documents; - for stdin")
    args = parser.parse_args()
    cache = {}
    failed = False
    for file_name in args.files:
        text = sys.stdin.read() if file_name == "-" else open(file_name, encoding="utf-8").read()
        docs = [d for d in yaml.safe_load_all(text) if d is not None]
        report = Report(args.name or file_name)
        if not docs:
            report.error("(set)", "no documents")
        validate_schemas(docs, report, cache)
        check_fleet(docs, report)
        for problem in report.problems:
            print(problem)
        kinds = ", ".join(sorted({f"{d.get('kind')}" for d in docs}))
        print(f"{report.name}: {len(docs)} documents ({kinds}): "
              f"{'OK' if not report.problems else f'{len(report.problems)} problem(s)'}")
        failed = failed or bool(report.problems)
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
