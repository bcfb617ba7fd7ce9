#!/usr/bin/env bash
# Interrupts `txsim staff --store` at moments spread over a whole run and as soon as the store's
# temporary file (FILE.creating) appears, with SIGINT and SIGKILL, into a new path and over an
# earlier run's store of the same study, and checks after each that the path holds no store
# (new path, run stopped) or a complete one: `txsim results` reads it and its tables equal the
# reference run's. A store is never half written under its final name.
#   interrupt_staff_store.sh TXSIM WORK_DIR
set -euo pipefail
set -m  # job control: background jobs receive SIGINT like a foreground run would
txsim=$1
work=$2
rm -rf "$work"
mkdir -p "$work"
command=("$txsim" staff scenarios/staffing/day_shifts.yaml --target "service_level>=0.8" --per interval --shifts -r 6
         --threads 2)

fail() {
  echo "FAIL: $*" >&2
  exit 1
}

now_ms() { date +%s%3N; }

# The tables of a store that do not depend on when or how it was written (not sessions).
tables_of() {
  local table
  for table in staffing_summary staffing_intervals staffing_checks shift_counts shift_coverage; do
    "$txsim" results "$1" --format csv --table "$table" || return 1
  done
}

earlier="$work/earlier.db"
start=$(now_ms)
"${command[@]}" --store "$earlier" >/dev/null
duration=$(( $(now_ms) - start ))
tables_of "$earlier" > "$work/reference.csv" || fail "the reference store cannot be read"
echo "a full run takes ${duration} ms"

case_number=0
# interrupt SIGNAL WHEN MODE: sends SIGNAL at WHEN, a number N (after N/1000 of a full run) or
# "creating" (as soon as FILE.creating exists); MODE fresh writes a new store, replace writes over
# a copy of the earlier one.
interrupt() {
  local signal=$1 when=$2 mode=$3
  case_number=$((case_number + 1))
  local store="$work/case$case_number.db"
  [ "$mode" = replace ] && cp "$earlier" "$store"
  "${command[@]}" --store "$store" >/dev/null 2>"$work/stderr$case_number" &
  disown -h
  local pid=$!
  if [ "$when" = creating ]; then
    while kill -0 "$pid" 2>/dev/null && [ ! -e "$store.creating" ]; do :; done
  else
    sleep "$(awk -v d="$duration" -v p="$when" 'BEGIN { printf "%.3f", d * p / 1000000 }')"
  fi
  kill -s "$signal" "$pid" 2>/dev/null || true
  local code=0
  wait "$pid" || code=$?
  echo "case $case_number: SIG$signal at $when ($mode): exit $code"
  case $code in
    0 | 130 | 137) ;;
    *) fail "SIG$signal: exit code $code, expected 0, 130 or 137" ;;
  esac
  if [ ! -e "$store" ]; then
    [ "$mode" = fresh ] || fail "the earlier store $store was lost"
    [ "$code" -ne 0 ] || fail "a finished run left no store"
    return 0
  fi
  tables_of "$store" > "$work/case$case_number.csv" 2>"$work/results$case_number" ||
    fail "$store exists but cannot be read: $(cat "$work/results$case_number")"
  cmp -s "$work/reference.csv" "$work/case$case_number.csv" || fail "$store differs from the reference store"
}

for when in 200 600 900 creating; do
  interrupt INT $when fresh
  interrupt KILL $when fresh
  interrupt KILL $when replace
done
# A run after one killed while writing starts over: its leftover temporary files are not a store.
for leftover in "$work"/case*.db.creating; do
  [ -e "$leftover" ] || continue
  store=${leftover%.creating}
  "${command[@]}" --store "$store" >/dev/null
  tables_of "$store" > "$work/rerun.csv" || fail "the rerun's store $store cannot be read"
  cmp -s "$work/reference.csv" "$work/rerun.csv" || fail "the rerun's store $store differs from the reference"
  [ ! -e "$leftover" ] && [ ! -e "$leftover-journal" ] || fail "the rerun left $leftover behind"
  echo "a rerun over the leftovers of $(basename "$store") wrote a complete store"
  break
done
echo "every interrupted run left a complete store or none"
