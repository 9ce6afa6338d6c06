#!/usr/bin/env python3
"""Counts the hand-written code of each binding and checks it against its budget.

Counted: every source file (.rs .py .pyi .js .mjs .cjs .ts .cs .sh) a binding's folder tracks in git, except
tests, generators (tools/), examples and files marked generated (a first-three-lines comment saying so). The
Node package counts the shared JavaScript host (js-host/) too. Exit status 1 when a binding is over budget.
"""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCE = (".rs", ".py", ".pyi", ".js", ".mjs", ".cjs", ".ts", ".cs", ".sh")
SKIP_PARTS = {"tests", "test", "tools", "examples", "Tests"}
BUDGETS = {
    "python": (["bindings-python"], 2200),
    "node": (["bindings-node", "js-host"], 1400),
    "csharp": (["bindings-csharp"], 2000),
    "wasm": (["bindings-wasm"], None),
}


def generated(path: Path) -> bool:
    with path.open(encoding="utf-8", errors="replace") as f:
        head = "".join(f.readline() for _ in range(3)).lower()
    return "generated" in head


def hand_written(folders):
    listed = subprocess.run(["git", "ls-files", "-co", "--exclude-standard", *folders], cwd=ROOT,
                            capture_output=True, text=True, check=True).stdout.split()
    for rel in listed:
        path = ROOT / rel
        parts = set(Path(rel).parts[1:-1])
        if path.suffix not in SOURCE or parts & SKIP_PARTS or not path.is_file():
            continue
        if any(p in ("pkg", "pkg-node", "out", "node_modules", "web") for p in parts):
            continue
        if generated(path):
            continue
        yield rel, sum(1 for _ in path.open(encoding="utf-8", errors="replace"))


def main() -> int:
    verbose = "-v" in sys.argv
    over = False
    for name, (folders, budget) in BUDGETS.items():
        files = sorted(hand_written(folders), key=lambda x: -x[1])
        total = sum(n for _, n in files)
        mark = "" if budget is None else (f" (budget {budget})" + (" OVER" if total > budget else ""))
        over |= budget is not None and total > budget
        print(f"{name}: {total} hand-written lines{mark}")
        if verbose:
            for rel, n in files:
                print(f"  {n:6} {rel}")
    return 1 if over else 0


if __name__ == "__main__":
    sys.exit(main())
