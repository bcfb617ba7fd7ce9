"""Runs a notebook headless, top to bottom, in a kernel of this interpreter; a failing cell fails
the run (exit code 1, with the cell's traceback). Outputs are not written back: notebooks are
stored without them.

    python3 tests/python/run_notebook.py notebooks/quick_start.ipynb
"""

import json
import os
import pathlib
import re
import sys
import tempfile
import time

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

CELL_TIMEOUT_S = 240
# Terminal colour codes in tracebacks, unreadable in CTest logs.
ANSI_ESCAPE = re.compile(r"\x1b\[[0-9;]*m")


def main(path: pathlib.Path) -> int:
    notebook = nbformat.read(path, as_version=4)
    with tempfile.TemporaryDirectory() as jupyter_dir:
        # A kernel of this very interpreter (the one the module was built for), whatever other
        # "python3" kernels the user's Jupyter paths hold.
        spec_dir = pathlib.Path(jupyter_dir, "kernels", "txsim-python")
        spec_dir.mkdir(parents=True)
        (spec_dir / "kernel.json").write_text(json.dumps({
            "argv": [sys.executable, "-Xfrozen_modules=off", "-m", "ipykernel_launcher", "-f", "{connection_file}"],
            "display_name": "txsim Python", "language": "python"}))
        os.environ["JUPYTER_PATH"] = os.pathsep.join(filter(None, [jupyter_dir, os.environ.get("JUPYTER_PATH")]))
        client = NotebookClient(notebook, kernel_name="txsim-python", timeout=CELL_TIMEOUT_S,
                                resources={"metadata": {"path": str(path.parent)}})
        started = time.monotonic()
        try:
            client.execute()
        except CellExecutionError as error:
            print(f"{path}: a cell failed:\n{ANSI_ESCAPE.sub('', str(error))}", file=sys.stderr)
            return 1
    print(f"{path.name}: {len(notebook.cells)} cells ran in {time.monotonic() - started:.1f} s")
    return 0


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    sys.exit(main(pathlib.Path(sys.argv[1]).resolve()))
