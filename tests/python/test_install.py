"""`cmake --install` puts a working package into the interpreter's site-packages."""

import os
import pathlib
import subprocess
import sys

import pytest

BUILD_DIR = os.environ.get("TXSIM_BUILD_DIR")
CMAKE = os.environ.get("TXSIM_CMAKE", "cmake")


@pytest.mark.skipif(BUILD_DIR is None, reason="needs TXSIM_BUILD_DIR (set by CTest)")
def test_the_installed_package_imports_and_runs(tmp_path):
    env = {**os.environ, "DESTDIR": str(tmp_path)}
    subprocess.run([CMAKE, "--install", BUILD_DIR, "--component", "python"], env=env, check=True,
                   capture_output=True)
    (package,) = tmp_path.rglob("txsim/__init__.py")
    site = package.parent.parent
    assert sorted(p.name.split(".")[0] for p in package.parent.iterdir()) == ["__init__", "_txsim"]
    probe = "import txsim; print(txsim.__file__); print(txsim.erlang_b(1, 1.0))"
    clean = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "TXSIM_PYTHON_PATH")}
    out = subprocess.run([sys.executable, "-c", probe], env={**clean, "PYTHONPATH": str(site)}, cwd=tmp_path,
                         capture_output=True, text=True, check=True).stdout.split()
    assert pathlib.Path(out[0]) == package
    assert float(out[1]) == 0.5
