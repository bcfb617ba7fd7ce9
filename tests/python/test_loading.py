"""Loading scenarios: overrides, later changes by key path, and located errors as the CLI reports them."""

import subprocess
import textwrap

import pytest

import txsim
from conftest import DEFAULT_SCENARIO, ROOT

BAD_SCENARIO = textwrap.dedent("""\
    name: bad
    horizon: {days: 1}
    demand: {rate_per_hour: 100}
    contact_types:
      general:
        share: 1.5
        handle_tme: {mean_s: 200}
    agents:
      groups:
        frontline: {headcount: 5}
    """)


def test_a_scenario_file_loads_with_its_names_and_policies():
    scenario = txsim.load(DEFAULT_SCENARIO)
    assert scenario.name == "default"
    assert scenario.file == str(DEFAULT_SCENARIO)
    assert scenario.contact_types == ["billing", "technical", "cancellation"]
    assert scenario.policies[:2] == ["silo_push", "unified"]
    assert scenario.overrides == []


def test_override_values_are_written_as_yaml():
    scenario = txsim.load(DEFAULT_SCENARIO, overrides={
        "horizon.days": 7, "service_level_threshold_s": 30.5, "customers.channels.mode": "choice",
        "demand.intraday_profile": [0] * 16 + [1] * 24 + [0] * 8, "policies.hire_more": None})
    assert scenario.overrides == [
        ("horizon.days", "7"), ("service_level_threshold_s", "30.5"), ("customers.channels.mode", "choice"),
        ("demand.intraday_profile", "[" + ", ".join(["0"] * 16 + ["1"] * 24 + ["0"] * 8) + "]"),
        ("policies.hire_more", "null")]
    assert "hire_more" not in scenario.policies


def test_lists_and_dicts_become_yaml_flow_collections_with_quoted_strings():
    scenario = txsim.load(DEFAULT_SCENARIO, overrides={
        "contact_types.billing.handle_time": {"distribution": "gamma", "mean_s": 250, "cv": 0.5},
        "customers.channels.segments": {"all": {"share": 1, "digital_preference": 0.5}}})
    assert scenario.overrides[0] == ("contact_types.billing.handle_time",
                                     '{"distribution": "gamma", "mean_s": 250, "cv": 0.5}')
    # A string at the top level is YAML text, exactly as after `--set key=`.
    assert txsim.load(DEFAULT_SCENARIO, overrides={"contact_types.billing.handle_time": "{mean_s: 250}"})
    with pytest.raises(txsim.ConfigError, match="expected a string, found a map"):
        txsim.load(DEFAULT_SCENARIO, overrides={"description": "a: b"})


def test_set_changes_a_value_through_the_loader_and_keeps_the_scenario_on_error():
    scenario = txsim.load(DEFAULT_SCENARIO)
    scenario.set("name", "renamed")
    scenario.set("horizon.days", 28)
    assert scenario.name == "renamed"
    with pytest.raises(txsim.ConfigError) as error:
        scenario.set("queue.capacity", -3)
    (diagnostic,) = error.value.diagnostics
    assert (diagnostic.file, diagnostic.key_path) == ("--set queue.capacity=-3", "queue.capacity")
    assert diagnostic.message.endswith("found -3")
    assert scenario.name == "renamed"
    assert scenario.overrides == [("name", "renamed"), ("horizon.days", "28")]


def test_every_problem_is_located_as_the_cli_reports_it(tmp_path, cli):
    path = tmp_path / "bad.yaml"
    path.write_text(BAD_SCENARIO)
    with pytest.raises(txsim.ConfigError) as error:
        txsim.load(path)
    located = [(d.line, d.column, d.key_path) for d in error.value.diagnostics]
    assert located == [(4, 1, "contact_types"), (6, 12, "contact_types.general.share"),
                       (7, 5, "contact_types.general.handle_tme")]
    assert all(d.file == str(path) for d in error.value.diagnostics)
    assert 'did you mean "handle_time"' in error.value.diagnostics[2].message

    cli_run = subprocess.run([cli, "validate", str(path)], capture_output=True, text=True)
    assert cli_run.returncode == 2
    assert [str(d) for d in error.value.diagnostics] == cli_run.stderr.splitlines()[:-1]


def test_config_errors_are_value_errors_and_name_an_unreadable_file(tmp_path):
    missing = tmp_path / "missing.yaml"
    with pytest.raises(ValueError) as error:
        txsim.load(missing)
    assert isinstance(error.value, txsim.ConfigError)
    (diagnostic,) = error.value.diagnostics
    assert diagnostic.file == str(missing) and diagnostic.line == 0
    assert "cannot read the scenario file" in diagnostic.message


def test_scenario_text_loads_under_its_label():
    with pytest.raises(txsim.ConfigError) as error:
        txsim.loads(BAD_SCENARIO, label="inline.yaml")
    assert {d.file for d in error.value.diagnostics} == {"inline.yaml"}
    fixed = BAD_SCENARIO.replace("1.5", "1").replace("handle_tme", "handle_time")
    assert txsim.loads(fixed).agent_groups == ["frontline"]


def test_an_override_value_of_an_unknown_type_is_refused_before_loading():
    with pytest.raises(TypeError, match="override value"):
        txsim.load(DEFAULT_SCENARIO, overrides={"horizon.days": object()})


def test_values_are_read_by_key_path_with_every_default_filled_in():
    scenario = txsim.load(DEFAULT_SCENARIO, overrides={"horizon.days": 14})
    assert scenario.get("horizon.days") == 14
    assert scenario.get("contact_types.billing.handle_time") == {"distribution": "lognormal", "mean_s": 300, "cv": 0.9}
    assert scenario.get("policies.unified.levers.root_cause_fix") == 0.5
    assert scenario.get("queue.capacity") == 150
    assert txsim.load(ROOT / "scenarios" / "validation" / "erlang_c_medium.yaml").get("workforce") is None
    with pytest.raises(txsim.ConfigError, match="horizon.dayz"):
        scenario.get("horizon.dayz")


def test_the_resolved_scenario_loads_back_to_the_same_content(cli):
    scenario = txsim.load(DEFAULT_SCENARIO, overrides={"horizon.days": 14})
    printed = subprocess.run([cli, "validate", str(DEFAULT_SCENARIO), "--set", "horizon.days=14", "--print"],
                             capture_output=True, text=True, check=True).stdout
    assert scenario.to_yaml() == printed
    again = txsim.loads(scenario.to_yaml(), label="resolved.yaml")
    assert again.content_hash == scenario.content_hash
    assert len(scenario.content_hash) == 64
    scenario.set("horizon.days", 15)
    assert scenario.content_hash != again.content_hash


def test_warnings_are_located_and_do_not_stop_loading(cli):
    path = ROOT / "scenarios" / "validation" / "erlang_a_medium.yaml"
    scenario = txsim.load(path)
    (warning,) = scenario.warnings
    assert warning.warning and warning.key_path == "agents.groups" and warning.line > 0
    assert "rho > 1" in warning.message
    cli_run = subprocess.run([cli, "validate", str(path)], capture_output=True, text=True, check=True)
    assert cli_run.stderr.splitlines() == [str(warning)]
    assert txsim.load(DEFAULT_SCENARIO).warnings == []


def test_the_parameter_reference_lists_every_key_with_unit_range_and_source():
    reference = txsim.parameter_reference()
    assert reference.loc["horizon.days", "unit"] == "days"
    assert reference.loc["contact_types.<name>.share", "range"] == "[0, 1]"
    assert reference["grade"].notna().all()
    assert set(reference.columns) == {"unit", "default", "range", "meaning", "source", "grade", "container"}
