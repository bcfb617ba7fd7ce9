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
    rows = plan.intervals[["interval", "start", "erlang_agents", "agents", "difference"]].to_dict("records")
    assert rows == expected["intervals"]
    assert plan.kpis.loc["service_level", "mean"] == expected["service_level"]
    assert plan.kpis.loc["abandon_rate", "mean"] == expected["abandon_rate"]
    schedule = expected["shift_schedule"]
    assert plan.shifts.to_dict("records") == schedule["shifts"]
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
