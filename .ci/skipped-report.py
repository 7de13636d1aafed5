#!/usr/bin/env python3
"""Summarise the tests that JUnit skipped, from the surefire/failsafe XML reports below the repository.

Each skipped test is attributed to the independent reference it needs (numpy, CVXOPT, PyTorch, Chromium, the
shared TinyStories sample) from its skip reason and class. The script prints one line per skipped test and a
count per reference, then exits 1 when a reference is present on this machine but tests that need it were
skipped anyway (a check that silently stopped running), else 0. Standard library only.
Usage: skipped-report.py [REPO_DIR]
"""
import glob
import os
import subprocess
import sys
import xml.etree.ElementTree as ET

PYTHON = "/usr/bin/python3"

def python_imports(module):
    if not os.access(PYTHON, os.X_OK):
        return False
    try:
        return subprocess.run([PYTHON, "-c", "import " + module], stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL, timeout=120).returncode == 0
    except (OSError, subprocess.TimeoutExpired):
        return False

# reference -> (words that name it in a skip reason or test class, is it present here?)
REFERENCES = {
    "CVXOPT": (("cvxopt",), lambda: python_imports("cvxopt, numpy")),
    "PyTorch": (("torch",), lambda: python_imports("torch, numpy")),
    "Chromium": (("chromium",), lambda: os.access("/usr/bin/chromium", os.X_OK)),
    "numpy": (("numpy", "python3"), lambda: python_imports("numpy")),
    "TinyStories sample": (("tinystories", "shared"), None),  # present when ../shared/data/tinystories exists
}

def reference_of(text):
    low = text.lower()
    for name, (words, _) in REFERENCES.items():  # first match wins: CVXOPT/PyTorch tests also need numpy
        if any(w in low for w in words):
            return name
    return "other"

def skipped_tests(repo):
    found = []
    for pattern in ("**/target/surefire-reports/TEST-*.xml", "**/target/failsafe-reports/TEST-*.xml"):
        for path in sorted(glob.glob(os.path.join(repo, pattern), recursive=True)):
            try:
                root = ET.parse(path).getroot()
            except ET.ParseError as e:
                print("ci: cannot parse %s: %s" % (path, e))
                continue
            for case in root.iter("testcase"):
                skipped = case.find("skipped")
                if skipped is None:
                    continue
                reason = (skipped.get("message") or skipped.text or "").strip().splitlines()
                reason = reason[0] if reason else "(no reason given)"
                name = "%s.%s" % (case.get("classname", "?"), case.get("name", "?"))
                ref = reference_of(reason)  # the reason names what was missing; the class name only as a fallback
                found.append((name, reason, ref if ref != "other" else reference_of(name)))
    return found

def main():
    repo = sys.argv[1] if len(sys.argv) > 1 else "."
    reports = glob.glob(os.path.join(repo, "**/target/surefire-reports/TEST-*.xml"), recursive=True)
    if not reports:
        print("ci: no surefire reports found below %s: did the tests run?" % repo)
        return 1
    found = skipped_tests(repo)
    print("ci: skipped tests: %d" % len(found))
    for name, reason, ref in found:
        print("  [%s] %s: %s" % (ref, name, reason))
    status = 0
    for ref, (_, present) in REFERENCES.items():
        n = sum(1 for f in found if f[2] == ref)
        here = present() if present else os.path.isdir(os.path.join(repo, "..", "shared", "data", "tinystories"))
        state = "present" if here else "absent"
        print("ci: %-19s %-10s %d skipped" % (ref, state, n))
        if here and n > 0:
            print("ci: FAIL: %s is present but %d test(s) that need it were skipped" % (ref, n))
            status = 1
    return status

if __name__ == "__main__":
    sys.exit(main())
