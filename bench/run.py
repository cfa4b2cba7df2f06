"""Run every benchmark (bench/*_bench.py) in turn; each prints its own figures."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

HERE = Path(__file__).parent


def main() -> None:
    for path in sorted(HERE.glob("*_bench.py")):
        print(f"== {path.stem}", flush=True)
        spec = importlib.util.spec_from_file_location(path.stem, path)
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        sys.modules[path.stem] = module
        spec.loader.exec_module(module)
        module.main()


if __name__ == "__main__":
    main()
