"""Calibration from Python: the scenario and report of `txsim calibrate`, value for value, the
trace of `txsim run --trace`, and located errors for logs that cannot be used."""

import json
import subprocess

import numpy as np
import pandas as pd
import pytest

import txsim
from conftest import ROOT

LOGS = ROOT / "tests" / "data" / "calibration"
SAMPLE = LOGS / "sample_log.csv"
TABLES = ["arrivals", "days", "bursts", "handle_time", "patience", "kaplan_meier", "staffing", "problems"]


@pytest.fixture(scope="module")
def fitted():
    return txsim.calibrate(SAMPLE, interval_minutes=30)


def test_calibrate_matches_txsim_calibrate(fitted, cli, tmp_path):
    out = tmp_path / "calibrated.yaml"
    report = tmp_path / "report"
    subprocess.run([cli, "calibrate", str(SAMPLE), "-o", str(out), "--report", str(report), "--interval", "30"],
                   check=True, capture_output=True)
    assert fitted.yaml == out.read_text()
    assert fitted.json == json.loads((report / "summary.json").read_text())
    for table in TABLES:
        pd.testing.assert_frame_equal(getattr(fitted, table), txsim._read_report_csv(report / f"{table}.csv"),
                                      check_exact=True, obj=table)


def test_the_report_directory_is_written_when_asked(tmp_path):
    txsim.calibrate(SAMPLE, report=tmp_path / "r")
    assert sorted(p.name for p in (tmp_path / "r").iterdir()) == sorted([t + ".csv" for t in TABLES] + ["summary.json"])


def test_fit_tables_and_curves(fitted):
    assert fitted.scenario.contact_types == ["billing", "tech"]
    models = {"exponential", "weibull", "lognormal", "piecewise_hazard"}
    for kind in ["(all)", "billing", "tech"]:
        assert set(fitted.patience.loc[fitted.patience["type"] == kind, "model"]) == models
        steps = fitted.kaplan_meier[fitted.kaplan_meier["type"] == kind]["survival"].to_numpy()
        assert (np.diff(steps) <= 0).all() and 0 <= steps[-1] < 1
    curves = fitted.patience_curves([0.0, 30.0, 600.0])
    assert len(curves) == 3 * 3 * len(models)
    assert (curves.loc[curves["time_s"] == 0.0, "survival"] == 1.0).all()
    for (_, _), curve in curves.groupby(["type", "model"]):
        assert curve["survival"].is_monotonic_decreasing
    # One chosen fit per type, the lowest AIC among those the schema accepts.
    assert curves.groupby("type")["chosen"].sum().div(3).tolist() == [1, 1, 1]
    talk = fitted.handle_times
    assert (talk["service_s"] > 0).all()
    assert len(talk[talk["type"] == "(all)"]) == fitted.handle_time.set_index("type").loc["(all)", "n"]


def test_redials_come_from_the_summary_and_need_caller_ids(fitted, tmp_path):
    assert fitted.redials.loc["share", "n"] == 0  # the sample log has no caller ids
    scenario = ROOT / "scenarios" / "calibration_example.yaml"
    with_ids = txsim.load(scenario, overrides={"horizon.days": 7, "customers": {"repeat_probability": 0.0}})
    txsim.run(with_ids, replications=1, trace=tmp_path / "log.csv")
    redials = txsim.calibrate(tmp_path / "log.csv").redials
    assert list(redials.index) == ["share", "mean_delay_s"] and redials.loc["share", "n"] > 0
    assert 0 <= redials.loc["share", "lo95"] <= redials.loc["share", "value"] <= redials.loc["share", "hi95"] <= 1


def test_a_trace_is_the_file_of_txsim_run_trace(cli, tmp_path):
    scenario = ROOT / "scenarios" / "calibration_example.yaml"
    subprocess.run([cli, "run", str(scenario), "-r", "1", "--seed", "5", "--trace", str(tmp_path / "cli.csv")],
                   check=True, capture_output=True)
    txsim.run(scenario, replications=1, seed=5, trace=tmp_path / "python.csv")
    assert (tmp_path / "python.csv").read_bytes() == (tmp_path / "cli.csv").read_bytes()


@pytest.mark.parametrize("log, line, column, field", [
    ("bad_timestamp.csv", 3, 1, "arrival"),
    ("out_of_order.csv", 3, 40, "service_start"),
    ("unknown_outcome.csv", 2, 29, "outcome"),
    ("missing_column.csv", 1, 0, "outcome"),
])
def test_a_log_that_cannot_be_used_is_a_located_config_error(log, line, column, field):
    with pytest.raises(txsim.ConfigError) as caught:
        txsim.calibrate(LOGS / log)
    first = caught.value.diagnostics[0]
    assert first.file.endswith(log) and (first.line, first.column) == (line, column)
    assert first.message.startswith(field) or first.key_path == field


def test_bad_options_are_value_errors():
    with pytest.raises(txsim.ConfigError, match="unknown field"):
        txsim.calibrate(SAMPLE, columns={"arival": "arrival"})
    with pytest.raises(ValueError, match="interval"):
        txsim.calibrate(SAMPLE, interval_minutes=20)
    with pytest.raises(ValueError, match="handle_time"):
        txsim.calibrate(SAMPLE, handle_time="gamma")
