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
import pathlib as _pathlib
import sqlite3 as _sqlite3
import tempfile as _tempfile
from contextlib import closing as _closing
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
    "StaffingStore",
    "SweepStore",
    "UncertaintyResult",
    "StaffResult",
    "HiringPlanResult",
    "CalibrationResult",
    "load",
    "loads",
    "run",
    "compare",
    "sweep",
    "open_store",
    "merge_stores",
    "uncertainty",
    "staff",
    "hiring_plan",
    "calibrate",
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


class _Tables:
    """A native result and the tables read from it, each made once, on first use."""

    def __init__(self, native):
        self._native = native
        self._cache = {}

    def _memo(self, key, make):
        if key not in self._cache:
            self._cache[key] = make()
        return self._cache[key]

    def _csv(self, key: str, text) -> _pd.DataFrame:
        """The CSV table `text()` returns, read once."""
        return self._memo(key, lambda: _read_csv(text()))

    @property
    def events(self) -> int:
        return self._native.events

    @property
    def wall_s(self) -> float:
        return self._native.wall_s


class RunResult(_Tables):
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

    @property
    def has_workforce(self) -> bool:
        return self._native.has_workforce

    @property
    def json(self) -> dict:
        """summary.json (`txsim run --format json`) as a dict; NaN as None."""
        return self._memo("json", lambda: _json.loads(self._native.summary_json()))

    @property
    def summary(self) -> _pd.DataFrame:
        return self._csv("summary", self._native.summary_csv)

    @property
    def replications(self) -> _pd.DataFrame:
        return self._csv("replications", self._native.replications_csv)

    @property
    def agents(self) -> _pd.DataFrame:
        return self._csv("agents", self._native.agents_csv)

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


class ComparisonResult(_Tables):
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

    @property
    def json(self) -> dict:
        """comparison.json (`txsim compare --format json`) as a dict; NaN as None."""
        return self._memo("json", lambda: _json.loads(self._native.comparison_json()))

    @property
    def summary(self) -> _pd.DataFrame:
        return self._csv("summary", self._native.comparison_summary_csv)

    @property
    def replications(self) -> _pd.DataFrame:
        return self._csv("replications", self._native.comparison_csv)

    @property
    def policies(self) -> _pd.DataFrame:
        return _pd.DataFrame(
            [(p["name"], p["description"], p["levers"]) for p in self.json["policies"]],
            columns=["policy", "description", "levers"],
        ).set_index("policy")

    def _family(self, prefix: str, units: bool = False) -> _pd.DataFrame:
        rows = self.summary[self.summary["metric"].str.startswith(prefix)]
        if units:
            rows = _with_units(rows, "metric")
        return rows.assign(metric=rows["metric"].str.slice(len(prefix))).reset_index(drop=True)

    @property
    def scores(self) -> _pd.DataFrame:
        return self._family("score.")

    @property
    def business_case(self) -> _pd.DataFrame:
        return self._family("business_case.", units=True)

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
        detail: str = "day", policy: str | None = None, trace: PathLike | None = None, progress=None) -> RunResult:
    """Simulates the scenario `replications` times, as `txsim run`: same seed, same numbers.

    threads: worker threads, 0 = one per core; results do not depend on it.
    detail: periods kept, "total", "day" (days, weeks, months) or "interval" (also half hours).
    policy: simulate this policy's variant of the scenario instead (`txsim run --policy`).
    trace: also write the first replication's contacts to this CSV file, as a call log that
    calibrate() reads (`txsim run --trace`).
    progress: called as progress(runs_done, runs_total) from the calling thread, at most ten
    times a second and once at the end; an exception it raises stops the run.
    """
    return RunResult(_txsim.run(_scenario(scenario), seed, replications, threads, detail, policy or "",
                                _os.fspath(trace) if trace is not None else "", progress))


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


# ---- sweeps and their result stores ----------------------------------------------------------


def _shard(shard) -> tuple[int, int]:
    """(i, N) from "i/N" or a pair; (0, 1) for None."""
    if shard is None:
        return 0, 1
    if isinstance(shard, str):
        index, slash, count = shard.partition("/")
        if not (slash and index.strip().isdigit() and count.strip().isdigit()):
            raise ValueError(f'shard: expected "i/N" with 0 <= i < N, found "{shard}"')
        return int(index), int(count)
    index, count = shard
    return int(index), int(count)


