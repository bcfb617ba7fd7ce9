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
    headcount = plan.scenario.get(f"agents.groups.{plan.group}.headcount")
    assert headcount == list(plan.intervals["agents"])
    assert plan.scenario.get(f"agents.groups.{plan.group}.shifts") == []
    assert plan.scenario.content_hash == txsim.loads(plan.yaml).content_hash
    # The simulation of the plan is kept per interval.
    assert not plan.simulation.intervals.empty
    assert (plan.shifts["agents"] >= 0).all() and (plan.intervals["over_coverage"] >= -1e-9).all()


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
