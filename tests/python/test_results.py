"""Results: the same numbers as the CLI for the same scenario, seed and replications, in tables
with the CLI files' columns."""

import json
import math
import subprocess

import pandas as pd
import pytest

import txsim
from conftest import DEFAULT_SCENARIO, SHORT

SETS = [arg for key, value in SHORT.items() for arg in ("--set", f"{key}={value}")]


def cli_json(cli, *args):
    out = subprocess.run([cli, *args, "--format", "json"], capture_output=True, text=True, check=True)
    return json.loads(out.stdout)


def same(a, b):
    """Bit-equal numbers (None for NaN on the JSON side)."""
    if b is None:
        return a is None or (isinstance(a, float) and math.isnan(a))
    return a == b


@pytest.fixture(scope="module")
def run_result(short_scenario):
    return txsim.run(short_scenario, seed=7, replications=3, threads=2)


@pytest.fixture(scope="module")
def comparison(short_scenario):
    return txsim.compare(short_scenario, seed=7, replications=3, threads=2)


def test_run_matches_txsim_run_bit_for_bit(run_result, cli, tmp_path):
    expected = cli_json(cli, "run", str(DEFAULT_SCENARIO), *SETS, "--seed", "7", "-r", "3", "--out", str(tmp_path))
    got = run_result.json
    for field in ("scenario", "seed", "replications", "events"):
        assert got[field] == expected[field]
    for family in ("kpis", "ex"):
        for kpi, cell in expected[family].items():
            row = (run_result.kpis if family == "kpis" else run_result.employee_kpis).loc[kpi]
            assert same(row["mean"], cell["mean"]), kpi
            assert same(row["ci95_lo"], cell["ci95"][0]) and same(row["ci95_hi"], cell["ci95"][1]), kpi
            assert row["n"] == cell["n"] and row["unit"] == cell["unit"], kpi
    days = run_result.means("day")
    assert len(days) == len(expected["days"]) == 14
    for day, cells in enumerate(expected["days"]):
        for kpi, cell in cells.items():
            assert same(days.loc[day, kpi], cell["mean"]), (day, kpi)
    # The tables are the files `--out` writes, value for value.
    for table, name in ((run_result.summary, "summary.csv"), (run_result.replications, "replications.csv"),
                        (run_result.agents, "agents.csv")):
        pd.testing.assert_frame_equal(table, txsim._read_csv((tmp_path / name).read_text()), check_exact=True)


def test_compare_matches_txsim_compare_bit_for_bit(comparison, cli, tmp_path):
    expected = cli_json(cli, "compare", str(DEFAULT_SCENARIO), *SETS, "--seed", "7", "-r", "3", "--out", str(tmp_path))
    assert comparison.variants == [p["name"] for p in expected["policies"]]
    for policy in expected["policies"]:
        scores = comparison.scores[comparison.scores["policy"] == policy["name"]].set_index("metric")
        for index, cell in policy["scores"].items():
            assert same(scores.loc[index, "mean"], cell["mean"]), (policy["name"], index)
            assert same(scores.loc[index, "diff_mean"], cell["diff"]), (policy["name"], index)
        if policy["verdict"]:
            assert comparison.verdicts.loc[policy["name"], "text"] == policy["verdict"]["text"]
            assert same(comparison.npv.loc[policy["name"], "mean"], policy["npv_vs_baseline"]["mean"])
    pd.testing.assert_frame_equal(comparison.summary, txsim._read_csv((tmp_path / "comparison_summary.csv").read_text()),
                                  check_exact=True)
    pd.testing.assert_frame_equal(comparison.replications, txsim._read_csv((tmp_path / "comparison.csv").read_text()),
                                  check_exact=True)


def test_results_do_not_depend_on_the_thread_count(short_scenario, run_result):
    one_thread = txsim.run(short_scenario, seed=7, replications=3, threads=1)
    pd.testing.assert_frame_equal(one_thread.replications, run_result.replications, check_exact=True)