def sweep(sweep_file: PathLike, *, store: PathLike | None = None, threads: int = 0, shard=None, fresh: bool = False,
          directory: PathLike = ".", progress=None) -> "SweepStore":
    """Runs a sweep file into its result store, as `txsim sweep`, and returns the store opened.

    sweep_file: a sweep file's path, or the sweep's YAML text (a string holding a line break),
    whose relative `scenario:` path then resolves against `directory`.
    store: the SQLite file (`--db`); default <sweep name>-sweep/results.db, as the CLI.
    threads: worker threads, 0 = one per core; the store does not depend on it.
    shard: "i/N" (or (i, N)) runs only the points p with p % N == i (`--shard`).
    fresh: delete an existing store first instead of resuming it.
    progress: called as progress(points_done, points_total) from the calling thread.

    Points finished by an earlier call (or by `txsim sweep`) are kept and skipped: a sweep
    stopped by Ctrl-C (KeyboardInterrupt, within a second) resumes where it stopped when called
    again. A store of another study is refused (ValueError naming the difference) unless fresh.
    Bad sweep files raise ConfigError, located in the sweep file.
    """
    index, count = _shard(shard)
    is_text = isinstance(sweep_file, str) and "\n" in sweep_file
    label = "<sweep text>" if is_text else _os.fspath(sweep_file)
    store_path = _os.fspath(store) if store is not None else ""
    call = (f"txsim.sweep({label!r}, store={store_path or None!r}, threads={threads}, "
            f"shard={None if count == 1 else f'{index}/{count}'!r}, fresh={fresh})")
    outcome = _txsim.sweep(label, sweep_file if is_text else None, _os.fspath(directory), store_path, threads, index,
                           count, fresh, call, progress)
    result = open_store(outcome.store)
    result.outcome = {"total": outcome.total, "skipped": outcome.skipped, "evaluated": outcome.evaluated,
                      "invalid": outcome.invalid}
    return result


def merge_stores(out: PathLike, inputs) -> "SweepStore":
    """Joins the stores of a sweep's shards (`sweep(..., shard="i/N")`, `txsim sweep --shard`)
    into the new store `out`, as `txsim results merge OUT IN...`, and returns it opened. The
    merged store holds what one unsharded run stores. Raises ValueError when `out` exists or the
    inputs are not shards of one study."""
    paths = [_os.fspath(p) for p in inputs]
    call = f"txsim.merge_stores({_os.fspath(out)!r}, {paths!r})"
    _txsim.merge_stores(_os.fspath(out), paths, call)
    return open_store(out)


def open_store(path: PathLike) -> "SweepStore | StaffingStore":
    """Opens a result store (read-only) whose tables are DataFrames: a SweepStore for the store
    of a sweep or uncertainty study, a StaffingStore for that of `txsim staff --store`. Raises
    ValueError when the file is not a txsim store of this schema version."""
    try:
        staffing = _txsim.is_staffing_store(_os.fspath(path))
    except RuntimeError as error:
        raise ValueError(str(error)) from None
    return StaffingStore(path) if staffing else SweepStore(path)


