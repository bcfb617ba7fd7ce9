"""txsim from Python: the CLI's operations on the same library code, with pandas tables.

    import txsim
    scenario = txsim.load("scenarios/default.yaml", overrides={"horizon.days": 28})
    result = txsim.run(scenario, seed=1, replications=10)
    result.kpis                      # KPI, mean, 95% CI, n, unit
    comparison = txsim.compare(scenario, replications=10)
    comparison.verdicts              # who gains and who pays, per policy

Every table has the columns and values of the file `txsim run --out` or `txsim compare --out`
writes under the same name (summary.csv, replications.csv, agents.csv, comparison.csv,
comparison_summary.csv), so that notebooks and scripts read one layout. Invalid scenarios raise
ConfigError, whose `diagnostics` locate every problem (file, line, column, key_path, message).
Simulations release the GIL and stop within a second on Ctrl-C (KeyboardInterrupt).
"""

from __future__ import annotations

import io as _io
import json as _json
import math as _math
import os as _os
from typing import Mapping, Union

import numpy as _np
import pandas as _pd
import yaml as _yaml

from . import _txsim
from ._txsim import ConfigError, Diagnostic, Scenario

__version__ = _txsim.__version__
for _public in (ConfigError, Diagnostic, Scenario):
    _public.__module__ = __name__

__all__ = [
    "ConfigError",
    "Diagnostic",
    "Scenario",
    "RunResult",
    "ComparisonResult",
    "load",
    "loads",
    "run",
    "compare",
    "metric_info",
    "parameter_reference",
    "erlang_b",
    "erlang_c",
    "erlang_a",
    "queue_metrics",
    "agents_for_service_level",
    "agents_for_abandon_rate",
]

PathLike = Union[str, "_os.PathLike[str]"]


def _yaml_value(value, nested: bool = False) -> str:
    """The YAML text of an override value. A string at the top level is YAML as typed after
    `--set key=` ("lognormal", "{mean_s: 200}"); inside lists and dicts strings are quoted."""
    if isinstance(value, str):
        return _json.dumps(value) if nested else value
    if value is None:
        return "null"
    if isinstance(value, (bool, _np.bool_)):
        return "true" if value else "false"
    if isinstance(value, (int, _np.integer)):
        return str(int(value))
    if isinstance(value, (float, _np.floating)):
        value = float(value)
        if _math.isnan(value):
            return ".nan"
        if _math.isinf(value):
            return ".inf" if value > 0 else "-.inf"
        return repr(value)
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(_yaml_value(v, True) for v in value) + "]"
    if isinstance(value, Mapping):
        return "{" + ", ".join(f"{_json.dumps(str(k))}: {_yaml_value(v, True)}" for k, v in value.items()) + "}"
    raise TypeError(f"override value {value!r}: expected a string, number, bool, None, list or dict")


def _overrides(overrides: Mapping[str, object] | None) -> list[tuple[str, str]]:
    return [(key, _yaml_value(value)) for key, value in (overrides or {}).items()]


def _get(self: Scenario, key_path: str):
    """The value at a key path of the scenario (as in scenario files: `horizon.days`,
    `contact_types.billing.handle_time`, `policies.unified.levers`), every default filled in:
    numbers, strings, booleans, lists and dicts; None for an unset optional value or a section
    that is off. Raises ConfigError for a path that names nothing."""
    return _yaml.safe_load(self._get_yaml(key_path))


def _set(self: Scenario, key_path: str, value) -> None:
    """Changes one value by key path, as `--set key.path=value`: the scenario is loaded again with
    this override added and checked as a whole. Raises ConfigError (and leaves the scenario as it
    was) on a bad value."""
    self._set_yaml(key_path, _yaml_value(value))


Scenario.get = _get
Scenario.set = _set


def load(path: PathLike, overrides: Mapping[str, object] | None = None) -> Scenario:
    """Reads a scenario file, with `overrides` ({key.path: value}) applied as `--set` would.

    Raises ConfigError listing every problem, located in the file (or at the override).
    Scenario.set(key_path, value) changes one more value later, with the same checks.
    """
    return _txsim.load(_os.fspath(path), _overrides(overrides))


def loads(text: str, label: str = "<string>", overrides: Mapping[str, object] | None = None) -> Scenario:
    """As load(), from scenario text; `label` names it in diagnostics."""
    return _txsim.loads(text, label, _overrides(overrides))


def _scenario(scenario: Scenario | PathLike) -> Scenario:
    return scenario if isinstance(scenario, Scenario) else load(scenario)


