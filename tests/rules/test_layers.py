"""Architecture rules that keep BaZ fast and layered, checked mechanically."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

from tests.conftest import ROOT


def _modules(package: str) -> list[str]:
    names = []
    for path in sorted((ROOT / package).rglob("*.py")):
        relative = path.relative_to(ROOT).with_suffix("")
        if "migrations" in relative.parts:
            continue  # Alembic scripts, loaded by Alembic only
        names.append(".".join(relative.parts).removesuffix(".__init__"))
    return names


def _loaded_after_import(statement: str) -> set[str]:
    code = f"import sys, json\n{statement}\nprint(json.dumps(sorted(m.split('.')[0] for m in sys.modules)))"
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    return set(json.loads(result.stdout.strip().splitlines()[-1]))


def test_models_never_load_textual_or_docx() -> None:
    imports = "\n".join(f"import {name}" for name in _modules("models"))
    loaded = _loaded_after_import(imports)
    assert not loaded & {"textual", "docx", "rich"}, loaded & {"textual", "docx", "rich"}


def test_importing_the_app_loads_no_docx_alembic_or_orm() -> None:
    # The first frame is drawn before the ORM is imported; Word and Alembic load when used.
    loaded = _loaded_after_import(
        "from baz_tui.i18n import install_language\ninstall_language('nl')\nimport baz_tui.app"
    )
    assert not loaded & {"docx", "alembic", "sqlmodel", "sqlalchemy", "babel"}


#: An import statement at the start of a line (in functions too): ``from a.b import c`` or
#: ``import a, b as c``; relative imports name no package. Read as text: parsing every file
#: took seconds, and the first word of an import line is all these rules need.
IMPORT_LINE = re.compile(
    r"^[ \t]*(?:from[ \t]+(\w+)[\w.]*[ \t]+import\b|import[ \t]+([\w., \t]+))", re.M
)


def _imported_packages(folder: str) -> Iterator[tuple[Path, str]]:
    """Every (file, top-level package) that an import in ``folder`` names."""
    for path in sorted((ROOT / folder).rglob("*.py")):
        for match in IMPORT_LINE.finditer(path.read_text(encoding="utf-8")):
            if match[1]:
                yield path, match[1]
            else:
                for name in match[2].split(","):
                    yield path, name.split()[0].split(".")[0]


def test_screens_never_touch_the_database_directly() -> None:
    forbidden = {"sqlmodel", "sqlalchemy", "sqlite3", "docx"}
    for path, package in _imported_packages("screens"):
        assert package not in forbidden, f"{path.name} imports {package}"


def test_the_tests_import_the_bench_and_never_the_other_way_round() -> None:
    # What both need (an evening to run, waiting for the app to load) lives in bench/.
    for folder in ("models", "screens", "baz_tui", "tools", "bench"):
        for path, package in _imported_packages(folder):
            assert package != "tests", f"{path.relative_to(ROOT)} imports the tests"
            if folder != "bench":
                assert package != "bench", f"{path.relative_to(ROOT)} imports the bench"


def _top_level_selectors(css: str) -> list[str]:
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
    selectors, depth, current = [], 0, ""
    for char in css:
        if char == "{":
            if depth == 0:
                selectors.append(current.strip())
            depth += 1
            current = ""
        elif char == "}":
            depth -= 1
            current = ""
        else:
            current += char
    return selectors


def test_screen_tcss_rules_are_nested_under_their_screen() -> None:
    # A screen's CSS_PATH applies to the whole app once shown; nesting keeps it to the screen.
    sheets = sorted((ROOT / "screens").rglob("*.tcss"))
    assert sheets, "no screen stylesheets found"
    for sheet in sheets:
        source = sheet.with_suffix(".py").read_text(encoding="utf-8")
        classes = set(re.findall(r"^class (\w+Screen)\b", source, flags=re.M))
        assert classes, f"{sheet.name} has no screen class beside it"
        for selector in _top_level_selectors(sheet.read_text(encoding="utf-8")):
            assert selector in classes, (
                f"{sheet.name}: rule '{selector}' is not nested under {classes}"
            )


def test_table_modules_do_not_postpone_annotations() -> None:
    source = (ROOT / "models" / "tables.py").read_text(encoding="utf-8")
    assert not re.search(r"^from __future__ import annotations", source, flags=re.M)