class SweepStore:
    """A sweep's result store (README "Result store tables"), its tables as DataFrames.

    Tables, as stored:
      study, factors, points, point_values, replication_values, summaries, verdicts, sessions
    and views:
      info           the study's one row as a Series (name, mode, design, seed, replications, ...)
      values         one row per stored point: status, then one column per factor (its number,
                     or its text for cases and non-numeric values; NaN at the base value)
      tidy(kpis)     one row per point x policy x KPI of the valid points, with the factor
                     values: the rows of `txsim results DB --format csv`
    `outcome` (after sweep()) counts the points: total, skipped, evaluated, invalid.
    """

    # Each table and the key its rows are read in.
    _TABLES = {"study": "", "factors": "factor", "points": "point", "point_values": "point, factor",
               "replication_values": "point, variant, metric_index, replication",
               "summaries": "point, variant, metric_index", "verdicts": "point, variant", "sessions": "session"}

    def __init__(self, path: PathLike):
        self.path = _os.fspath(path)
        try:
            self._point_count, self._stored, self._invalid = _txsim.store_summary(self.path)
        except RuntimeError as error:
            raise ValueError(str(error)) from None
        self.outcome = None
        self._cache = {}

    def _query(self, sql: str) -> _pd.DataFrame:
        uri = _pathlib.Path(self.path).resolve().as_uri() + "?mode=ro"
        with _closing(_sqlite3.connect(uri, uri=True)) as connection:
            return _pd.read_sql_query(sql, connection)

    def _table(self, name: str) -> _pd.DataFrame:
        if name not in self._cache:
            order = SweepStore._TABLES[name]
            self._cache[name] = self._query(f"SELECT * FROM {name}" + (f" ORDER BY {order}" if order else ""))
        return self._cache[name]

    @property
    def info(self) -> _pd.Series:
        return self._table("study").iloc[0]

    @property
    def mode(self) -> str:
        return self.info["mode"]

    @property
    def factor_names(self) -> list[str]:
        return list(self._table("factors")["name"])

    @property
    def values(self) -> _pd.DataFrame:
        points = self._table("points").set_index("point")[["status"]]
        values = self._table("point_values")
        names = self.factor_names
        for k, name in enumerate(names):
            rows = values[values["factor"] == k].set_index("point")
            numeric = rows["number"].notna().all()
            points[name] = (rows["number"] if numeric else rows["value"]).reindex(points.index)
        return points

    def tidy(self, kpis: list[str] | str | None = None) -> _pd.DataFrame:
        kpis = [kpis] if isinstance(kpis, str) else list(kpis or [])
        rows = _pd.DataFrame(_txsim.store_tidy_columns(self.path, kpis))
        factors = self.values.drop(columns="status")
        table = rows[["point"]].join(factors, on="point")
        compare = self.mode == "compare"
        rest = ["policy", "kpi", "mean", "ci_lo", "ci_hi", "n"]
        if compare:
            rest += ["diff_mean", "diff_lo", "diff_hi", "diff_n", "verdict"]
        return _pd.concat([table, rows[rest]], axis=1)

    @property
    def points_stored(self) -> int:
        return self._stored

    @property
    def points_invalid(self) -> int:
        return self._invalid

    @property
    def point_count(self) -> int:
        return self._point_count

    def canonical_dump(self) -> str:
        """Every table but `sessions` and the command line, as text: two stores with equal dumps
        hold the same results."""
        return _txsim.store_canonical_dump(self.path)

    def __repr__(self) -> str:
        return (f"<txsim.SweepStore {self.path!r}: {self._stored} of {self._point_count} points stored, "
                f"{self._invalid} invalid>")


for _name in SweepStore._TABLES:
    setattr(SweepStore, _name, property(lambda self, name=_name: self._table(name), doc=f"the store's `{_name}` table"))


class StaffingStore:
    """The result store of `txsim staff --store` (README "Staffing result store"), read whole.

      tables          every table the analysis fills, name -> DataFrame, in the store's order:
                      study, then staffing_summary, staffing_intervals, staffing_checks (and
                      shift_counts, shift_coverage with --shifts), or hiring_summary,
                      hiring_plans, hiring_plan_shifts, hiring_months, hiring_failures,
                      hiring_seats_tried (--hiring-plan); sessions last
      <table name>    each of those tables as an attribute, e.g. store.staffing_intervals
      info            the study's one row as a Series (analysis, scenario, targets, per, seed, ...)
      analysis        "staff", "staff --shifts" or "staff --hiring-plan"
    Undefined values (a KPI of an interval without contacts) are NaN.
    """

    def __init__(self, path: PathLike):
        self.path = _os.fspath(path)
        try:
            native = _txsim.staffing_store_tables(self.path)
        except RuntimeError as error:
            raise ValueError(str(error)) from None
        self.tables = {name: _pd.DataFrame(rows, columns=columns) for name, columns, rows in native}

    def __getattr__(self, name: str) -> _pd.DataFrame:
        tables = self.__dict__.get("tables", {})
        if name in tables:
            return tables[name]
        raise AttributeError(f"{type(self).__name__} has no table {name!r} (it has {', '.join(tables)})")

    def __dir__(self):
        return list(super().__dir__()) + list(self.tables)

    @property
    def info(self) -> _pd.Series:
        return self.tables["study"].iloc[0]

    @property
    def analysis(self) -> str:
        return self.info["analysis"]

    def __repr__(self) -> str:
        return (f"<txsim.StaffingStore {self.path!r}: {self.analysis} of {self.info['scenario_name']!r}, "
                f"tables {', '.join(self.tables)}>")


