"""Uncertainty from Python: the analysis and files of `txsim uncertainty`, value for value; the
store; located errors; a shard's run is not analysed."""

import json
import subprocess

import pandas as pd
import pytest

import txsim
from conftest import DEFAULT_SCENARIO, ROOT

PRIORS = ROOT / "tests" / "sweep" / "data" / "small_priors.yaml"
BAD_PRIORS = ROOT / "tests" / "sweep" / "data" / "bad_priors.yaml"
# Two days of the bundled story with two policies: 4 base rows x (2 parameters + 2) + 5 points.
OVERRIDES = {"horizon.days": 2, "policies.deflection_only": None, "policies.root_cause_only": None,
             "policies.hire_more": None}
SETS = [arg for key, value in OVERRIDES.items()
        for arg in ("--set", f"{key}={'null' if value is None else value}")]
FILES = {"verdicts": "verdict_probabilities.csv", "differences": "differences.csv", "sobol": "sobol.csv",
         "tornado": "tornado.csv"}


@pytest.fixture(scope="module")
def analysed(tmp_path_factory):
    folder = tmp_path_factory.mktemp("uncertainty")
    result = txsim.uncertainty(DEFAULT_SCENARIO, PRIORS, samples=4, replications=2, overrides=OVERRIDES, threads=2,
                               store=folder / "python.db", out=folder / "python-out")
    return folder, result


def test_uncertainty_matches_txsim_uncertainty(analysed, cli):
    folder, result = analysed
    subprocess.run([cli, "uncertainty", str(DEFAULT_SCENARIO), "--priors", str(PRIORS), "-n", "4", "-r", "2",
                    "--threads", "2", *SETS, "--store", str(folder / "cli.db"), "-o", str(folder / "cli-out"),
                    "--quiet"], check=True, capture_output=True)
    assert result.outcome == {"total": 21, "skipped": 0, "evaluated": 21, "invalid": 0}
    for table, name in FILES.items():
        expected = pd.read_csv(folder / "cli-out" / name, float_precision="round_trip", keep_default_na=False,
                               na_values=[""])
        pd.testing.assert_frame_equal(getattr(result, table), expected, check_exact=True, obj=table)
        # out= writes the same files.
        assert (folder / "python-out" / name).read_text() == (folder / "cli-out" / name).read_text()
    cli_json = json.loads((folder / "cli-out" / "uncertainty.json").read_text())
    got = result.json
    assert got == cli_json
    # The stores hold the same points and the same analysis tables.
    assert result.store.canonical_dump() == txsim.open_store(folder / "cli.db").canonical_dump()


def test_tables_have_the_documented_shape(analysed):
    _, result = analysed
    assert set(result.verdicts["policy"]) == {"silo_push", "unified"}
    probabilities = result.verdicts.groupby(["policy", "basis"])["probability"].sum()
    assert ((probabilities - 1).abs() < 1e-12).all()
    assert set(result.differences["metric"]) == {"cx", "ex", "cost", "tx", "npv"}
    parameters = {"customers.satisfaction.customer_value", "lever_effects.pressure_resolution_loss"}
    assert set(result.sobol["parameter"]) == parameters == set(result.tornado["parameter"])
    assert "silo_push" in result.table


def test_a_second_call_resumes_from_the_store(analysed):
    folder, result = analysed
    again = txsim.uncertainty(DEFAULT_SCENARIO, PRIORS, samples=4, replications=2, overrides=OVERRIDES, threads=2,
                              store=result.store.path)
    assert again.outcome["skipped"] == 21 and again.outcome["evaluated"] == 0
    pd.testing.assert_frame_equal(again.sobol, result.sobol, check_exact=True)


def test_bad_priors_are_located_config_errors(tmp_path):
    with pytest.raises(txsim.ConfigError) as caught:
        txsim.uncertainty(DEFAULT_SCENARIO, BAD_PRIORS, store=tmp_path / "never.db")
    lines = [(d.file.endswith("bad_priors.yaml"), d.line) for d in caught.value.diagnostics]
    assert lines == [(True, 3), (True, 8)]
    assert not (tmp_path / "never.db").exists()


def test_a_shard_runs_its_points_but_is_not_analysed(tmp_path):
    shard = txsim.uncertainty(DEFAULT_SCENARIO, PRIORS, samples=4, replications=1, overrides=OVERRIDES, threads=2,
                              store=tmp_path / "shard.db", shard="0/4")
    assert shard.store.points_stored == shard.outcome["total"] < 21
    with pytest.raises(ValueError, match="merge"):
        shard.verdicts
