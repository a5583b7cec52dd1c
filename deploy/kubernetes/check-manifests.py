#!/usr/bin/env python3
"""Offline consistency check of the manifests (no cluster needed): python3 deploy/kubernetes/check-manifests.py

Every file parses; the names the pods reference (ConfigMap keys, Secret, claim) exist; the injectors' completions and
parallelism equal LLM_INJECTOR_COUNT; the Indexed Job passes its index through. Needs PyYAML."""
import pathlib
import sys

import yaml

here = pathlib.Path(__file__).parent
docs = {}
for path in sorted(here.glob("*.yaml")):
    for doc in yaml.safe_load_all(path.read_text()):
        if doc and doc.get("kind") != "Kustomization":
            docs[(doc["kind"], doc["metadata"]["name"])] = doc
problems = []
resources = yaml.safe_load((here / "kustomization.yaml").read_text())["resources"]
for resource in resources:
    if not (here / resource).exists():
        problems.append(f"kustomization.yaml lists {resource}, which does not exist")

config = docs[("ConfigMap", "llm-fleet")]["data"]
secret = docs[("Secret", "llm-api-key")]
claims = {name for kind, name in docs if kind == "PersistentVolumeClaim"}


def pod_specs():
    for (kind, name), doc in docs.items():
        if kind == "Job":
            yield name, doc["spec"]["template"]["spec"]
        elif kind == "Pod":
            yield name, doc["spec"]


for name, spec in pod_specs():
    for volume in spec.get("volumes", []):
        claim = volume.get("persistentVolumeClaim", {}).get("claimName")
        if claim and claim not in claims:
            problems.append(f"{name}: claim {claim} is not defined")
    for container in spec["containers"]:
        for env in container.get("env", []):
            source = env.get("valueFrom", {})
            if "configMapKeyRef" in source:
                ref = source["configMapKeyRef"]
                if ref["name"] != "llm-fleet" or ref["key"] not in config:
                    problems.append(f"{name}: {env['name']} reads a missing ConfigMap key {ref}")
            if "secretKeyRef" in source:
                ref = source["secretKeyRef"]
                if ref["name"] != secret["metadata"]["name"] or ref["key"] not in secret["stringData"]:
                    problems.append(f"{name}: {env['name']} reads a missing Secret key {ref}")

injectors = docs[("Job", "llm-injectors")]["spec"]
count = int(config["LLM_INJECTOR_COUNT"])
if injectors["completionMode"] != "Indexed":
    problems.append("llm-injectors is not an Indexed Job")
if not injectors["completions"] == injectors["parallelism"] == count:
    problems.append(
        f"completions {injectors['completions']} and parallelism {injectors['parallelism']}"
        f" must equal LLM_INJECTOR_COUNT {count}")
env = {e["name"]: e for e in injectors["template"]["spec"]["containers"][0]["env"]}
if "job-completion-index" not in env["INJECTOR_INDEX"]["valueFrom"]["fieldRef"]["fieldPath"]:
    problems.append("INJECTOR_INDEX does not come from the job-completion-index annotation")
for needed in ("-Dllm.injectorIndex=$(INJECTOR_INDEX)", "-Dllm.injectorCount=$(LLM_INJECTOR_COUNT)",
               "-Dllm.runId=$(LLM_RUN_ID)", "-Dllm.baseUrl=$(LLM_BASE_URL)"):
    if needed not in env["JAVA_OPTS"]["value"]:
        problems.append(f"JAVA_OPTS lacks {needed}")
names = list(env)
for var, value in env.items():
    for ref in names:
        if f"$({ref})" in value.get("value", "") and names.index(ref) > names.index(var):
            problems.append(f"{var} uses $({ref}) defined after it (Kubernetes expands only earlier variables)")
if "secret.example.yaml" in resources:
    problems.append("secret.example.yaml must not be in kustomization.yaml")
if not docs[("Job", "llm-merge")]["spec"].get("suspend"):
    problems.append("llm-merge must be created suspended")

print("\n".join(problems) or f"ok: {len(docs)} objects, {count} injectors")
sys.exit(1 if problems else 0)
