#!/usr/bin/env python3
"""Regenerates the JSON schemas under deploy/schemas/ (not run by .ci/check-deploy: it validates
against the files kept here, offline).

    python3 deploy/schemas/generate.py \
        --kubernetes-swagger swagger.json --cnpg-crds config/crd/bases

--kubernetes-swagger: Kubernetes' OpenAPI v2 document (definitions with x-kubernetes-group-version-kind),
  here the one of Kubernetes 1.31 as kubernetes-client/python v31.0.0 ships it
  (kubernetes/swagger.json.unprocessed, KUBERNETES_BRANCH release-1.31).
--cnpg-crds: CloudNativePG's config/crd/bases/ of the release the manifests target (v1.30.0).

The Kubernetes schemas are written the way yannh/kubernetes-json-schema's "standalone-strict" ones are
(openapi2jsonschema --expanded --strict): every $ref inlined, int-or-string as a oneOf of string and
integer, apiVersion and kind pinned, and additionalProperties false on every object that lists its
properties, so an unknown or misspelt field is an error (as kubectl's server-side strict field
validation makes it). Descriptions are dropped to keep the files small. CRD schemas are the
openAPIV3Schema of the CRD's served version, made strict the same way except where the CRD keeps
unknown fields (x-kubernetes-preserve-unknown-fields). CEL rules (x-kubernetes-validations) cannot
be checked by a JSON-schema validator and stay in the files as inert annotations.
"""
import argparse
import copy
import json
import os
import sys

import yaml

HERE = os.path.dirname(os.path.abspath(__file__))

# (group, version, kind) of every Kubernetes kind the manifests use; validate.py refuses any other.
KUBERNETES_KINDS = [
    ("", "v1", "ConfigMap"),
    ("", "v1", "PersistentVolumeClaim"),
    ("", "v1", "Service"),
    ("", "v1", "ServiceAccount"),
    ("apps", "v1", "Deployment"),
    ("autoscaling", "v2", "HorizontalPodAutoscaler"),
    ("networking.k8s.io", "v1", "NetworkPolicy"),
    ("policy", "v1", "PodDisruptionBudget"),
]

# CloudNativePG CRD files and the versions used
CNPG_KINDS = [
    ("postgresql.cnpg.io_clusters.yaml", "v1"),
    ("postgresql.cnpg.io_scheduledbackups.yaml", "v1"),
]


def schema_file_name(api_version, kind):
    """cluster-postgresql.cnpg.io-v1.json, deployment-apps-v1.json, service-v1.json (yannh's naming)."""
    if "/" in api_version:
        group, version = api_version.split("/", 1)
        group = group.split(".")[0] if group.endswith(".k8s.io") else group
        return f"{kind.lower()}-{group}-{version}.json"
    return f"{kind.lower()}-{api_version}.json"


def strip_descriptions(node):
    if isinstance(node, dict):
        return {k: strip_descriptions(v) for k, v in node.items() if k != "description"}
    if isinstance(node, list):
        return [strip_descriptions(v) for v in node]
    return node


def strict(node):
    """additionalProperties: false on every object schema listing properties (unless it says otherwise)."""
    if isinstance(node, dict):
        out = {k: strict(v) for k, v in node.items()}
        if ("properties" in out and "additionalProperties" not in out
                and not out.get("x-kubernetes-preserve-unknown-fields")):
            out["additionalProperties"] = False
        return out
    if isinstance(node, list):
        return [strict(v) for v in node]
    return node


def kubernetes_schema(definitions, name, gvk):
    def resolve(node, seen):
        if isinstance(node, dict):
            if "$ref" in node:
                ref = node["$ref"].split("/")[-1]
                if ref in seen:  # recursive types (none in the kinds above) stay open
                    return {}
                return resolve(copy.deepcopy(definitions[ref]), seen | {ref})
            if node.get("format") == "int-or-string":
                return {"oneOf": [{"type": "string"}, {"type": "integer"}]}
            return {k: resolve(v, seen) for k, v in node.items()}
        if isinstance(node, list):
            return [resolve(v, seen) for v in node]
        return node

    schema = resolve(copy.deepcopy(definitions[name]), {name})
    group, version, kind = gvk
    api_version = f"{group}/{version}" if group else version
    schema["properties"]["apiVersion"] = {"type": "string", "enum": [api_version]}
    schema["properties"]["kind"] = {"type": "string", "enum": [kind]}
    schema["required"] = sorted(set(schema.get("required", [])) | {"apiVersion", "kind", "metadata"})
    return api_version, kind, strict(strip_descriptions(schema))


def crd_schema(path, served_version):
    with open(path, encoding="utf-8") as f:
        crd = yaml.safe_load(f)
    group = crd["spec"]["group"]
    kind = crd["spec"]["names"]["kind"]
    version = next(v for v in crd["spec"]["versions"] if v["name"] == served_version)
    schema = copy.deepcopy(version["schema"]["openAPIV3Schema"])
    api_version = f"{group}/{served_version}"
    schema["properties"]["apiVersion"] = {"type": "string", "enum": [api_version]}
    schema["properties"]["kind"] = {"type": "string", "enum": [kind]}
    schema["properties"]["metadata"] = {"type": "object"}
    schema["required"] = sorted(set(schema.get("required", [])) | {"apiVersion", "kind", "metadata", "spec"})
    return api_version, kind, strict(strip_descriptions(schema))


def write(directory, api_version, kind, schema, source):
    os.makedirs(directory, exist_ok=True)
    schema = {"$schema": "http://json-schema.org/draft-07/schema#", "$comment": source, **schema}
    path = os.path.join(directory, schema_file_name(api_version, kind))
    with open(path, "w", encoding="utf-8") as f:
        json.dump(schema, f, sort_keys=True, separators=(",", ":"))
        f.write("\n")
    print(f"wrote {os.path.relpath(path)}")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--kubernetes-swagger", required=True)
    parser.add_argument("--kubernetes-source", default="Kubernetes 1.31 OpenAPI (kubernetes-client/python v31.0.0)")
    parser.add_argument("--cnpg-crds", required=True)
    parser.add_argument("--cnpg-source", default="CloudNativePG v1.30.0 config/crd/bases")
    args = parser.parse_args()

    with open(args.kubernetes_swagger, encoding="utf-8") as f:
        definitions = json.load(f)["definitions"]
    by_gvk = {}
    for name, definition in definitions.items():
        for gvk in definition.get("x-kubernetes-group-version-kind", []):
            by_gvk[(gvk["group"], gvk["version"], gvk["kind"])] = name
    for gvk in KUBERNETES_KINDS:
        if gvk not in by_gvk:
            sys.exit(f"no definition of {gvk} in {args.kubernetes_swagger}")
        api_version, kind, schema = kubernetes_schema(definitions, by_gvk[gvk], gvk)
        write(os.path.join(HERE, "kubernetes"), api_version, kind, schema, args.kubernetes_source)

    for file_name, served_version in CNPG_KINDS:
        api_version, kind, schema = crd_schema(os.path.join(args.cnpg_crds, file_name), served_version)
        write(os.path.join(HERE, "cloudnative-pg"), api_version, kind, schema, f"{args.cnpg_source}/{file_name}")


if __name__ == "__main__":
    main()
