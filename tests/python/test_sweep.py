"""Sweeps from Python: the store `txsim sweep` writes, value for value; its tables as DataFrames;
located errors; the GIL released; Ctrl-C keeps the finished points and a second call resumes."""

import os
import signal
import subprocess
import sys
import textwrap
import threading
import time

import pandas as pd
import pytest

import txsim
from conftest import ROOT

SMOKE = ROOT / "scenarios" / "sweeps" / "smoke.yaml"


@pytest.fixture(scope="module")
def smoke_stores(cli, tmp_path_factory):
    """The smoke sweep run by the CLI and by Python into two stores."""
    folder = tmp_path_factory.mktemp("smoke")
    subprocess.run([cli, "sweep", str(SMOKE), "--db", str(folder / "cli.db"), "--quiet"], check=True,
                   capture_output=True)
    store = txsim.sweep(SMOKE, store=folder / "python.db", threads=2)
    return folder / "cli.db", store


def test_a_sweep_stores_what_txsim_sweep_stores(smoke_stores):
    cli_db, store = smoke_stores
    assert store.outcome == {"total": 4, "skipped": 0, "evaluated": 4, "invalid": 0}
    # Every table but the sessions and the command line, numbers at round-trip precision.
    assert store.canonical_dump() == txsim.open_store(cli_db).canonical_dump()


def test_tidy_rows_are_those_of_txsim_results_csv(smoke_stores, cli):
    cli_db, store = smoke_stores
    exported = subprocess.run([cli, "results", str(cli_db), "--format", "csv"], check=True, capture_output=True,
                              text=True).stdout
    expected = pd.read_csv(pd.io.common.StringIO(exported), float_precision="round_trip")
    pd.testing.assert_frame_equal(store.tidy(), expected, check_dtype=False, check_exact=True)
    only = store.tidy(["service_level", "abandon_rate"])
    assert set(only["kpi"]) == {"service_level", "abandon_rate"} and len(only) == 2 * 4


def test_store_tables_have_the_documented_columns(smoke_stores):
    _, store = smoke_stores
    assert list(store.study.columns) == [
        "name", "sweep_file", "sweep_text", "sweep_sha256", "scenario_file", "scenario_text", "scenario_sha256",
        "txsim_version", "command_line", "mode", "design", "seed", "replications", "point_count", "shard"]
    assert store.info["name"] == "smoke" and store.mode == "run" and store.info["point_count"] == 4
    assert list(store.factors.columns) == ["factor", "name", "paths", "base"]
    assert store.factor_names == ["early_shift_count", "billing_aht_s"]
    assert list(store.points.columns) == ["point", "status", "diagnostics", "saltelli_row", "saltelli_matrix"]
    assert list(store.point_values.columns) == ["point", "factor", "value", "number"]
    assert list(store.summaries.columns) == ["point", "variant", "policy", "metric_index", "metric", "mean", "ci_lo",
                                             "ci_hi", "n", "diff_mean", "diff_lo", "diff_hi", "diff_n"]
    assert list(store.replication_values.columns) == ["point", "variant", "policy", "metric_index", "metric",
                                                      "replication", "value"]
    # Two replications behind every summary row; the grid's values, the last factor fastest.
    assert len(store.replication_values) == 2 * len(store.summaries)
    assert store.values.to_dict("list") == {"status": ["ok"] * 4, "early_shift_count": [2, 2, 4, 4],
                                            "billing_aht_s": [200, 300, 200, 300]}
    assert store.verdicts.empty and len(store.sessions) == 1


def test_a_bad_sweep_is_a_located_config_error(tmp_path):
    text = textwrap.dedent("""\
        name: bad
        scenario: scenarios/default.yaml
        mode: run
        replications: 2
        design: grid
        factors:
          - path: agents.groups.generalists.headcont
            values: [1, 2]
        """)
    with pytest.raises(txsim.ConfigError) as caught:
        txsim.sweep(text, store=tmp_path / "bad.db", directory=ROOT)
    first = caught.value.diagnostics[0]
    assert first.file == "<sweep text>" and (first.line, first.column) == (7, 11)
    assert "headcont" in first.message and "did you mean" in first.message
    assert not (tmp_path / "bad.db").exists()


def test_a_store_of_another_study_is_refused_unless_fresh(smoke_stores, tmp_path):
    _, store = smoke_stores
    other = SMOKE.read_text().replace("replications: 2", "replications: 1")
    with pytest.raises(ValueError, match="another|differ"):
        txsim.sweep(other, store=store.path, directory=SMOKE.parent)
    copy = tmp_path / "copy.db"
    txsim.sweep(SMOKE, store=copy, threads=2)
    fresh = txsim.sweep(other, store=copy, directory=SMOKE.parent, fresh=True, threads=2)
    assert fresh.outcome["evaluated"] == 4 and fresh.info["replications"] == 1


