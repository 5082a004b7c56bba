"""The layers of portal/ point one way, and no import cycle joins its files or packages.

LAYERS is the one written definition of the architecture (the README's
"Architecture" section describes it). A package, or a module directly under
portal/, may import its own layer and the layers below, never one above; imports
inside functions count, as do those under `if TYPE_CHECKING:`. Within a layer,
packages may use each other as long as no cycle forms. Models sit under every
rule of their package: they import no services, URL helpers or translations.
The test reads the source with `ast` and imports nothing.
"""

from __future__ import annotations

import ast
from collections import defaultdict
from pathlib import Path

PORTAL = Path(__file__).resolve().parent.parent / "portal"

# Bottom to top. "portal" is the application factory (portal/__init__.py).
LAYERS: tuple[tuple[str, frozenset[str]], ...] = (
    (
        "foundation",
        frozenset(
            {
                "extensions", "models_base", "db_types", "msgids", "enums", "rules", "actions",
                "errors", "form_errors", "forms_base", "listing", "urls", "i18n", "formatting",
                "fields", "tenancy", "audit", "audit_labels", "accounts", "organizations",
                "periods", "security_headers", "submissions", "form_messages", "textsearch",
                "pending_uploads", "db_upkeep", "icons", "request_cache",
            }
        ),
    ),
    ("infrastructure", frozenset({"jobs", "mail"})),
    (
        "shared capabilities",
        frozenset(
            {"evidence", "reviews", "notifications", "deadlines", "documents", "profiles"}
        ),
    ),
    (
        "record capabilities",
        frozenset(
            {
                "criteria", "exemplars", "propagation", "publiccolumn", "training",
                "difficulties", "council", "inspections", "consideration", "movements", "budget",
            }
        ),
    ),
    (
        "yearly records",
        frozenset({"assessments", "annualreports", "congress", "awards", "registrations"}),
    ),
    (
        "views over everything",
        frozenset(
            {
                "dashboards", "workspace", "home", "compilations", "admin", "health",
                "navigation", "platform",
            }
        ),
    ),
    ("composition", frozenset({"portal", "registry", "cli", "demo"})),
)  # fmt: skip
LEVEL = {unit: level for level, (_name, units) in enumerate(LAYERS) for unit in units}


def module_name(path: Path) -> str:
    parts = ["portal", *path.relative_to(PORTAL).with_suffix("").parts]
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def unit_of(module: str) -> str:
    """The package (or module directly under portal/) that a module belongs to."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "portal"


def portal_modules() -> dict[str, Path]:
    return {module_name(path): path for path in sorted(PORTAL.rglob("*.py"))}


def imported(tree: ast.AST, here: str, is_package: bool, modules: set[str]) -> set[str]:
    """The portal modules a file imports, wherever the import statement is."""
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                package = here if is_package else here.rpartition(".")[0]
                for _ in range(node.level - 1):
                    package = package.rpartition(".")[0]
                base = f"{package}.{base}".rstrip(".")
            names = [f"{base}.{alias.name}" for alias in node.names] + [base]
        else:
            continue
        for name in names:
            while name and name not in modules:
                name = name.rpartition(".")[0]
            if name and name != here:
                found.add(name)
    return found


def imported_names(path: Path) -> set[str]:
    """Every module name an import statement of the file mentions, portal's or not."""
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module == "portal":
            names |= {f"portal.{alias.name}" for alias in node.names}  # from portal import urls
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def import_graph() -> dict[str, set[str]]:
    modules = portal_modules()
    graph = {}
    for name, path in modules.items():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        graph[name] = imported(tree, name, path.name == "__init__.py", set(modules))
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected groups of more than one node (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for target in graph.get(node, ()):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            group = []
            while not group or group[-1] != node:
                group.append(stack.pop())
            if len(group) > 1:
                found.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_every_package_has_one_layer():
    placed = [unit for _name, units in LAYERS for unit in units]
    assert len(placed) == len(set(placed)), "a package is in two layers"
    present = {unit_of(module) for module in portal_modules()}
    assert present - set(placed) == set(), "place each new package in LAYERS"
    assert set(placed) - present == set(), "LAYERS names a package that is gone"


def test_no_layer_imports_a_higher_one():
    upward = sorted(
        f"{source} -> {target} ({LAYERS[LEVEL[unit_of(source)]][0]} imports "
        f"{LAYERS[LEVEL[unit_of(target)]][0]})"
        for source, targets in import_graph().items()
        for target in targets
        if LEVEL[unit_of(target)] > LEVEL[unit_of(source)]
    )
    assert not upward, "\n".join(upward)


def test_no_import_cycle_between_files():
    found = cycles(import_graph())
    assert not found, "\n".join(" <-> ".join(group) for group in found)


def test_no_import_cycle_between_packages():
    packages: dict[str, set[str]] = defaultdict(set)
    for source, targets in import_graph().items():
        packages[unit_of(source)] |= {unit_of(t) for t in targets} - {unit_of(source)}
    found = cycles(packages)
    assert not found, "\n".join(" <-> ".join(group) for group in found)


def test_models_import_no_services_urls_or_translations():
    forbidden = []
    for name, path in portal_modules().items():
        if path.name != "models.py":
            continue
        for target in sorted(imported_names(path)):
            if (
                target.startswith("flask_babel")
                or target in {"portal.urls", "portal.i18n"}
                or target.endswith(".services")
            ):
                forbidden.append(f"{name} -> {target}")
    assert not forbidden, "\n".join(forbidden)
