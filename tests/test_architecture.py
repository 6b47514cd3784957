"""The architecture as docs/architecture.md writes it: enforced layers, leaf settings, no
references to documents outside the repository, every module placed in the design."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import PROJECT_ROOT

API = PROJECT_ROOT / "api"
ARCHITECTURE = PROJECT_ROOT / "docs" / "architecture.md"


def lint_imports(project: Path) -> subprocess.CompletedProcess[str]:
    """import-linter on a copy of the project (its pyproject.toml holds the contracts)."""
    command = Path(sys.executable).parent / "lint-imports"
    # The copy's package comes first, before the installed (editable) one.
    env = {**os.environ, "PYTHONPATH": str(project)}
    return subprocess.run(
        [str(command), "--no-cache"],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.fixture
def project_copy(tmp_path: Path) -> Path:
    shutil.copytree(API, tmp_path / "api", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(PROJECT_ROOT / "pyproject.toml", tmp_path)
    return tmp_path


@pytest.mark.parametrize(
    ("module", "imported", "rule"),
    [
        ("content/model.py", "api.graphql", "api.content is not allowed to import api.graphql"),
        ("settings.py", "api.partners", "api.settings is not allowed to import api.partners"),
        ("search/types.py", "api.transport", "api.search is not allowed to import api.transport"),
        ("partners/keys.py", "api.translations", "api.partners is not allowed to import"),
    ],
)
def test_an_import_against_the_layers_fails_naming_the_rule(
    project_copy: Path, module: str, imported: str, rule: str
) -> None:
    path = project_copy / "api" / module
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace(
            "from __future__ import annotations\n",
            f"from __future__ import annotations\n\nimport {imported}  # noqa: F401\n",
            1,
        ),
        encoding="utf-8",
    )

    result = lint_imports(project_copy)

    assert result.returncode != 0, result.stdout
    assert "Layers: a package imports only from the layers below it BROKEN" in result.stdout
    assert rule in result.stdout


def test_importing_the_settings_loads_no_feature() -> None:
    script = (
        "import api.settings, sys; print(sorted(m for m in sys.modules if m.startswith('api')))"
    )
    loaded = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    ).stdout

    assert loaded.strip() == "['api', 'api.rate_limits', 'api.settings']"


def test_nothing_cites_documents_outside_the_repository() -> None:
    outside = re.compile("DESIGN" + r"\.md|STYLE" + r"\.md|\.\./shared")
    places = [
        path
        for root in ("api", "docs", "tests", "bench")
        for path in (PROJECT_ROOT / root).rglob("*")
        if path.is_file()
        and path.suffix in {".py", ".md", ".toml", ".yaml", ".js", ".html"}
        # Packages npm installs for tests/clients are not the project's writing.
        and "node_modules" not in path.relative_to(PROJECT_ROOT).parts
    ]
    places += [PROJECT_ROOT / name for name in ("pyproject.toml", "README.md", "Makefile")]

    cited = [
        str(path.relative_to(PROJECT_ROOT)) for path in places if outside.search(path.read_text())
    ]
    assert cited == []


def test_the_architecture_document_places_every_package_and_module() -> None:
    described = ARCHITECTURE.read_text(encoding="utf-8")
    parts = [
        f"api/{path.name}/" if path.is_dir() else f"api/{path.name}"
        for path in sorted(API.iterdir())
        if not path.name.startswith(("_", ".")) and path.name != "py.typed"
    ]

    assert [part for part in parts if f"`{part}`" not in described] == []