class UncertaintyResult:
    """How sure one can be of each policy's verdict over the priors (`txsim uncertainty`).

      verdicts        policy, basis, verdict, probability, lo, hi (95% Wilson), count, draws:
                      verdict_probabilities.csv
      differences     per policy and metric (cx, ex, cost, tx, npv): mean, p05, p95, variance
                      across draws and its simulation-noise part: differences.csv
      sobol           first-order and total Sobol indices per policy, metric and parameter, with
                      bootstrap intervals: sobol.csv
      tornado         each parameter at its prior's 5th and 95th percentile: tornado.csv
      json            uncertainty.json as a dict; table the terminal summary
      store           the result store (a SweepStore), which also holds these tables
      outcome         points total, skipped, evaluated and invalid; warnings: located warnings
    A shard's run (shard="i/N") has a store and an outcome but no analysis (ValueError).
    """

    def __init__(self, native):
        self._native = native
        self._cache = {}
        self.store = open_store(native.run.store)
        self.outcome = {"total": native.run.total, "skipped": native.run.skipped, "evaluated": native.run.evaluated,
                        "invalid": native.run.invalid}
        self.warnings = list(native.warnings)

    def _csv(self, key: str, text) -> _pd.DataFrame:
        if key not in self._cache:
            self._cache[key] = _pd.read_csv(_io.StringIO(text()), float_precision="round_trip",
                                            keep_default_na=False, na_values=[""])
        return self._cache[key]

    verdicts = property(lambda self: self._csv("verdicts", self._native.verdict_probabilities_csv))
    differences = property(lambda self: self._csv("differences", self._native.differences_csv))
    sobol = property(lambda self: self._csv("sobol", self._native.sobol_csv))
    tornado = property(lambda self: self._csv("tornado", self._native.tornado_csv))
    json = property(lambda self: _json.loads(self._native.json()))
    table = property(lambda self: self._native.table())

    def __repr__(self) -> str:
        state = "analysed" if self._native.analysed else "a shard, not analysed"
        return f"<txsim.UncertaintyResult {self.store.path!r}: {self.store.points_stored} points, {state}>"


def uncertainty(study: PathLike, priors: PathLike, *, samples: int = 64, replications: int = 2, seed: int = 1,
                overrides: Mapping[str, object] | None = None, store: PathLike | None = None,
                out: PathLike | None = None, force: bool = False, threads: int = 0, shard=None, fresh: bool = False,
                resamples: int = 1000, progress=None) -> UncertaintyResult:
    """Verdict probabilities, differences, Sobol indices and a tornado of a study over a priors
    file, as `txsim uncertainty`: a resumable compare sweep over draws from the priors, then its
    analysis (docs/SENSITIVITY.md).

    samples: base rows N of the design (N (parameters + 2) points, plus the tornado's).
    replications: per point. overrides: {key.path: value}, as `--set`.
    store: the SQLite file (default <out>/uncertainty.db, or <study stem>-uncertainty/uncertainty.db).
    out: also write uncertainty.json and the four CSV files there (`--out`); force replaces an
    earlier run's files. threads, shard, fresh and progress as in sweep(): a stopped run keeps its
    points and resumes when called again. resamples: bootstrap resamples of the Sobol intervals.
    Bad study or priors files raise ConfigError, located in the file concerned.
    """
    index, count = _shard(shard)
    call = (f"txsim.uncertainty({_os.fspath(study)!r}, {_os.fspath(priors)!r}, samples={samples}, "
            f"replications={replications}, seed={seed}, shard={None if count == 1 else f'{index}/{count}'!r})")
    native = _txsim.uncertainty(_os.fspath(study), _os.fspath(priors), _overrides(overrides), samples, replications,
                                seed, _os.fspath(store) if store is not None else "",
                                _os.fspath(out) if out is not None else "", force, threads, index, count, fresh,
                                resamples, call, progress)
    return UncertaintyResult(native)


# ---- staffing --------------------------------------------------------------------------------