def test_a_shard_runs_its_points_only(tmp_path):
    store = txsim.sweep(SMOKE, store=tmp_path / "shard.db", shard="1/2", threads=2)
    assert list(store.points["point"]) == [1, 3] and store.info["shard"] == "1/2"
    with pytest.raises(ValueError, match="shard"):
        txsim.sweep(SMOKE, store=tmp_path / "bad.db", shard="2/2")


def test_merged_shards_store_what_one_run_stores(smoke_stores, tmp_path):
    _, whole = smoke_stores
    shards = [txsim.sweep(SMOKE, store=tmp_path / f"s{i}.db", shard=f"{i}/2", threads=1) for i in range(2)]
    merged = txsim.merge_stores(tmp_path / "merged.db", [tmp_path / "s0.db", tmp_path / "s1.db"])
    assert merged.canonical_dump() == whole.canonical_dump()
    assert sorted(merged.points["point"]) == sorted(pd.concat([s.points for s in shards])["point"])
    with pytest.raises(ValueError):  # the output exists
        txsim.merge_stores(tmp_path / "merged.db", [tmp_path / "s0.db", tmp_path / "s1.db"])


# Twelve points of the default story, two replications each: about a tenth of a second a point
# and simulated week on one thread of a quiet machine, several times that on a busy one.
LONG_SWEEP = textwrap.dedent("""\
    name: long
    scenario: {scenario}
    set: {{horizon.days: {days}}}
    mode: run
    replications: 2
    design: grid
    factors:
      - path: contact_types.billing.handle_time.mean_s
        range: "200:310:10"
    """)


def test_other_python_threads_run_while_a_sweep_runs(tmp_path):
    sweep_file = tmp_path / "long.yaml"
    # Long enough (about three seconds on a quiet machine) to tell a stall from a sweep.
    sweep_file.write_text(LONG_SWEEP.format(scenario=ROOT / "scenarios" / "default.yaml", days=21))
    finished = threading.Event()
    run_s = 0.0

    def work():
        nonlocal run_s
        started = time.monotonic()
        txsim.sweep(sweep_file, store=tmp_path / "gil.db", threads=1)
        run_s = time.monotonic() - started
        finished.set()

    longest_gap_s = 0.0
    last = time.monotonic()
    worker = threading.Thread(target=work)
    worker.start()
    while not finished.is_set():
        now = time.monotonic()
        longest_gap_s = max(longest_gap_s, now - last)
        last = now
    worker.join()
    assert run_s > 0.5, "the sweep was too short to tell"
    assert longest_gap_s < run_s / 2, f"this thread stood still for {longest_gap_s:.2f} s of a {run_s:.2f} s sweep"


# The child reports when the first point is stored, then waits for the interrupt.
CHILD = textwrap.dedent("""\
    import sys, time
    sys.path.insert(0, {path!r})
    import txsim
    announced = False
    def progress(done, total):
        global announced
        if done >= 1 and not announced:
            print("stored", flush=True)
            announced = True
    try:
        txsim.sweep({sweep!r}, store={store!r}, threads=1, progress=progress)
        print("finished", flush=True)
    except KeyboardInterrupt:
        print("interrupted", time.monotonic(), flush=True)
    """)


def test_ctrl_c_stops_a_sweep_within_a_second_and_a_second_call_resumes(tmp_path):
    sweep_file = tmp_path / "long.yaml"
    sweep_file.write_text(LONG_SWEEP.format(scenario=ROOT / "scenarios" / "default.yaml", days=42))
    db = tmp_path / "interrupted.db"
    path = os.path.dirname(txsim.__file__) + "/.."
    child = subprocess.Popen([sys.executable, "-c", CHILD.format(path=path, sweep=str(sweep_file), store=str(db))],
                             stdout=subprocess.PIPE, text=True)
    try:
        assert child.stdout.readline().strip() == "stored"
        sent = time.monotonic()
        child.send_signal(signal.SIGINT)
        line = child.stdout.readline().split()
        assert child.wait(timeout=30) == 0
    finally:
        child.kill()
    assert line[0] == "interrupted"
    assert float(line[1]) - sent < 1.0
    kept = txsim.open_store(db)
    assert 1 <= kept.points_stored < 12
    resumed = txsim.sweep(sweep_file, store=db, threads=2)
    assert resumed.outcome == {"total": 12, "skipped": kept.points_stored, "evaluated": 12 - kept.points_stored,
                               "invalid": 0}
    whole = txsim.sweep(sweep_file, store=tmp_path / "whole.db", threads=2)
    assert resumed.canonical_dump() == whole.canonical_dump()


def test_a_file_that_is_no_store_is_refused(tmp_path):
    not_a_store = tmp_path / "notes.db"
    not_a_store.write_text("not SQLite")
    with pytest.raises(ValueError, match="notes.db"):
        txsim.open_store(not_a_store)
