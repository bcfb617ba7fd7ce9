"""Staffing from Python: the plan, shifts and staffed scenario of `txsim staff`, value for value."""

import json
import subprocess

import pytest

import txsim
from conftest import DEFAULT_SCENARIO, ROOT

DAY_SHIFTS = ROOT / "scenarios" / "staffing" / "day_shifts.yaml"
TARGETS = ["service_level>=0.8", "abandon_rate<=0.05"]


@pytest.fixture(scope="module")
def plan():
    return txsim.staff(DAY_SHIFTS, TARGETS, per="interval", replications=4, seed=3, threads=2, shifts=True)


def test_staff_matches_txsim_staff(plan, cli, tmp_path):
    out = tmp_path / "staffed.yaml"
    args = [cli, "staff", str(DAY_SHIFTS), "--per", "interval", "-r", "4", "--seed", "3", "--shifts", "--format",
            "json", "-o", str(out)]
    for target in TARGETS:
        args += ["--target", target]
    expected = json.loads(subprocess.run(args, check=True, capture_output=True, text=True).stdout)
    assert plan.group == expected["group"] and plan.evaluations == expected["evaluations"]
    assert plan.agent_hours_per_day == expected["agent_hours_per_day"]
    assert plan.erlang_agent_hours_per_day == expected["erlang_agent_hours_per_day"]
    columns = ["interval", "start", "erlang_agents", "agents", "difference"]
    rows = plan.intervals[columns].to_dict("records")
    assert rows == [{k: row[k] for k in columns} for row in expected["intervals"]]
    assert plan.kpis.loc["service_level", "mean"] == expected["service_level"]
    assert plan.kpis.loc["abandon_rate", "mean"] == expected["abandon_rate"]
    schedule = expected["shift_schedule"]
    assert plan.shifts.to_dict("records") == [{k: s[k] for k in ("pattern", "agents")} for s in schedule["shifts"]]
    assert plan.paid_hours_per_day == schedule["paid_hours_per_day"]
    assert list(plan.intervals["over_coverage"]) == schedule["over_coverage"]
    # The staffed scenario is the file `--out` writes.
    assert plan.yaml == out.read_text()


def test_the_staffed_scenario_holds_the_plan_and_loads_back(plan):
    # With shifts, the staffed scenario is the shift schedule (patterns with agents only).
    shifts = plan.scenario.get(f"agents.groups.{plan.group}.shifts")
    assert [s["count"] for s in shifts] == [n for n in plan.shifts["agents"] if n > 0]
    assert plan.scenario.content_hash == txsim.loads(plan.yaml).content_hash
    # The simulation of the plan is kept per interval.
    assert not plan.simulation.intervals.empty
    assert (plan.shifts["agents"] >= 0).all() and (plan.intervals["over_coverage"] >= -1e-9).all()


def test_without_shifts_the_staffed_scenario_is_a_headcount_per_interval(cli, tmp_path):
    plan = txsim.staff(DAY_SHIFTS, "service_level>=0.8", per="day", replications=3)
    out = tmp_path / "staffed.yaml"
    subprocess.run([cli, "staff", str(DAY_SHIFTS), "--target", "service_level>=0.8", "--per", "day", "-r", "3", "-o",
                    str(out)], check=True, capture_output=True)
    assert plan.yaml == out.read_text()
    assert plan.scenario.get(f"agents.groups.{plan.group}.headcount") == list(plan.intervals["agents"])
    assert plan.scenario.get(f"agents.groups.{plan.group}.shifts") == []


def test_staffing_errors_name_what_is_wrong():
    with pytest.raises(ValueError, match="occupancy"):
        txsim.staff(DAY_SHIFTS, "occupancy>=0.8")
    with pytest.raises(ValueError, match="per"):
        txsim.staff(DAY_SHIFTS, TARGETS, per="week")
    # The bundled story has several agent groups and employee dynamics.
    with pytest.raises(ValueError, match="group|employee"):
        txsim.staff(DEFAULT_SCENARIO, TARGETS, replications=2)
    headcount_only = txsim.load(DAY_SHIFTS, overrides={"agents.groups.agents.shifts": [],
                                                       "agents.groups.agents.headcount": 8})
    with pytest.raises(ValueError, match="shifts"):
        txsim.staff(headcount_only, TARGETS, shifts=True)


HIRING_YEAR = ROOT / "scenarios" / "staffing" / "hiring_year.yaml"


