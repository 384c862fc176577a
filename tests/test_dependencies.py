"""Two installs a week apart get the same versions: every dependency is pinned with its hashes."""

import json
import re
import tomllib
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parent.parent
LOCKS = {
    "base": ROOT / "requirements" / "base.txt",
    "dev": ROOT / "requirements" / "dev.txt",
}


def pinned(lock):
    """{package name: version} of a pip-compile lock file, checking each entry's form."""
    versions = {}
    text = lock.read_text()
    # Each requirement is a logical line ending in its hashes; continuation lines end with "\".
    for entry in re.split(r"\n(?=[A-Za-z0-9])", text):
        first = entry.strip().splitlines()[0] if entry.strip() else ""
        if not first or first.startswith("#"):
            continue
        match = re.fullmatch(r"([A-Za-z0-9._-]+)==([A-Za-z0-9.+!-]+) \\", first)
        assert match, f"{lock.name}: not an exact pin: {first!r}"
        assert "--hash=sha256:" in entry, f"{lock.name}: {match[1]} has no hash"
        versions[canonicalize_name(match[1])] = match[2]
    return versions


def project_requirements(extra=None):
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    names = project["dependencies"]
    if extra:
        names = names + project["optional-dependencies"][extra]
    return [Requirement(name) for name in names]


@pytest.mark.parametrize(("lock", "extra"), [("base", None), ("dev", "dev")])
def test_every_dependency_is_pinned_with_its_hashes_and_fits_pyproject(lock, extra):
    versions = pinned(LOCKS[lock])
    for requirement in project_requirements(extra):
        name = canonicalize_name(requirement.name)
        assert name in versions, f"{requirement.name} is missing from {lock}.txt: run `make lock`"
        assert requirement.specifier.contains(versions[name], prereleases=True), (
            f"{lock}.txt pins {name}=={versions[name]}, outside pyproject's {requirement}"
        )


@pytest.mark.parametrize("lock", LOCKS.values(), ids=LOCKS.keys())
def test_locks_record_no_download_address(lock):
    text = lock.read_text()
    assert not re.search(r"^\s*--(extra-)?index-url|^\s*--find-links|https?://|file:/", text, re.M)


def test_application_and_dev_locks_agree():
    base, dev = pinned(LOCKS["base"]), pinned(LOCKS["dev"])
    disagree = {
        name: (version, dev[name]) for name, version in base.items() if dev.get(name) != version
    }
    assert not disagree, f"base.txt and dev.txt pin different versions: {disagree}"


def test_npm_packages_are_exact_versions():
    package = json.loads((ROOT / "package.json").read_text())
    for name, version in package.get("devDependencies", {}).items():
        assert re.fullmatch(r"\d+\.\d+\.\d+", version), f"{name} is not pinned: {version}"
    assert not (ROOT / "package-lock.json").exists()
