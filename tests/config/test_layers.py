"""The apps' layers (pyproject.toml, [tool.importlinter]) hold, and the check would notice an
import that goes up a layer, at the top of a module or inside a function."""

import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")
PACKAGES = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["importlinter"][
    "root_packages"
]


def lint_imports(tree: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache"],
        cwd=tree,
        env={"PYTHONPATH": str(tree), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def copy_of_the_project(tmp_path: Path) -> Path:
    """The project's packages and pyproject.toml, Python files only."""
    tree = tmp_path / "project"
    tree.mkdir()
    shutil.copy(ROOT / "pyproject.toml", tree)
    for package in PACKAGES:
        shutil.copytree(
            ROOT / package,
            tree / package,
            ignore=lambda folder, names: [
                n for n in names if not n.endswith(".py") and not (Path(folder) / n).is_dir()
            ],
        )
    return tree


def test_the_project_keeps_its_layers():
    result = lint_imports(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "1 kept, 0 broken" in result.stdout


@pytest.mark.parametrize(
    "added",
    [
        "from forum.models import Question  # noqa\n",
        "def later():\n    from doctors.models import DoctorProfile  # noqa\n\n"
        "    return DoctorProfile\n",
    ],
    ids=["at the top", "inside a function"],
)
def test_an_upward_import_breaks_the_contract(tmp_path, added):
    tree = copy_of_the_project(tmp_path)
    with (tree / "accounts" / "permissions.py").open("a") as module:
        module.write("\n" + added)
    result = lint_imports(tree)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "0 kept, 1 broken" in result.stdout
    assert "accounts is not allowed to import" in result.stdout
