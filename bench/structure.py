"""Measures how the code hangs together: lines, import cycles, late imports, guards.

Issue 11 asked for these figures before and after the redesign; run it from the
project root (`python bench/structure.py`). Reads files only, imports nothing.
"""

from __future__ import annotations

import ast
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PORTAL = ROOT / "portal"


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(parts)


def is_demo(path: Path) -> bool:
    rel = path.relative_to(PORTAL).as_posix()
    return rel.startswith("demo") or "/demo" in rel


def resolve(name: str, modules: set[str]) -> str | None:
    while name and name not in modules:
        name = name.rpartition(".")[0]
    return name or None


def imports_of(tree: ast.AST, here: str, is_pkg: bool, modules: set[str]):
    """Yield (target module, inside a function?) for each portal import."""
    stack: list[bool] = []

    def visit(node, in_func):
        for child in ast.iter_child_nodes(node):
            nested = in_func or isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef))
            if isinstance(child, ast.Import):
                for alias in child.names:
                    if alias.name.startswith("portal"):
                        target = resolve(alias.name, modules)
                        if target:
                            yield target, in_func
            elif isinstance(child, ast.ImportFrom):
                base = child.module or ""
                if child.level:
                    pkg = here if is_pkg else here.rpartition(".")[0]
                    for _ in range(child.level - 1):
                        pkg = pkg.rpartition(".")[0]
                    base = f"{pkg}.{base}" if base else pkg
                if not base.startswith("portal"):
                    continue
                for alias in child.names:
                    full = f"{base}.{alias.name}"
                    target = full if full in modules else resolve(base, modules)
                    if target:
                        yield target, in_func
            elif isinstance(child, ast.If) and _is_type_checking(child):
                continue
            yield from visit(child, nested)

    del stack
    yield from visit(tree, False)


def _is_type_checking(node: ast.If) -> bool:
    return isinstance(node.test, ast.Name) and node.test.id == "TYPE_CHECKING"


def strongly_connected(graph: dict[str, set[str]]) -> list[list[str]]:
    index, low, on, stack, out, counter = {}, {}, set(), [], [], [0]
    sys.setrecursionlimit(10000)

    def strong(v):
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on.add(v)
        for w in graph.get(v, ()):
            if w not in index:
                strong(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                out.append(sorted(comp))

    for v in list(graph):
        if v not in index:
            strong(v)
    return out


def main() -> None:
    files = sorted(PORTAL.rglob("*.py"))
    modules = {module_name(p) for p in files}
    product = demo = 0
    file_graph: dict[str, set[str]] = defaultdict(set)
    late = 0
    for path in files:
        lines = len(path.read_text(encoding="utf-8").splitlines())
        if is_demo(path):
            demo += lines
        else:
            product += lines
        here = module_name(path)
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for target, in_func in imports_of(tree, here, path.name == "__init__.py", modules):
            if in_func:
                late += 1
            elif target != here:
                file_graph[here].add(target)
    package_graph: dict[str, set[str]] = defaultdict(set)
    for src, targets in file_graph.items():
        for dst in targets:
            a, b = src.split(".")[:2], dst.split(".")[:2]
            if a != b and len(a) == 2 and len(b) == 2:
                package_graph[".".join(a)].add(".".join(b))
    guards = sum(
        p.read_text(encoding="utf-8").count("has_endpoint(")
        for p in PORTAL.rglob("*")
        if p.suffix in (".py", ".html")
    )
    file_cycles = strongly_connected(file_graph)
    package_cycles = strongly_connected(package_graph)
    print(f"portal/ lines: product {product}, demo and launcher {demo}")
    print(f"file-level import cycles (strongly connected groups): {len(file_cycles)}")
    for cycle in file_cycles:
        print("   ", " <-> ".join(cycle))
    print(f"package-level import cycles: {len(package_cycles)}")
    for cycle in package_cycles:
        print("   ", " <-> ".join(cycle))
    print(f"imports inside functions: {late}")
    print(f"has_endpoint( occurrences: {guards}")
    bench_tests = [
        p.name
        for p in (ROOT / "bench").glob("*.py")
        if p.name != "structure.py" and "from tests" in p.read_text(encoding="utf-8")
    ]
    print(f"bench/ modules importing tests/: {len(bench_tests)}")


if __name__ == "__main__":
    main()