def test_a_hiring_plan_matches_txsim_staff_hiring_plan(cli, tmp_path):
    scenario = txsim.load(HIRING_YEAR, overrides={"horizon.days": 30})
    plan = txsim.hiring_plan(scenario, "service_level>=0.8", replications=3, threads=2)
    out = tmp_path / "planned.yaml"
    expected = json.loads(subprocess.run(
        [cli, "staff", str(HIRING_YEAR), "--hiring-plan", "--target", "service_level>=0.8", "--set",
         "horizon.days=30", "-r", "3", "--format", "json", "-o", str(out)],
        check=True, capture_output=True, text=True).stdout)
    assert plan.group == expected["group"] and plan.evaluations == expected["evaluations"]
    assert plan.seats_tried == expected["seats_tried"] and plan.currency == expected["currency"]
    assert plan.planner == expected["planner"]
    assert plan.cost_difference == (expected["cost_difference"], *expected["cost_difference_ci95"])
    months = plan.months
    for name in ("conventional", "optimised"):
        want = expected[name]
        row = plan.plans.loc[name]
        assert row["seats"] == want["seats"] and row["total_cost"] == want["total_cost"]
        assert [row["total_cost_ci95_lo"], row["total_cost_ci95_hi"]] == want["total_cost_ci95"]
        assert (row["service_level"], row["abandon_rate"], row["hires"]) == (
            want["service_level"], want["abandon_rate"], want["hires"])
        assert plan.failures[name] == want["failures"]
        assert list(plan.shifts[name]) == [s["agents"] for s in want["shifts"]]
        got = months[months["plan"] == name].drop(columns=["plan", "seats"]).to_dict("records")
        assert got == want["months"]
    assert list(plan.shifts["shift"]) == [s["shift"] for s in expected["optimised"]["shifts"]]
    assert plan.yaml == out.read_text()
    assert plan.simulation.kpis.loc["service_level", "mean"] > 0


def test_a_hiring_plan_needs_employee_dynamics():
    with pytest.raises(ValueError, match="employee dynamics"):
        txsim.hiring_plan(DAY_SHIFTS, "service_level>=0.8")
    with pytest.raises(ValueError, match="planner_shrinkage"):
        txsim.hiring_plan(HIRING_YEAR, "service_level>=0.8", planner_shrinkage=1.5)


# ---- the staffing store (`txsim staff --store`) holds what `--format json` prints -------------


def _same(stored, printed):
    """A stored value equals a printed one: NaN (NULL) is JSON null, 0/1 a JSON boolean."""
    if printed is None:
        return stored is None or stored != stored
    if isinstance(printed, bool):
        return stored == int(printed)
    return stored == printed


def _rows_match(frame, records, renames=None):
    """Each record's fields (renamed to the store's columns) equal the frame's row, in order."""
    renames = renames or {}
    assert len(frame) == len(records)
    for row, record in zip(frame.to_dict("records"), records):
        for key, value in record.items():
            column = renames.get(key, key)
            assert _same(row[column], value), (column, row[column], value)


def _staff_json_and_store(cli, tmp_path, args):
    store = tmp_path / "staff.db"
    printed = subprocess.run([cli, "staff", *args, "--format", "json", "--store", str(store)], check=True,
                             capture_output=True, text=True).stdout
    return json.loads(printed), txsim.open_store(store)


@pytest.mark.parametrize("shifts", [False, True])
def test_the_staffing_store_holds_what_json_prints(cli, tmp_path, shifts):
    args = [str(DAY_SHIFTS), "--target", "service_level>=0.8", "--target", "abandon_rate<=0.05", "--per", "interval",
            "-r", "3", "--seed", "5"] + (["--shifts"] if shifts else [])
    printed, store = _staff_json_and_store(cli, tmp_path, args)
    assert isinstance(store, txsim.StaffingStore)
    assert store.analysis == ("staff --shifts" if shifts else "staff")
    info = store.info
    assert (info["scenario_name"], info["group_name"], info["per"], info["test"]) == (
        printed["scenario"], printed["group"], printed["per"], printed["test"])
    assert info["targets"] == ", ".join(printed["targets"])
    assert (info["confidence"], info["seed"], info["replications"]) == (
        printed["confidence"], printed["seed"], printed["replications"])
    summary = store.staffing_summary.iloc[0]
    for key in ("evaluations", "agent_hours_per_day", "erlang_agent_hours_per_day", "service_level", "abandon_rate"):
        assert summary[key] == printed[key], key
    _rows_match(store.staffing_intervals, printed["intervals"])
    _rows_match(store.staffing_checks, printed["checks"], {"target": "target_text", "period": "period_label"})
    assert "shift_counts" in store.tables if shifts else "shift_counts" not in store.tables
    if shifts:
        schedule = printed["shift_schedule"]
        assert summary["shift_paid_hours_per_day"] == schedule["paid_hours_per_day"]
        _rows_match(store.shift_counts, schedule["shifts"], {"pattern": "description"})
        assert list(store.shift_coverage["covered"]) == schedule["covered"]
        assert list(store.shift_coverage["over_coverage"]) == schedule["over_coverage"]
        assert list(store.shift_coverage["required"]) == [row["agents"] for row in printed["intervals"]]
    assert len(store.sessions) == 1 and "--store" in store.sessions["command_line"][0]


