"""Run every benchmark (bench/*_bench.py) in turn; each prints its own figures, then the
speed targets are summed up, each beside the baseline it was measured against in this run.

`python bench/run.py assess cli` runs only the benchmarks whose names start so.
"""

from __future__ import annotations

import compileall
import importlib.util
import os
import sys
from pathlib import Path

HERE = Path(__file__).parent
sys.path.insert(0, str(HERE))

import targets  # noqa: E402 (bench/ is put on the path first)


def main() -> None:
    wanted = sys.argv[1:]
    print(f"commit {targets.git_commit()}; at the start: {targets.load()}", flush=True)
    _compile_bytecode()
    for path in sorted(HERE.glob("*_bench.py")):
        if wanted and not any(path.stem.startswith(w) for w in wanted):
            continue
        print(f"== {path.stem}", flush=True)
        spec = importlib.util.spec_from_file_location(path.stem, path)
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        sys.modules[path.stem] = module
        spec.loader.exec_module(module)
        module.main()
    targets.summary()
    print(f"at the end: {targets.load()}")


def _compile_bytecode() -> None:
    """Compile the project's modules to bytecode before any start-up is timed, as pip does
    when it installs a package: where PYTHONDONTWRITEBYTECODE is set (this sandbox sets it),
    every start of `crampcoach` would otherwise compile its modules from source again, a cost
    no installed copy pays and the bare baselines (whose libraries come compiled) do not."""
    compileall.compile_dir(HERE.parent / "src", quiet=1)
    setting = os.environ.get("PYTHONDONTWRITEBYTECODE")
    print(f"bytecode of src/ compiled (PYTHONDONTWRITEBYTECODE={setting or 'unset'})")


if __name__ == "__main__":
    main()