# Whole-number columns that are empty where they do not apply (a total has no day).
_OPTIONAL_INTEGERS = {"day": "Int64", "interval": "Int64", "exit_day": "Int64"}


def _read_csv(text: str) -> _pd.DataFrame:
    # round_trip: the writers print the shortest text that reads back to the same double.
    frame = _pd.read_csv(_io.StringIO(text), float_precision="round_trip", keep_default_na=False,
                         na_values=[""], dtype={"contact_type": str, "exit_cause": str})
    return frame.astype({k: v for k, v in _OPTIONAL_INTEGERS.items() if k in frame.columns})


def metric_info() -> _pd.DataFrame:
    """Every metric of the tables: family (customer, employee, score, business_case), unit and definition."""
    return _pd.DataFrame(_txsim.metric_info(), columns=["family", "metric", "unit", "definition"]).set_index("metric")


def parameter_reference() -> _pd.DataFrame:
    """Every parameter of the scenario schema (`txsim schema`, docs/MODEL.md): key path pattern,
    unit, default, range, meaning, source and evidence grade; `container` marks sections."""
    columns = ["key_path", "unit", "default", "range", "meaning", "source", "grade", "container"]
    return _pd.DataFrame(_txsim.parameter_reference(), columns=columns).set_index("key_path")


def _with_units(table: _pd.DataFrame, column: str) -> _pd.DataFrame:
    units = metric_info()["unit"]
    return table.assign(unit=table[column].map(units))


class RunResult:
    """The replications of one scenario (`txsim run`), or one policy's runs in a comparison.

    Tidy tables (one row per observation), as the files of `txsim run --out`:
      summary        summary.csv: scope, day, interval, contact_type, start_s, kpi, mean, ci95_lo, ci95_hi, n
      replications   replications.csv: the same per replication, with `value`
      agents         agents.csv: one row per agent and replication (employee dynamics only)
    and views of the summary:
      kpis           whole run, customer KPIs: mean, ci95_lo, ci95_hi, n, unit (index: kpi)
      employee_kpis  whole run, employee KPIs (empty without employee dynamics)
      contact_types, months, weeks, days, intervals   rows of that scope (intervals need detail="interval")
    means(scope) pivots a scope to one row per period and one column per KPI.
    """

    def __init__(self, native):
        self._native = native
        self._cache = {}

    def _memo(self, key, make):
        if key not in self._cache:
            self._cache[key] = make()
        return self._cache[key]

    @property
    def events(self) -> int:
        return self._native.events

    @property
    def wall_s(self) -> float:
        return self._native.wall_s

    @property
    def has_workforce(self) -> bool:
        return self._native.has_workforce

    @property
    def json(self) -> dict:
        """summary.json (`txsim run --format json`) as a dict; NaN as None."""
        return self._memo("json", lambda: _json.loads(self._native.summary_json()))

    @property
    def summary(self) -> _pd.DataFrame:
        return self._memo("summary", lambda: _read_csv(self._native.summary_csv()))

    @property
    def replications(self) -> _pd.DataFrame:
        return self._memo("replications", lambda: _read_csv(self._native.replications_csv()))

    @property
    def agents(self) -> _pd.DataFrame:
        return self._memo("agents", lambda: _read_csv(self._native.agents_csv()))

    def _whole_run(self, family: str) -> _pd.DataFrame:
        info = metric_info()
        names = info.index[info["family"] == family]
        rows = self.summary[(self.summary["scope"] == "total") & self.summary["kpi"].isin(names)]
        table = rows[["kpi", "mean", "ci95_lo", "ci95_hi", "n"]]
        return _with_units(table, "kpi").set_index("kpi")

    @property
    def kpis(self) -> _pd.DataFrame:
        return self._memo("kpis", lambda: self._whole_run("customer"))

    @property
    def employee_kpis(self) -> _pd.DataFrame:
        return self._memo("employee_kpis", lambda: self._whole_run("employee"))

    def scope(self, scope: str) -> _pd.DataFrame:
        """Summary rows of one scope: total, contact_type, month, week, day or interval."""
        return self.summary[self.summary["scope"] == scope].reset_index(drop=True)

    @property
    def contact_types(self) -> _pd.DataFrame:
        return self.scope("contact_type")

    @property
    def months(self) -> _pd.DataFrame:
        return self.scope("month")

    @property
    def weeks(self) -> _pd.DataFrame:
        return self.scope("week")

    @property
    def days(self) -> _pd.DataFrame:
        return self.scope("day")

    @property
    def intervals(self) -> _pd.DataFrame:
        return self.scope("interval")

    def means(self, scope: str, value: str = "mean") -> _pd.DataFrame:
        """One row per period of `scope` and one column per KPI, holding `value` (mean, ci95_lo, ci95_hi or n).

        Index: day for months, weeks and days (their first day), (day, interval) for intervals,
        contact_type for contact types.
        """
        index = {"contact_type": ["contact_type"], "interval": ["day", "interval"]}.get(scope, ["day"])
        rows = self.scope(scope)
        table = rows.pivot(index=index, columns="kpi", values=value)
        table.columns.name = None
        # Periods and KPIs in the order of the outputs (pivot sorts them).
        periods = rows[index].drop_duplicates()
        order = _pd.Index(periods[index[0]]) if len(index) == 1 else _pd.MultiIndex.from_frame(periods)
        return table.reindex(index=order, columns=list(dict.fromkeys(rows["kpi"])))

    def __repr__(self) -> str:
        return f"<txsim.RunResult {self.json['scenario']!r}: {self.json['replications']} replications, {self.events} events>"


