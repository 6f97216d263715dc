#!/usr/bin/env python3
"""The Windows and macOS workflow (.github/workflows/desktop.yml) cannot run here; this keeps it
from being dead text: it parses, every job and step has the shape GitHub Actions requires, every
action is pinned to a major version, every bash step passes `bash -n`, and the suites and
targets it names exist in the build. Usage: check_workflow.py SOURCE_DIR"""
import re
import subprocess
import sys
from pathlib import Path

import yaml

source = Path(sys.argv[1])
workflow_path = source / ".github/workflows/desktop.yml"
problems = []


def problem(text):
    problems.append(text)


workflow = yaml.safe_load(workflow_path.read_text())
# YAML 1.1 reads a bare `on` as true: GitHub reads it as the triggers.
triggers = workflow.get("on", workflow.get(True))
if not triggers:
    problem("no triggers (on:)")
if not isinstance(workflow.get("jobs"), dict) or not workflow["jobs"]:
    problem("no jobs")

tests_cmake = (source / "tests/CMakeLists.txt").read_text()
suites = set(re.findall(r"sb_add_test\((tst_\w+)", tests_cmake))
targets = suites | {"switchboard", "switchboardctl"}

env = workflow.get("env", {})
portable = env.get("PORTABLE_TESTS", "")
named = re.fullmatch(r"\^tst_\(([\w|]+)\)\$", portable)
if not named:
    problem(f"PORTABLE_TESTS is not ^tst_(a|b|...)$: {portable!r}")
else:
    for name in named.group(1).split("|"):
        if "tst_" + name not in suites:
            problem(f"PORTABLE_TESTS names tst_{name}, which tests/CMakeLists.txt does not build")

for job_name, job in workflow.get("jobs", {}).items():
    for key in ("runs-on", "steps"):
        if key not in job:
            problem(f"job {job_name}: no {key}")
    for index, step in enumerate(job.get("steps", [])):
        where = f"job {job_name}, step {index + 1} ({step.get('name', step.get('uses', '?'))})"
        if ("uses" in step) == ("run" in step):
            problem(f"{where}: needs exactly one of uses and run")
        if "uses" in step and not re.fullmatch(r"[\w.-]+/[\w.-]+@v\d+", step["uses"]):
            problem(f"{where}: {step['uses']} is not pinned to a major version")
        condition = step.get("if", "")
        for os_name in re.findall(r"runner\.os == '(\w+)'", condition):
            if os_name not in ("Windows", "macOS", "Linux"):
                problem(f"{where}: runner.os is never {os_name!r}")
        script = step.get("run")
        if script and step.get("shell", "bash") == "bash":
            # Expressions become placeholders; the rest must be valid bash.
            plain = re.sub(r"\$\{\{[^}]*\}\}", "X", script)
            check = subprocess.run(["bash", "-n"], input=plain, text=True, capture_output=True)
            if check.returncode != 0:
                problem(f"{where}: bash -n: {check.stderr.strip()}")
        # Targets of our own build (others, like QtKeychain's install, are theirs).
        for target in re.findall(r"cmake --build build\b[^\n]*--target ([\w $]+)", script or ""):
            for word in target.split():
                if not word.startswith("$") and word not in targets:
                    problem(f"{where}: builds {word}, which is no target of the project")

if problems:
    for text in problems:
        print(f"{workflow_path}: {text}", file=sys.stderr)
    sys.exit(1)
print(f"{workflow_path.name}: {len(workflow['jobs'])} job(s), "
      f"{sum(len(j.get('steps', [])) for j in workflow['jobs'].values())} steps checked")
