#!/usr/bin/env bash
# Whole-process times of `txsim run` on the Erlang A benchmark against the hand-written floor
# (bench/erlang_a_floor.cpp), run alternately so that both see the same machine load. Prints each
# pair, the medians and their ratios, of wall time and of CPU time. Build the targets txsim and
# erlang_a_floor first (cmake --build build/release --target txsim erlang_a_floor).
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

# Wall and CPU (user + system) seconds of one whole process, output discarded. On a machine shared
# with other work, the CPU-time ratio is the steadier of the two.
TIMEFORMAT='%R %U %S'
measure() {
  local t
  t=$( { time "$@" >/dev/null; } 2>&1 )
  awk '{printf "%.3f %.3f\n", $1, $2 + $3}' <<<"$t"
}
median() { sort -g | awk '{v[NR] = $1} END {print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2}'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.3f", a / b}'; }

floor_wall=() floor_cpu=() txsim_wall=() txsim_cpu=()
printf '%-6s %9s %9s %7s   %9s %9s %7s\n' pair floor_s txsim_s ratio floor_cpu txsim_cpu ratio
for ((i = 1; i <= pairs; ++i)); do
  read -r fw fc < <(measure "$floor" 10000000 100 5700 60 120)
  read -r tw tc < <(measure "$txsim" run "$scenario" -r 1 --detail total)
  floor_wall+=("$fw") floor_cpu+=("$fc") txsim_wall+=("$tw") txsim_cpu+=("$tc")
  printf '%-6s %9.3f %9.3f %7s   %9.3f %9.3f %7s\n' "$i" "$fw" "$tw" "$(ratio "$tw" "$fw")" "$fc" "$tc" "$(ratio "$tc" "$fc")"
done
fw=$(printf '%s\n' "${floor_wall[@]}" | median)
tw=$(printf '%s\n' "${txsim_wall[@]}" | median)
fc=$(printf '%s\n' "${floor_cpu[@]}" | median)
tc=$(printf '%s\n' "${txsim_cpu[@]}" | median)
printf '%-6s %9.3f %9.3f %7s   %9.3f %9.3f %7s\n' median "$fw" "$tw" "$(ratio "$tw" "$fw")" "$fc" "$tc" "$(ratio "$tc" "$fc")"