class ComparisonResult:
    """The baseline and each policy of a scenario, run with common random numbers (`txsim compare`).

    Tidy tables, as the files of `txsim compare --out`:
      summary         comparison_summary.csv: policy, metric, mean, ci95_lo, ci95_hi, diff_mean, diff_ci95_lo, diff_ci95_hi, n
      replications    comparison.csv: policy, replication, metric, value
    and views:
      policies        name, description and levers of each policy (baseline first)
      scores          CX, EX, cost and TX indices per policy (summary rows, without the "score." prefix)
      differences     paired differences policy - baseline of every metric, with unit
      verdicts        policy, verdict (dominates, is_dominated, trade_off, no_difference), text
      business_case   cost items per policy, with unit
      npv             net present value of each policy's monthly savings against the baseline
      runs            {policy: RunResult}: its KPIs per day, week and month, employee side included
    """

    def __init__(self, native):
        self._native = native
        self._cache = {}

    def _memo(self, key, make):
        if key not in self._cache:
            self._cache[key] = make()
        return self._cache[key]

    @property
    def events(self) -> int:
        return self._native.events

    @property
    def wall_s(self) -> float:
        return self._native.wall_s

    @property
    def json(self) -> dict:
        """comparison.json (`txsim compare --format json`) as a dict; NaN as None."""
        return self._memo("json", lambda: _json.loads(self._native.comparison_json()))

    @property
    def summary(self) -> _pd.DataFrame:
        return self._memo("summary", lambda: _read_csv(self._native.comparison_summary_csv()))

    @property
    def replications(self) -> _pd.DataFrame:
        return self._memo("replications", lambda: _read_csv(self._native.comparison_csv()))

    @property
    def policies(self) -> _pd.DataFrame:
        return _pd.DataFrame(
            [(p["name"], p["description"], p["levers"]) for p in self.json["policies"]],
            columns=["policy", "description", "levers"],
        ).set_index("policy")

    def _family(self, prefix: str) -> _pd.DataFrame:
        rows = self.summary[self.summary["metric"].str.startswith(prefix)]
        return rows.assign(metric=rows["metric"].str.slice(len(prefix))).reset_index(drop=True)

    @property
    def scores(self) -> _pd.DataFrame:
        return self._family("score.")

    @property
    def business_case(self) -> _pd.DataFrame:
        rows = self.summary[self.summary["metric"].str.startswith("business_case.")]
        rows = _with_units(rows, "metric")
        return rows.assign(metric=rows["metric"].str.slice(len("business_case."))).reset_index(drop=True)

    @property
    def npv(self) -> _pd.DataFrame:
        rows = self.summary[self.summary["metric"] == "npv_vs_baseline"]
        return rows[["policy", "mean", "ci95_lo", "ci95_hi", "n"]].set_index("policy")

    @property
    def differences(self) -> _pd.DataFrame:
        summary = self.summary
        rows = summary[(summary["policy"] != self.variants[0]) & (summary["metric"] != "npv_vs_baseline")]
        rows = rows[["policy", "metric", "diff_mean", "diff_ci95_lo", "diff_ci95_hi", "n"]]
        return _with_units(rows, "metric").reset_index(drop=True)

    @property
    def verdicts(self) -> _pd.DataFrame:
        rows = [(p["name"], p["verdict"]["verdict"], p["verdict"]["text"]) for p in self.json["policies"] if p["verdict"]]
        return _pd.DataFrame(rows, columns=["policy", "verdict", "text"]).set_index("policy")

    @property
    def variants(self) -> list[str]:
        return list(self._native.variants)

    @property
    def runs(self) -> dict[str, RunResult]:
        return self._memo("runs", lambda: {name: RunResult(self._native.variant(i)) for i, name in enumerate(self.variants)})

    def __repr__(self) -> str:
        return f"<txsim.ComparisonResult {self.json['scenario']!r}: {', '.join(self.variants)}; {self.json['replications']} replications>"


