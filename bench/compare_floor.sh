#!/usr/bin/env bash
# Whole-process wall time of `txsim run` on the Erlang A benchmark against the hand-written floor
# (bench/erlang_a_floor.cpp), run alternately so that both see the same machine load; prints
# each pair and the medians and their ratio. Build first: /work/wt/build.sh txsim erlang_a_floor
# (or cmake --build build/release --target txsim erlang_a_floor).
# usage: bench/compare_floor.sh [pairs (default 5)] [build dir (default build/release)]
set -euo pipefail
cd "$(dirname "$0")/.."
pairs=${1:-5}
build=${2:-build/release}
txsim="$build/sim/cli/txsim"
floor="$build/bench/erlang_a_floor"
scenario=scenarios/bench/erlang_a_10m.yaml
for exe in "$txsim" "$floor"; do
  [ -x "$exe" ] || { echo "missing $exe: build the txsim and erlang_a_floor targets first" >&2; exit 2; }
done

wall() {  # wall seconds of one whole process, output discarded
  local start end
  start=$(date +%s.%N)
  "$@" >/dev/null
  end=$(date +%s.%N)
  awk -v a="$start" -v b="$end" 'BEGIN {print b - a}'
}
median() { sort -g | awk '{v[NR] = $1} END {print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2}'; }

floor_times=() txsim_times=()
printf '%-5s %9s %9s %7s\n' pair floor_s txsim_s ratio
for ((i = 1; i <= pairs; ++i)); do
  f=$(wall "$floor" 10000000 100 5700 60 120)
  t=$(wall "$txsim" run "$scenario" -r 1 --detail total)
  floor_times+=("$f") txsim_times+=("$t")
  printf '%-5s %9.3f %9.3f %7.3f\n' "$i" "$f" "$t" "$(awk -v t="$t" -v f="$f" 'BEGIN {print t / f}')"
done
fm=$(printf '%s\n' "${floor_times[@]}" | median)
tm=$(printf '%s\n' "${txsim_times[@]}" | median)
printf '%-5s %9.3f %9.3f %7.3f\n' median "$fm" "$tm" "$(awk -v t="$tm" -v f="$fm" 'BEGIN {print t / f}')"
