"""pip-audit over the packages of this virtualenv, against PyPI's vulnerability data, saying
plainly what it could not check.

A known vulnerability fails (exit 1). PyPI's vulnerability service out of reach, or a
package it does not know (a mirror may answer without the data), is not the code's fault:
the step then names what was not checked, on stderr, and does not fail the build. It never
says "no known vulnerabilities" about packages it did not check.
"""

from __future__ import annotations

import json

# Runs pip-audit, a fixed command.
import subprocess  # nosec B404
import sys
import tempfile
from pathlib import Path


def main() -> int:
    pip_audit = Path(sys.executable).with_name("pip-audit")
    with tempfile.TemporaryDirectory() as folder:
        report = Path(folder) / "audit.json"
        # A fixed command, no shell.
        done = subprocess.run(  # nosec B603
            [str(pip_audit), "--progress-spinner", "off", "--skip-editable",
             "--format", "json", "--output", str(report)],
            capture_output=True, text=True, check=False,
        )  # fmt: skip
        if not report.exists():
            print(
                "pip-audit: NOT RUN: PyPI's vulnerability service could not be reached; the "
                "installed packages were not checked for known vulnerabilities.\n"
                + done.stderr.strip()[-2000:],
                file=sys.stderr,
            )
            return 0
        data = json.loads(report.read_text(encoding="utf-8"))
    packages = data.get("dependencies", [])
    vulnerable = [p for p in packages if p.get("vulns")]
    unchecked = [p for p in packages if "skip_reason" in p]
    checked = len(packages) - len(unchecked)
    for package in vulnerable:
        for vuln in package["vulns"]:
            fixes = ", ".join(vuln.get("fix_versions", [])) or "none yet"
            print(f"{package['name']} {package['version']}: {vuln['id']} (fixed in {fixes})")
    if unchecked:
        names = ", ".join(p["name"] for p in unchecked)
        print(
            f"pip-audit: {len(unchecked)} of {len(packages)} packages NOT CHECKED (the "
            f"vulnerability service did not know them; no network, or a mirror): {names}",
            file=sys.stderr,
        )
    print(f"pip-audit: {checked} packages checked, {len(vulnerable)} with a known vulnerability")
    return 1 if vulnerable else 0


if __name__ == "__main__":
    sys.exit(main())