def test_run_tables_have_the_documented_shapes(run_result):
    kpi_names = txsim.metric_info().query("family == 'customer'").index
    assert list(run_result.kpis.columns) == ["mean", "ci95_lo", "ci95_hi", "n", "unit"]
    assert list(run_result.kpis.index) == list(kpi_names)
    assert list(run_result.summary.columns) == ["scope", "day", "interval", "contact_type", "start_s", "kpi", "mean",
                                                "ci95_lo", "ci95_hi", "n"]
    assert set(run_result.summary["scope"]) == {"total", "contact_type", "month", "week", "day"}
    assert run_result.means("day").shape[0] == 14
    assert run_result.means("week").index.tolist() == [0, 7]
    assert run_result.means("month").index.tolist() == [0]
    assert run_result.means("contact_type").index.tolist() == ["billing", "technical", "cancellation"]
    assert run_result.summary["day"].dtype == "Int64"
    assert set(run_result.replications["replication"]) == {0, 1, 2}
    assert list(run_result.agents.columns[:3]) == ["replication", "agent", "group"]
    assert run_result.employee_kpis.loc["annualised_attrition", "unit"] == "fraction per year"


def test_interval_detail_gives_one_row_per_half_hour(short_scenario):
    result = txsim.run(short_scenario, replications=2, detail="interval")
    intervals = result.means("interval")
    assert intervals.shape[0] == 14 * 48
    assert intervals.index.names == ["day", "interval"]
    assert intervals.loc[(0, 20), "offered"] > 0 and intervals.loc[(0, 2), "offered"] == 0


def test_comparison_tables_have_the_documented_shapes(comparison):
    policies = comparison.variants
    assert policies[0] == "baseline" and len(policies) == 6
    assert list(comparison.scores["metric"].unique()) == ["cx", "ex", "cost", "tx"]
    assert comparison.scores.shape[0] == 4 * len(policies)
    assert list(comparison.verdicts.index) == policies[1:]
    assert set(comparison.verdicts["verdict"]) <= {"dominates", "is_dominated", "trade_off", "no_difference"}
    assert list(comparison.npv.index) == policies[1:]
    assert "baseline" not in set(comparison.differences["policy"])
    assert comparison.differences["diff_mean"].notna().any()
    assert {"wages", "operating_cost", "total_cost_incl_churn", "cost_per_issue"} <= set(comparison.business_case["metric"])
    assert comparison.business_case.set_index("metric").loc["cost_per_issue", "unit"].iloc[0] == "currency/issue"
    assert list(comparison.policies.index) == policies
    months = comparison.runs["unified"].means("month")
    assert "fatigue_mean" in months.columns and months.shape[0] == 1


def test_a_scenario_without_policies_cannot_be_compared():
    scenario = txsim.load(DEFAULT_SCENARIO, overrides={**SHORT, "policies": "{}"})
    with pytest.raises(ValueError, match="no policies to compare"):
        txsim.compare(scenario, replications=2)


def test_bad_experiment_options_are_value_errors(short_scenario):
    with pytest.raises(ValueError, match="replications"):
        txsim.run(short_scenario, replications=0)
    with pytest.raises(ValueError, match=r"threads: expected an integer in \[0, 1024\], found 5000"):
        txsim.compare(short_scenario, replications=1, threads=5000)
    with pytest.raises(ValueError, match="detail"):
        txsim.run(short_scenario, replications=1, detail="hour")


def test_a_policy_variant_runs_as_txsim_run_policy(short_scenario, cli):
    result = txsim.run(short_scenario, seed=2, replications=2, policy="unified")
    expected = cli_json(cli, "run", str(DEFAULT_SCENARIO), *SETS, "--seed", "2", "-r", "2", "--policy", "unified")
    assert result.json["events"] == expected["events"]
    for kpi, cell in expected["kpis"].items():
        assert same(result.kpis.loc[kpi, "mean"], cell["mean"]), kpi
    baseline = txsim.run(short_scenario, seed=2, replications=2)
    assert result.kpis.loc["offered", "mean"] != baseline.kpis.loc["offered", "mean"]
    with pytest.raises(ValueError, match=r"policy nope: .* has no such policy \(known: silo_push, unified"):
        txsim.run(short_scenario, replications=1, policy="nope")
