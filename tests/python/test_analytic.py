"""The analytic layer over numpy arrays: the same numbers as `txsim erlang`, element by element."""

import json
import math
import subprocess

import numpy as np
import pytest

import txsim

METRICS = ["offered_load_erlangs", "prob_wait", "prob_blocked", "abandon_rate", "service_level",
           "service_level_excl_short_abandons", "asa_s", "mean_wait_s", "mean_queue_length", "occupancy"]


def cli_erlang(cli, *args):
    out = subprocess.run([cli, "erlang", *args, "--format", "json"], capture_output=True, text=True, check=True)
    return json.loads(out.stdout)


def test_erlang_b_and_c_broadcast_like_numpy():
    servers = np.arange(1, 31).reshape(3, 10)
    loads = np.array([5.0, 10.0, 20.0]).reshape(3, 1)
    blocked = txsim.erlang_b(servers, loads)
    waiting = txsim.erlang_c(servers, loads)
    assert blocked.shape == waiting.shape == (3, 10)
    assert blocked[0, 0] == pytest.approx(5.0 / 6.0, rel=1e-15)  # B(1, a) = a / (1 + a)
    # More servers never block or delay more; waiting is at least as likely as blocking.
    assert np.all(np.diff(blocked, axis=1) <= 0) and np.all(waiting >= blocked)
    assert np.all(waiting[loads.ravel() >= servers.max(axis=1)] == 1.0)
    assert isinstance(txsim.erlang_b(10, 8.0), float)


@pytest.mark.parametrize("model,args", [
    ("b", ["--agents", "12"]),
    ("c", ["--agents", "12"]),
    ("a", ["--agents", "10", "--patience-s", "180"]),
])
def test_queue_metrics_match_txsim_erlang(cli, model, args):
    expected = cli_erlang(cli, "--calls-per-hour", "100", "--aht-s", "300", "--threshold-s", "30", "--model", model, *args)
    patience = float(args[3]) if len(args) > 2 else math.inf
    row = txsim.queue_metrics(int(args[1]), 100, 300, patience_s=patience, threshold_s=30, model=model).iloc[0]
    assert row["model"] == expected["model"]
    for metric in METRICS:
        assert row[metric] == expected[metric], metric


def test_queue_metrics_give_one_row_per_broadcast_element():
    table = txsim.erlang_a(np.arange(8, 14), calls_per_hour=100, aht_s=300, patience_s=[[120.0], [600.0]])
    assert table.shape[0] == 12
    assert list(table.columns[:6]) == ["agents", "calls_per_hour", "aht_s", "patience_s", "threshold_s", "model"]
    assert list(table.columns[6:]) == METRICS
    assert (table["model"] == "erlang_a").all()
    # Little's law holds in the exact model: queue length = arrival rate x mean time in queue.
    assert np.allclose(table["mean_queue_length"], 100 / 3600 * table["mean_wait_s"], rtol=1e-9)
    auto = txsim.queue_metrics(10, 100, 300, patience_s=[180.0, math.inf])
    assert auto["model"].tolist() == ["erlang_a", "erlang_c"]


def test_staffing_matches_txsim_erlang_and_vectorises(cli):
    expected = cli_erlang(cli, "--calls-per-hour", "400", "--aht-s", "240", "--patience-s", "120", "--target-sl", "0.8",
                          "--max-abandon", "0.05")["staffing"]
    assert txsim.agents_for_service_level(400, 240, 0.8, patience_s=120) == expected["agents_for_service_level"]
    assert txsim.agents_for_abandon_rate(400, 240, 0.05, patience_s=120) == expected["agents_for_abandon_rate"]
    agents = txsim.agents_for_service_level(np.array([100, 200, 400]), 240, [[0.7], [0.9]])
    assert agents.shape == (2, 3)
    assert np.all(np.diff(agents, axis=1) > 0) and np.all(agents[1] >= agents[0])


def test_invalid_inputs_raise_value_errors_naming_the_parameter():
    with pytest.raises(ValueError, match="offered_load"):
        txsim.erlang_b(5, [1.0, -1.0])
    with pytest.raises(ValueError):
        txsim.queue_metrics(5, 100, 300, model="c")  # load 8.3 erlangs on 5 agents: no steady state
    with pytest.raises(ValueError, match="model"):
        txsim.queue_metrics(10, 100, 300, model="x")
    with pytest.raises(ValueError, match="whole numbers"):
        txsim.queue_metrics(10.5, 100, 300)
