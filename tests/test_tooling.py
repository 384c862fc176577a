"""The developer's habits are configured and work: pre-commit hooks, the template indenter,
the editor settings and ``make test-fast``."""

import configparser
import importlib.util
import re
import shlex
import subprocess
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
PRE_COMMIT = ROOT / ".pre-commit-config.yaml"
PYTEST = [sys.executable, "-m", "pytest", "-p", "no:xdist"]


def hooks():
    config = yaml.safe_load(PRE_COMMIT.read_text())
    return {hook["id"]: hook for repo in config["repos"] for hook in repo["hooks"]}


def test_the_pre_commit_configuration_is_valid():
    run = subprocess.run(
        [sys.executable, "-m", "pre_commit", "validate-config", str(PRE_COMMIT)],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert run.returncode == 0, run.stdout + run.stderr


def test_pre_commit_runs_the_formatters_the_linters_and_the_basic_checks():
    assert {
        "trailing-whitespace",
        "end-of-file-fixer",
        "check-yaml",
        "check-merge-conflict",
        "ruff-check",
        "ruff-format",
        "djhtml",
        "lint-imports",
    } <= hooks().keys()
    assert "--fix" in hooks()["ruff-check"]["entry"]
    assert hooks()["lint-imports"]["pass_filenames"] is False


def test_every_hook_runs_a_tool_installed_in_the_virtualenv():
    """Hooks run the pinned tools of .venv, offline; each one they name must be there."""
    for hook_id, hook in hooks().items():
        words = shlex.split(hook["entry"])
        if words[0] == "bash":  # lint-imports: checked below
            continue
        if words[1:2] == ["-m"]:
            assert importlib.util.find_spec(words[2]) is not None, (hook_id, words[2])
        else:
            assert words[0].startswith(".venv/bin/"), hook_id
            assert (Path(sys.executable).parent / Path(words[0]).name).exists(), hook_id


def test_the_import_linter_hook_runs_only_once_contracts_are_configured(tmp_path):
    entry = shlex.split(hooks()["lint-imports"]["entry"])
    (tmp_path / "pyproject.toml").write_text("[project]\nname = 'x'\n")
    quiet = subprocess.run(entry, cwd=tmp_path, capture_output=True, text=True)
    assert quiet.returncode == 0, quiet.stderr

    (tmp_path / "pyproject.toml").write_text("[tool.importlinter]\nroot_package = 'x'\n")
    configured = subprocess.run(entry, cwd=tmp_path, capture_output=True, text=True)
    assert configured.returncode != 0  # it tried to run .venv/bin/lint-imports, absent here


BADLY_INDENTED = """\
{% extends "base.html" %}
{% block content %}
<section>
  {% if page.intro %}
<p>{{ page.intro }}</p>
      {% endif %}
</section>
{% endblock %}
"""

INDENTED = """\
{% extends "base.html" %}
{% block content %}
    <section>
        {% if page.intro %}
            <p>{{ page.intro }}</p>
        {% endif %}
    </section>
{% endblock %}
"""


def djhtml(*args):
    entry = shlex.split(hooks()["djhtml"]["entry"])
    command = [str(Path(sys.executable).parent / "djhtml"), *entry[1:], *args]
    return subprocess.run(command, capture_output=True, text=True)


def test_the_template_indenter_finds_and_fixes_a_badly_indented_template(tmp_path):
    template = tmp_path / "page.html"
    template.write_text(BADLY_INDENTED)

    assert djhtml("--check", str(template)).returncode != 0
    assert template.read_text() == BADLY_INDENTED

    assert djhtml(str(template)).returncode == 0
    assert template.read_text() == INDENTED
    assert djhtml("--check", str(template)).returncode == 0


def test_the_template_indenter_only_touches_leading_whitespace(tmp_path):
    template = tmp_path / "page.html"
    template.write_text(BADLY_INDENTED)
    djhtml(str(template))
    assert [line.strip() for line in template.read_text().splitlines()] == [
        line.strip() for line in BADLY_INDENTED.splitlines()
    ]


def test_editorconfig_matches_the_files():
    config = configparser.ConfigParser()
    config.read_string((ROOT / ".editorconfig").read_text().replace("root = true", ""))
    assert config["*"]["indent_style"] == "space"
    assert config["*"]["indent_size"] == "4"
    assert config["*"]["charset"] == "utf-8"
    assert config["*"]["insert_final_newline"] == "true"
    assert config["Makefile"]["indent_style"] == "tab"
    makefile = (ROOT / "Makefile").read_text()
    assert re.search(r"^\t", makefile, re.M)
    assert not re.search(r"^ +\S", makefile.split("\n\n", 1)[1], re.M)


def make(*args):
    return subprocess.run(
        ["make", "--no-print-directory", *args], capture_output=True, text=True, cwd=ROOT
    )


def test_make_test_fast_leaves_the_browser_tests_and_their_installs_out():
    assert re.search(r"make test-fast +\S", make("help").stdout)
    prerequisites = re.search(r"^test-fast:([^#\n]*)", (ROOT / "Makefile").read_text(), re.M)
    assert "browser-deps" not in prerequisites.group(1)
    assert "server-deps" in prerequisites.group(1)
    assert '-m "not browser"' in make("-n", "test-fast").stdout


def test_every_browser_test_is_marked_so_that_test_fast_leaves_it_out():
    run = subprocess.run(
        [*PYTEST, "--collect-only", "-q", "-m", "not browser", "tests/browser"],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert "no tests collected" in run.stdout, run.stdout[-2000:]
    assert "deselected" in run.stdout
