"""Architecture rules that keep BaZ fast and layered, checked mechanically."""

from __future__ import annotations

import ast
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
    source = (ROOT / "models" / "database" / "tables.py").read_text(encoding="utf-8")
    assert not re.search(r"^from __future__ import annotations", source, flags=re.M)


#: The packages whose modules import each other in one direction only: every one. (The meeting
#: screens' base asks for another screen by name through ``screens.meeting_screens``.)
PACKAGES_WITHOUT_CIRCLES = ("baz_tui", "models", "screens")


def _imported_modules(module: str, known: set[str]) -> set[str]:
    """The modules of ``known`` that ``module`` imports anywhere: at the top, under
    TYPE_CHECKING or inside a function — an import put off until it runs still ties the two."""
    parts = module.split(".")
    path = ROOT.joinpath(*parts).with_suffix(".py")
    if not path.exists():
        path = ROOT.joinpath(*parts, "__init__.py")
    package = parts if path.name == "__init__.py" else parts[:-1]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:  # relative: from the package, one level up per dot after the first
                anchor = package[: len(package) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            names = [base, *(f"{base}.{alias.name}" for alias in node.names)]
        else:
            continue
        for name in names:
            while name and name not in known:
                name = name.rpartition(".")[0]
            if name and name != module:
                found.add(name)
    return found


def _first_circle(graph: dict[str, set[str]]) -> list[str] | None:
    """A shortest way from a module back to itself, if there is one."""
    for start in sorted(graph):
        ways = {start: [start]}
        waiting = [start]
        while waiting:
            node = waiting.pop(0)
            for target in sorted(graph[node]):
                if target == start:
                    return [*ways[node], start]
                if target not in ways:
                    ways[target] = [*ways[node], target]
                    waiting.append(target)
    return None


def test_no_import_circles() -> None:
    # A circle makes the import order matter and hides which module owns what; what two
    # modules share goes into a third they both import (cli_common, export/errors).
    for package in PACKAGES_WITHOUT_CIRCLES:
        known = set(_modules(package))
        graph = {module: _imported_modules(module, known) for module in known}
        assert sum(len(targets) for targets in graph.values()) >= len(known), "imports not read"
        circle = _first_circle(graph)
        assert circle is None, " → ".join(circle or [])


# ------------------------------------------------------------------ the layers of models/
#
# models/ is built in floors (docs/architecture.md): a module imports only from its own floor
# and the floors below it. Every import counts, also one inside a function or under
# TYPE_CHECKING: a deferred import still ties the two modules together, so it may not hide a
# circle either.

#: The words every layer shares.
GROUND = {"models", "models.domain", "models.errors", "models.i18n"}
#: Built on the Store: what the app, the exports and the command line ask for.
TOP = {
    "models.minutes",
    "models.beamer",
    "models.public_review",
    "models.demo",
    "models.shown_process",
}
#: The floors of models/, each with the floors it may import from.
MAY_IMPORT = {
    "ground": {"ground"},
    "rules": {"ground", "rules"},
    "records": {"ground", "rules", "records"},
    "files": {"ground", "rules", "records", "files"},
    "database": {"ground", "rules", "records", "database"},
    "store": {"ground", "rules", "records", "files", "database", "store"},
    "top": {"ground", "rules", "records", "files", "database", "store", "top"},
}
#: What a floor never loads, whichever module of it asks.
NEVER = {
    "rules": {"sqlalchemy", "sqlmodel", "alembic", "textual", "rich", "docx"},
    "records": {"sqlalchemy", "sqlmodel", "alembic", "textual", "rich", "docx"},
    "files": {"sqlalchemy", "sqlmodel", "alembic", "textual", "rich", "docx"},
    "store": {"textual", "rich", "docx", "screens", "baz_tui"},
}


def _floor(module: str) -> str:
    if module in GROUND:
        return "ground"
    if module in TOP:
        return "top"
    return module.split(".")[1]  # models.<floor>.…: the sub-package


def _imports(module: str) -> set[str]:
    """Every module that ``module`` imports, wherever the import stands: a module of this
    tree by its dotted name (``from models.rules import votes`` is models.rules.votes), any
    other by its top-level name."""
    path = ROOT / Path(*module.split("."))
    path = path / "__init__.py" if path.is_dir() else path.with_suffix(".py")
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            for alias in node.names:
                inner = f"{node.module}.{alias.name}"
                here = ROOT / Path(*inner.split("."))
                is_module = here.with_suffix(".py").is_file() or (here / "__init__.py").is_file()
                found.add(inner if is_module else node.module)
    return {name if name.split(".")[0] == "models" else name.split(".")[0] for name in found}


def test_each_floor_of_models_imports_only_the_floors_below_it() -> None:
    wrong = []
    for module in _modules("models"):
        floor = _floor(module)
        for imported in _imports(module):
            if imported.split(".")[0] == "models":
                if _floor(imported) not in MAY_IMPORT[floor]:
                    wrong.append(f"{module} ({floor}) imports {imported} ({_floor(imported)})")
            elif imported in NEVER.get(floor, set()):
                wrong.append(f"{module} ({floor}) imports {imported}")
    assert not wrong, "\n".join(wrong)


def test_rules_records_and_file_formats_load_no_database_library() -> None:
    # The screens import records and rules before the ORM is needed (the first frame).
    modules = [m for m in _modules("models") if _floor(m) in {"rules", "records", "files"}]
    loaded = _loaded_after_import("\n".join(f"import {name}" for name in modules))
    assert not loaded & {"sqlalchemy", "sqlmodel", "alembic"}


def test_a_part_of_the_store_never_imports_the_store() -> None:
    # The Store (models/store/__init__.py) is made of the parts; a part that imported it
    # back would close a circle. Parts share public names of each other instead.
    for module in _modules("models"):
        if module.startswith("models.store."):
            assert "models.store" not in _imports(module), module


def test_models_has_no_import_circle() -> None:
    graph = {
        module: {m for m in _imports(module) if m.startswith("models")}
        for module in _modules("models")
    }
    circles = []
    state: dict[str, str] = {}  # "open" while its imports are being walked, then "done"

    def walk(module: str, path: list[str]) -> None:
        state[module] = "open"
        for imported in sorted(graph.get(module, ())):
            if state.get(imported) == "open":
                circles.append(" -> ".join([*path[path.index(imported) :], imported]))
            elif imported not in state:
                walk(imported, [*path, imported])
        state[module] = "done"

    for module in sorted(graph):
        if module not in state:
            walk(module, [module])
    assert not circles, "\n".join(circles)
