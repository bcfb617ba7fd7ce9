"""Simulations release the GIL, run side by side from Python threads, and stop on Ctrl-C within a second."""

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
from conftest import DEFAULT_SCENARIO, ROOT


def test_other_python_threads_run_while_a_simulation_runs():
    # Long enough (about a second of simulation on a quiet 2-core machine) to see a stall.
    scenario = txsim.load(DEFAULT_SCENARIO, overrides={"horizon.days": 120})
    run_s = 0.0
    finished = threading.Event()

    def simulate():
        nonlocal run_s
        started = time.monotonic()
        txsim.run(scenario, replications=8, threads=1)
        run_s = time.monotonic() - started
        finished.set()

    # Pure Python work in this thread needs the GIL: a simulation holding it would stop this
    # thread (in start() or in the loop) for the whole run, leaving one gap as long as the run.
    longest_gap_s = 0.0
    last = time.monotonic()
    worker = threading.Thread(target=simulate)
    worker.start()
    while not finished.is_set():
        now = time.monotonic()
        longest_gap_s = max(longest_gap_s, now - last)
        last = now
    worker.join()
    assert run_s > 0.5, "the run was too short to tell"
    assert longest_gap_s < run_s / 2, f"this thread stood still for {longest_gap_s:.2f} s of a {run_s:.2f} s run"


def test_two_python_threads_simulate_at_once_with_the_numbers_of_one(short_scenario):
    seeds = [3, 4]
    results = {}

    def simulate(seed):
        results[seed] = txsim.run(short_scenario, seed=seed, replications=2, threads=1)

    threads = [threading.Thread(target=simulate, args=(seed,)) for seed in seeds]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    for seed in seeds:
        alone = txsim.run(short_scenario, seed=seed, replications=2, threads=1)
        pd.testing.assert_frame_equal(results[seed].replications, alone.replications, check_exact=True)


# A year of the bundled story, 50 replications on one thread: minutes of work, interrupted after
# it has started. The child prints when it caught the interrupt, on the clock both processes share.
CHILD = textwrap.dedent("""\
    import sys, time
    sys.path.insert(0, {path!r})
    import txsim
    scenario = txsim.load({scenario!r})
    print("started", flush=True)
    try:
        txsim.{call}
        print("finished", flush=True)
    except KeyboardInterrupt:
        print("interrupted", time.monotonic(), flush=True)
    """)


def interrupt_after_start(call, scenario=DEFAULT_SCENARIO):
    path = os.path.dirname(txsim.__file__) + "/.."
    child = subprocess.Popen([sys.executable, "-c", CHILD.format(path=path, scenario=str(scenario), call=call)],
                             stdout=subprocess.PIPE, text=True)
    try:
        assert child.stdout.readline().strip() == "started"
        time.sleep(0.5)
        sent = time.monotonic()
        child.send_signal(signal.SIGINT)
        line = child.stdout.readline().split()
        assert child.wait(timeout=30) == 0
    finally:
        child.kill()
    assert line[0] == "interrupted"
    return float(line[1]) - sent


def test_ctrl_c_stops_a_run_within_a_second():
    assert interrupt_after_start("run(scenario, replications=50, threads=1)") < 1.0


def test_ctrl_c_stops_a_comparison_within_a_second():
    assert interrupt_after_start("compare(scenario, replications=50, threads=1)") < 1.0


def test_ctrl_c_stops_a_hiring_plan_search_within_a_second():
    # Each seat count tried is a year of a 1,500-contact-a-day centre, 50 times.
    call = 'hiring_plan(scenario, "service_level>=0.8", replications=50, threads=1)'
    assert interrupt_after_start(call, ROOT / "scenarios" / "staffing" / "hiring_year.yaml") < 1.0


def test_changing_a_scenario_during_a_run_leaves_that_run_as_it_started():
    scenario = txsim.load(DEFAULT_SCENARIO, overrides={"horizon.days": 14})
    results = {}
    worker = threading.Thread(target=lambda: results.setdefault("run", txsim.run(scenario, replications=4, threads=1)))
    worker.start()
    while worker.is_alive():
        scenario.set("horizon.days", "7")
    worker.join()
    # The run started with 14 days, or with 7 if the first change came before it: either way
    # it is exactly that run, never a mix of the two.
    days = len(results["run"].means("day"))
    alone = txsim.run(txsim.load(DEFAULT_SCENARIO, overrides={"horizon.days": days}), replications=4, threads=1)
    pd.testing.assert_frame_equal(results["run"].replications, alone.replications, check_exact=True)


def test_progress_is_reported_from_the_calling_thread_up_to_the_last_run(short_scenario):
    calls = []
    caller = threading.get_ident()

    def progress(done, total):
        calls.append((done, total, threading.get_ident()))

    txsim.compare(short_scenario, replications=3, threads=2, progress=progress)
    runs = 3 * (len(short_scenario.policies) + 1)
    assert calls[-1][:2] == (runs, runs)
    assert all(total == runs and ident == caller for _, total, ident in calls)
    assert [done for done, _, _ in calls] == sorted({done for done, _, _ in calls})


def test_an_exception_in_the_progress_callback_stops_the_run():
    class Enough(Exception):
        pass

    def progress(done, total):
        raise Enough

    scenario = txsim.load(DEFAULT_SCENARIO, overrides={"horizon.days": 60})
    started = time.monotonic()
    txsim.run(scenario, replications=1, threads=1)
    one_run_s = time.monotonic() - started
    started = time.monotonic()
    with pytest.raises(Enough):
        txsim.run(scenario, replications=50, threads=1, progress=progress)
    # The callback raises after the first run: far fewer than the fifty runs were made.
    assert time.monotonic() - started < 25 * one_run_s