class StaffResult:
    """A staffing plan (`txsim staff`): the fewest agents per interval of the day meeting every target.

      intervals       interval, start, erlang_agents, agents, difference (the rows of
                      `--format csv`); with shifts also covered and over_coverage (agents)
      group, evaluations, agent_hours_per_day, erlang_agent_hours_per_day
      shifts          pattern, agents: the shift counts covering the plan at least paid hours
                      (shifts=True); paid_hours_per_day their paid hours
      scenario        the staffed scenario (a Scenario): the plan as a headcount per interval, or
                      with shifts the shift schedule; yaml its text, as `--out` writes it
      simulation      the RunResult of the plan's simulation (interval detail); kpis its KPIs
      store           with store=..., the StaffingStore written (else None)
    """

    def __init__(self, native, store_path: str = ""):
        self._native = native
        self.scenario = native.staffed
        self.simulation = RunResult(native.simulation())
        self.store = open_store(store_path) if store_path else None

    group = property(lambda self: self._native.group)
    evaluations = property(lambda self: self._native.evaluations)
    agent_hours_per_day = property(lambda self: self._native.agent_hours_per_day)
    erlang_agent_hours_per_day = property(lambda self: self._native.erlang_agent_hours_per_day)
    yaml = property(lambda self: self._native.staffed_yaml)
    kpis = property(lambda self: self.simulation.kpis)

    @property
    def intervals(self) -> _pd.DataFrame:
        native = self._native
        minutes = [round(i * native.interval_minutes) for i in range(len(native.agents))]
        table = _pd.DataFrame({
            "interval": range(len(native.agents)),
            "start": [f"{m // 60:02}:{m % 60:02}" for m in minutes],
            "erlang_agents": native.erlang_agents,
            "agents": native.agents,
        })
        table["difference"] = table["agents"] - table["erlang_agents"]
        if native.patterns:
            table["covered"] = native.covered
            table["over_coverage"] = native.over_coverage
        return table

    @property
    def shifts(self) -> _pd.DataFrame:
        return _pd.DataFrame({"pattern": self._native.patterns, "agents": self._native.agents_per_pattern})

    @property
    def paid_hours_per_day(self) -> float:
        return self._native.paid_hours

    def __repr__(self) -> str:
        return (f"<txsim.StaffResult {self._native.scenario_name!r} group {self.group!r}: "
                f"{self.agent_hours_per_day:.1f} agent-hours per day (Erlang {self.erlang_agent_hours_per_day:.1f})>")


def staff(scenario: Scenario | PathLike, targets, *, per: str = "horizon", confidence: float = 0.95, seed: int = 1,
          replications: int = 10, threads: int = 0, max_agents: int = 1000, shifts: bool = False,
          store: PathLike | None = None) -> StaffResult:
    """The fewest agents per interval meeting every target, as `txsim staff`: the Erlang
    requirement refined by simulation with common random numbers.

    targets: "service_level>=0.8", "abandon_rate<=0.05", or a list of them.
    per: where every target must hold: "interval" (each interval of the day), "day" or "horizon".
    confidence: one-sided confidence of each target test. max_agents: the search's cap per interval.
    shifts: also the shift counts over the scenario's shift patterns that cover the plan.
    store: also write the whole result into this staffing store (`--store`), then opened as the
    result's `store`; a store of another study is refused (ValueError) before the search.
    The scenario needs one agent group and no employee dynamics (ValueError otherwise). The
    search releases the GIL; Ctrl-C is seen when it has finished.
    """
    targets = [targets] if isinstance(targets, str) else list(targets)
    store_path = _os.fspath(store) if store is not None else ""
    call = (f"txsim.staff({targets!r}, per={per!r}, confidence={confidence}, seed={seed}, "
            f"replications={replications}, max_agents={max_agents}, shifts={shifts}, store={store_path!r})")
    native = _txsim.staff(_scenario(scenario), targets, per, confidence, seed, replications, threads, max_agents, shifts,
                          store_path, call)
    return StaffResult(native, store_path)


