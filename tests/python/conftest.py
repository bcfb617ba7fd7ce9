"""Shared fixtures of the Python module tests. CTest sets TXSIM_PYTHON_PATH (the build tree's
python folder) and TXSIM_CLI (the txsim executable); without them both come from build/release."""

import os
import pathlib
import sys

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
BUILD = ROOT / "build" / "release"
sys.path.insert(0, os.environ.get("TXSIM_PYTHON_PATH", str(BUILD / "python")))

import txsim  # noqa: E402

DEFAULT_SCENARIO = ROOT / "scenarios" / "default.yaml"
# Two weeks of the bundled story: employee dynamics, customer journeys and five policies, in
# well under a second per replication.
SHORT = {"horizon.days": 14}


@pytest.fixture(scope="session")
def cli() -> str:
    return os.environ.get("TXSIM_CLI", str(BUILD / "sim" / "cli" / "txsim"))


@pytest.fixture(scope="session")
def short_scenario() -> txsim.Scenario:
    return txsim.load(DEFAULT_SCENARIO, overrides=SHORT)