def test_the_staffing_store_of_a_hiring_plan_holds_what_json_prints(cli, tmp_path):
    printed, store = _staff_json_and_store(
        cli, tmp_path, [str(HIRING_YEAR), "--hiring-plan", "--target", "service_level>=0.8", "--set",
                        "horizon.days=60", "-r", "3", "--planner-shrinkage", "0.1"])
    assert store.analysis == "staff --hiring-plan"
    assert store.info["planner_shrinkage"] == 0.1 and store.info["planner_attrition"] is None
    summary = store.hiring_summary.iloc[0]
    for key, value in printed["planner"].items():
        assert summary["planner_" + key] == value, key
    assert summary["evaluations"] == printed["evaluations"] and summary["currency"] == printed["currency"]
    assert [summary["cost_difference"], summary["cost_difference_lo"], summary["cost_difference_hi"]] == [
        printed["cost_difference"], *printed["cost_difference_ci95"]]
    assert list(store.hiring_seats_tried["seats"]) == printed["seats_tried"]
    plans = store.hiring_plans.set_index("plan")
    for name in ("conventional", "optimised"):
        plan = printed[name]
        row = plans.loc[name]
        for key in ("seats", "total_cost", "service_level", "abandon_rate", "annualised_attrition", "hires"):
            assert row[key] == plan[key], (name, key)
        assert [row["total_cost_lo"], row["total_cost_hi"]] == plan["total_cost_ci95"]
        assert row["failing_months"] == sum(not m["meets_targets"] for m in plan["months"])
        _rows_match(store.hiring_months[store.hiring_months["plan"] == name], plan["months"])
        _rows_match(store.hiring_plan_shifts[store.hiring_plan_shifts["plan"] == name], plan["shifts"],
                    {"shift": "description"})
        assert list(store.hiring_failures[store.hiring_failures["plan"] == name]["text"]) == plan["failures"]


def test_open_store_refuses_a_file_that_is_no_store(tmp_path):
    notes = tmp_path / "notes.db"
    notes.write_text("not a database")
    with pytest.raises(ValueError, match="not a txsim result store"):
        txsim.open_store(notes)
    with pytest.raises(ValueError, match="no such file"):
        txsim.open_store(tmp_path / "missing.db")


def test_staff_and_hiring_plan_write_the_store_the_command_line_writes(cli, tmp_path):
    plan = txsim.staff(DAY_SHIFTS, TARGETS, per="interval", replications=3, seed=5, shifts=True,
                       store=tmp_path / "python.db")
    args = [str(DAY_SHIFTS), "--per", "interval", "-r", "3", "--seed", "5", "--shifts"]
    for target in TARGETS:
        args += ["--target", target]
    _, cli_store = _staff_json_and_store(cli, tmp_path, args)
    assert plan.store.analysis == "staff --shifts"
    for name, table in cli_store.tables.items():
        if name == "sessions":
            continue
        columns = [c for c in table.columns if c not in ("command_line", "scenario_file")]
        assert plan.store.tables[name][columns].equals(table[columns]), name
    assert plan.store.sessions["command_line"][0].startswith("txsim.staff(")
    # Another study is refused before the search; the store stays as it was.
    with pytest.raises(ValueError, match="holds another staffing study: --seed differs"):
        txsim.staff(DAY_SHIFTS, TARGETS, per="interval", replications=3, seed=6, shifts=True,
                    store=tmp_path / "python.db")
    assert len(txsim.open_store(tmp_path / "python.db").sessions) == 1
    hiring = txsim.hiring_plan(txsim.load(HIRING_YEAR, overrides={"horizon.days": 30}), "service_level>=0.8",
                               replications=3, store=tmp_path / "hiring.db")
    assert hiring.store.analysis == "staff --hiring-plan"
    assert list(hiring.store.hiring_plans["seats"]) == [hiring.plans.loc[p, "seats"]
                                                        for p in ("conventional", "optimised")]
    assert list(hiring.store.hiring_seats_tried["seats"]) == hiring.seats_tried