class HiringPlanResult:
    """A hiring plan (`txsim staff --hiring-plan`): the seats that keep every target in every
    30-day month at least workforce cost, against the conventional Erlang plan with fixed
    shrinkage and attrition.

      plans           one row per plan (conventional, optimised): seats, total cost with its 95%
                      CI, service level, abandon rate, attrition, hires, months failing
      months          plan, seats, month, days, service_level, abandon_rate, annualised_attrition,
                      quits, hires, employed, on_phones, absence_rate, cost, meets_targets (the
                      rows of `--format csv`)
      shifts          the scenario's shifts with the agents each plan puts on them
      cost_difference optimised - conventional total cost, paired: (mean, ci95_lo, ci95_hi)
      planner         the conventional planner's shrinkage, attrition, pipeline share, hires a month
      failures        {plan: [each month and target that fails]}
      scenario        the planned scenario (optimised shift counts); yaml its text, as `--out` writes it
      simulation      the RunResult of the optimised plan
      store           with store=..., the StaffingStore written (else None)
    """

    def __init__(self, native, store_path: str = ""):
        self._native = native
        self.scenario = native.planned
        self.simulation = RunResult(native.simulation())
        self.store = open_store(store_path) if store_path else None
        self._outcomes = {"conventional": native.conventional, "optimised": native.optimised}

    group = property(lambda self: self._native.group)
    planner = property(lambda self: dict(self._native.planner))
    evaluations = property(lambda self: self._native.evaluations)
    seats_tried = property(lambda self: list(self._native.seats_tried))
    cost_difference = property(lambda self: tuple(self._native.cost_difference))
    currency = property(lambda self: self._native.currency)
    yaml = property(lambda self: self._native.planned_yaml)

    @property
    def failures(self) -> dict:
        return {name: list(outcome.failures) for name, outcome in self._outcomes.items()}

    @property
    def plans(self) -> _pd.DataFrame:
        rows = []
        for name, outcome in self._outcomes.items():
            cost, cost_lo, cost_hi = outcome.total_cost
            rows.append({"plan": name, "seats": outcome.seats, "total_cost": cost, "total_cost_ci95_lo": cost_lo,
                         "total_cost_ci95_hi": cost_hi, "service_level": outcome.service_level,
                         "abandon_rate": outcome.abandon_rate, "annualised_attrition": outcome.annualised_attrition,
                         "hires": outcome.hires, "months_failing": sum(not m[-1] for m in outcome.months)})
        return _pd.DataFrame(rows).set_index("plan")

    @property
    def months(self) -> _pd.DataFrame:
        columns = ["month", "days", "service_level", "abandon_rate", "annualised_attrition", "quits", "hires",
                   "employed", "on_phones", "absence_rate", "cost", "meets_targets"]
        frames = [_pd.DataFrame(outcome.months, columns=columns).assign(plan=name, seats=outcome.seats)
                  for name, outcome in self._outcomes.items()]
        return _pd.concat(frames, ignore_index=True)[["plan", "seats", *columns]]

    @property
    def shifts(self) -> _pd.DataFrame:
        return _pd.DataFrame({"shift": self._native.shift_labels,
                              "conventional": self._outcomes["conventional"].shift_counts,
                              "optimised": self._outcomes["optimised"].shift_counts})

    def __repr__(self) -> str:
        seats = {name: outcome.seats for name, outcome in self._outcomes.items()}
        return (f"<txsim.HiringPlanResult group {self.group!r}: {seats['optimised']} seats optimised, "
                f"{seats['conventional']} conventional>")


def hiring_plan(scenario: Scenario | PathLike, targets, *, confidence: float = 0.95, seed: int = 1,
                replications: int = 4, threads: int = 0, max_seats: int = 2000, planner_shrinkage: float | None = None,
                planner_attrition: float | None = None, store: PathLike | None = None) -> HiringPlanResult:
    """The seats (authorised headcount, the scenario's shifts scaled) that meet every target in
    every 30-day month at least workforce cost, as `txsim staff --hiring-plan`.

    The scenario needs employee dynamics, hiring, and one agent group on shifts (ValueError
    otherwise). targets as in staff(). planner_shrinkage, planner_attrition: the conventional
    planner's fixed rates (default: the scenario's absence probability and attrition rate).
    store: also write the whole result into this staffing store, as in staff().
    The search releases the GIL; Ctrl-C is seen when it has finished.
    """
    targets = [targets] if isinstance(targets, str) else list(targets)
    store_path = _os.fspath(store) if store is not None else ""
    call = (f"txsim.hiring_plan({targets!r}, confidence={confidence}, seed={seed}, replications={replications}, "
            f"max_seats={max_seats}, planner_shrinkage={planner_shrinkage}, planner_attrition={planner_attrition}, "
            f"store={store_path!r})")
    return HiringPlanResult(_txsim.hiring_plan(_scenario(scenario), targets, confidence, seed, replications, threads,
                                               max_seats, planner_shrinkage, planner_attrition, store_path, call),
                            store_path)


