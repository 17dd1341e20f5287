"""The README's two commands: they are at the top, CI runs the test one, the main one works."""

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

from conftest import ROOT


def _readme_commands() -> list[str]:
    text = (ROOT / "README.md").read_text()
    block = re.search(r"```sh\n(.*?)```", text, re.S)
    assert block and text.index(block.group(0)) < 200, "the commands must open the README"
    return [line.split("#")[0].strip() for line in block.group(1).splitlines() if line.strip()]


def test_readme_opens_with_exactly_two_commands_and_ci_runs_the_test_one() -> None:
    demo, test = _readme_commands()
    assert demo == "bash scripts/demo.sh" and test == "bash scripts/test.sh"
    ci = [line.strip() for line in (ROOT / ".ci" / "run").read_text().splitlines()
          if line.strip() and not line.startswith("#")]
    assert test in ci


def test_main_command_report_only_in_a_clean_copy(tmp_path: Path) -> None:
    files = subprocess.run(["git", "ls-files", "-z", "-co", "--exclude-standard"], cwd=ROOT,
                           capture_output=True, text=True, check=True).stdout.split("\0")
    copy = tmp_path / "repo"
    for f in files:
        if f and (ROOT / f).is_file():
            (copy / f).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / f, copy / f)
    # The copy uses this checkout's environment (SAFECASE_VENV): setting one up again would
    # only repeat what the test command did (and CI runs from a clean clone anyway).
    env = {k: v for k, v in os.environ.items() if not k.startswith("SAFECASE_")}
    env["SAFECASE_VENV"] = str(Path(sys.executable).parent.parent)
    res = subprocess.run(["bash", "scripts/demo.sh", "--report-only"], cwd=copy, env=env,
                         capture_output=True, text=True, timeout=900)
    assert res.returncode == 0, res.stdout[-2000:] + res.stderr[-2000:]
    assert "OK:" in res.stdout
    out = copy / "out"
    assert any(out.iterdir()), "the main command wrote no report"
    assert (copy / "demo-case" / "case.json").exists()
