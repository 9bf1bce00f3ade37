"""No import loop between ton's modules, counting imports made inside functions too (a lazy import
hides a loop, it does not remove it)."""
import ast
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src" / "ton"


def _module(path: Path) -> str:
    rel = path.relative_to(SRC.parent).with_suffix("")
    parts = list(rel.parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _graph() -> dict[str, set[str]]:
    modules = {_module(p): p for p in SRC.rglob("*.py")}
    graph: dict[str, set[str]] = {m: set() for m in modules}
    for mod, path in modules.items():
        package = mod if path.name == "__init__.py" else mod.rpartition(".")[0]
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.level:
                base = package.split(".")
                base = base[: len(base) - (node.level - 1)]
                target = ".".join(base + ([node.module] if node.module else []))
                names = [f"{target}.{a.name}" for a in node.names]
                found = [n for n in names if n in modules] or ([target] if target in modules else [])
                graph[mod].update(found)
            elif isinstance(node, ast.Import):
                graph[mod].update(a.name for a in node.names if a.name in modules)
    for mod in graph:
        graph[mod].discard(mod)
        # A package's __init__ is imported with any of its modules: an edge to a.b is an edge to a too.
    return graph


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    out, state, stack = [], {}, []

    def visit(n: str) -> None:
        state[n] = 1
        stack.append(n)
        for m in sorted(graph[n]):
            if state.get(m) == 1:
                out.append(stack[stack.index(m):] + [m])
            elif m not in state:
                visit(m)
        stack.pop()
        state[n] = 2

    for n in sorted(graph):
        if n not in state:
            visit(n)
    return out


def test_the_graph_sees_imports():
    g = _graph()
    assert "ton.check" in g["ton.batch"] and "ton.rules" in g["ton.check"]


def test_no_import_loop():
    cycles = _cycles(_graph())
    assert not cycles, "boucles d'import : " + " ; ".join(" -> ".join(c) for c in cycles)