# ---- calibration -----------------------------------------------------------------------------

# The report's tables (docs/CALIBRATION.md, "The report"), by attribute.
_CALIBRATION_TABLES = ("arrivals", "days", "bursts", "handle_time", "patience", "kaplan_meier", "staffing", "problems")


class CalibrationResult:
    """A scenario fitted to a call log (`txsim calibrate`), with the calibration report.

      scenario        the fitted scenario (a Scenario); yaml its commented text, as `--out` writes it
      json            summary.json as a dict: every estimate with its interval and n, notes
      arrivals, days, bursts, handle_time, patience, kaplan_meier, staffing, problems
                      the report's CSV tables (`--report DIR`), value for value
      redials         share of identified abandoners who call again within the window and
                      their mean delay, each with value, lo95, hi95, n (empty without caller ids)
      handle_times    the positive talk times behind each type's fit (type, service_s)
      patience_curves(times_s)   each fitted patience model's survival S(t) at those times
      notes           what the log cannot say
    """

    def __init__(self, native, tables: dict, label: str):
        self._native = native
        self._tables = tables
        self.scenario = loads(native.yaml, label=label)
        self.json = _json.loads(native.summary_json())

    yaml = property(lambda self: self._native.yaml)
    notes = property(lambda self: list(self.json["notes"]))

    @property
    def redials(self) -> _pd.DataFrame:
        fit = self.json.get("redials")
        columns = ["value", "lo95", "hi95", "n"]
        if not fit:
            return _pd.DataFrame(columns=columns, index=_pd.Index([], name="estimate"))
        rows = {name: fit[name] for name in ("share", "mean_delay_s")}
        return _pd.DataFrame.from_dict(rows, orient="index", columns=columns).rename_axis("estimate")

    @property
    def handle_times(self) -> _pd.DataFrame:
        return _pd.DataFrame(self._native.handle_times())

    def patience_curves(self, times_s) -> _pd.DataFrame:
        return _pd.DataFrame(self._native.patience_curves([float(t) for t in _np.ravel(times_s)]))

    def __repr__(self) -> str:
        contacts = self.json["contacts"]["all"]
        return f"<txsim.CalibrationResult {self.json['file']!r}: {contacts} contacts over {self.json['days']} days>"


for _name in _CALIBRATION_TABLES:
    setattr(CalibrationResult, _name,
            property(lambda self, name=_name: self._tables[name], doc=f"the report's {_name}.csv"))


def calibrate(log: PathLike, *, columns: Mapping[str, str] | None = None, interval_minutes: float = 60,
              clock_tolerance_s: float = 600, redial_window_s: float = 3600, handle_time: str = "lognormal",
              name: str = "calibrated", report: PathLike | None = None) -> CalibrationResult:
    """Fits a scenario to a per-contact call log (CSV), as `txsim calibrate` (docs/CALIBRATION.md).

    columns: {field: column} for logs whose headers differ from the default names (`--columns`).
    interval_minutes: 15, 30 or 60. handle_time: "lognormal" or "empirical".
    report: also keep the report's files in this directory (`--report`).
    A log that cannot be used raises ConfigError whose diagnostics give file, line, column and
    field of each problem; recoverable row problems are in `problems`.
    """
    native = _txsim.calibrate(_os.fspath(log), dict(columns or {}), float(interval_minutes), float(clock_tolerance_s),
                              float(redial_window_s), handle_time, name)

    def read(directory):
        native.write_report(_os.fspath(directory))
        return {table: _read_report_csv(_os.path.join(directory, table + ".csv")) for table in _CALIBRATION_TABLES}

    if report is not None:
        tables = read(report)
    else:
        with _tempfile.TemporaryDirectory(prefix="txsim-calibration-") as directory:
            tables = read(directory)
    return CalibrationResult(native, tables, f"{_os.fspath(log)} (calibrated)")


def _read_report_csv(path: str) -> _pd.DataFrame:
    # Names from the log (types, dates, flags) stay text; empty fields are missing values.
    return _pd.read_csv(path, keep_default_na=False, na_values=[""], float_precision="round_trip",
                        dtype={"type": str, "date": str, "flag": str, "weekday": str, "kind": str})