def run(scenario: Scenario | PathLike, *, seed: int = 1, replications: int = 10, threads: int = 0,
        detail: str = "day", policy: str | None = None, progress=None) -> RunResult:
    """Simulates the scenario `replications` times, as `txsim run`: same seed, same numbers.

    threads: worker threads, 0 = one per core; results do not depend on it.
    detail: periods kept, "total", "day" (days, weeks, months) or "interval" (also half hours).
    policy: simulate this policy's variant of the scenario instead (`txsim run --policy`).
    progress: called as progress(runs_done, runs_total) from the calling thread, at most ten
    times a second and once at the end; an exception it raises stops the run.
    """
    return RunResult(_txsim.run(_scenario(scenario), seed, replications, threads, detail, policy or "", progress))


def compare(scenario: Scenario | PathLike, *, seed: int = 1, replications: int = 10, threads: int = 0,
            progress=None) -> ComparisonResult:
    """Runs the baseline and every policy of the scenario with common random numbers, as `txsim compare`.

    threads and progress as in run(); a comparison counts replications x (policies + 1) runs.
    """
    return ComparisonResult(_txsim.compare(_scenario(scenario), seed, replications, threads, progress))


def erlang_b(servers, offered_load_erlangs):
    """Erlang B blocking probability; numpy broadcasting over both arguments."""
    return _txsim.erlang_b(servers, offered_load_erlangs)


def erlang_c(servers, offered_load_erlangs):
    """Erlang C probability of waiting (1 when load >= servers); numpy broadcasting over both arguments."""
    return _txsim.erlang_c(servers, offered_load_erlangs)


def queue_metrics(agents, calls_per_hour, aht_s, patience_s=_math.inf, threshold_s=20.0, model="auto") -> _pd.DataFrame:
    """Exact steady-state metrics, as `txsim erlang`: one row per element of the broadcast arguments.

    model: "b" (no waiting room), "c" (infinite patience), "a" (exponential patience of mean
    patience_s) or "auto" (a when patience_s is finite, else c). Columns: the inputs, then
    offered_load_erlangs, prob_wait, prob_blocked, abandon_rate, service_level,
    service_level_excl_short_abandons, asa_s, mean_wait_s, mean_queue_length, occupancy.
    """
    agents, calls_per_hour, aht_s, patience_s, threshold_s = (
        _np.ravel(a) for a in _np.broadcast_arrays(agents, calls_per_hour, aht_s, patience_s, threshold_s))
    if not _np.array_equal(agents, _np.round(agents)):
        raise ValueError("agents: expected whole numbers")
    columns = _txsim.queue_metrics_columns(model, agents.astype(_np.intc), calls_per_hour, aht_s, patience_s, threshold_s)
    inputs = {"agents": agents.astype(int), "calls_per_hour": calls_per_hour.astype(float), "aht_s": aht_s.astype(float),
              "patience_s": patience_s.astype(float), "threshold_s": threshold_s.astype(float)}
    return _pd.DataFrame({**inputs, **columns})


def erlang_a(agents, calls_per_hour, aht_s, patience_s, threshold_s=20.0) -> _pd.DataFrame:
    """queue_metrics with model="a": customers abandon after an exponential patience of mean patience_s."""
    return queue_metrics(agents, calls_per_hour, aht_s, patience_s, threshold_s, model="a")


def agents_for_service_level(calls_per_hour, aht_s, target, threshold_s=20.0, patience_s=_math.inf, model="auto"):
    """Fewest agents whose service level is >= target (as `txsim erlang --target-sl`); broadcasts."""
    return _txsim.agents_for_service_level(calls_per_hour, aht_s, target, threshold_s, patience_s, model)


def agents_for_abandon_rate(calls_per_hour, aht_s, max_abandon_rate, patience_s=_math.inf, model="auto"):
    """Fewest agents whose lost fraction is <= max_abandon_rate (as `txsim erlang --max-abandon`); broadcasts."""
    return _txsim.agents_for_abandon_rate(calls_per_hour, aht_s, max_abandon_rate, patience_s, model)
