#!/usr/bin/env bash
# Interrupts `txsim compare --out` at moments spread over a whole run and just after the files
# start to be written (when the first staged file appears), with SIGINT, SIGTERM, SIGHUP and
# SIGKILL, into a fresh directory and over an earlier run's files (--force), and
# checks after each that the directory holds one complete set of files (every file listed in
# provenance.json, at the listed size, and no other output file) or no provenance.json: then
# no set is complete, and a fresh directory must hold no output file at all. (Over an earlier
# set, a kill inside the few renames of the commit leaves part of the new set without its
# provenance.json: files of two runs are never mixed.)
# A stop signal must end the run within a second, with its exit code and a message.
#   interrupt_out.sh TXSIM WORK_DIR
set -euo pipefail
set -m  # job control: background jobs receive SIGINT like a foreground run would
txsim=$1
work=$2
rm -rf "$work"
mkdir -p "$work"
command=("$txsim" compare scenarios/default.yaml --set horizon.days=14 -r 2 --threads 2 --format json)
outputs=(comparison.csv comparison_summary.csv comparison.json resolved_scenario.yaml replications.csv summary.csv
         summary.json agents.csv provenance.json)

fail() {
  echo "FAIL: $*" >&2
  exit 1
}

now_ms() { date +%s%3N; }

size_of() { stat -c %s "$1"; }

# The set in $1 is complete: provenance.json lists every output file present, each at its size.
# Without provenance.json, $2 says what passes: "empty" (no output file) or "unmarked" (anything).
check_set() {
  local dir=$1 without_manifest=${2:-}
  if [ ! -f "$dir/provenance.json" ]; then
    [ -n "$without_manifest" ] || fail "$dir holds no complete set"
    if [ "$without_manifest" = empty ]; then
      for f in "${outputs[@]}"; do
        [ ! -e "$dir/$f" ] || fail "$dir/$f exists without provenance.json"
      done
    fi
    return 0
  fi
  local listed=() name bytes
  while read -r name bytes; do
    [ -f "$dir/$name" ] || fail "$dir/$name is listed in provenance.json but missing"
    [ "$(size_of "$dir/$name")" = "$bytes" ] || fail "$dir/$name has $(size_of "$dir/$name") bytes, provenance.json says $bytes"
    listed+=("$name")
  done < <(tr -d ' \n' < "$dir/provenance.json" | grep -o '{"name":"[^"]*","bytes":[0-9]*}' |
           sed 's/{"name":"\([^"]*\)","bytes":\([0-9]*\)}/\1 \2/')
  [ ${#listed[@]} -eq 4 ] || fail "$dir/provenance.json lists ${#listed[@]} files, expected 4"
  for f in "${outputs[@]}"; do
    [ "$f" = provenance.json ] && continue
    [ -e "$dir/$f" ] || continue
    [[ " ${listed[*]} " == *" $f "* ]] || fail "$dir/$f is not part of the set in provenance.json"
  done
  tail -c 2 "$dir/comparison.json" | grep -q '}' || fail "$dir/comparison.json does not end its JSON object"
}

# A full run: its duration spaces the interruptions, and its files are the earlier set.
earlier="$work/earlier"
start=$(now_ms)
"${command[@]}" --out "$earlier" >/dev/null
duration=$(( $(now_ms) - start ))
check_set "$earlier"
echo "a full run takes ${duration} ms"

case_number=0
# interrupt SIGNAL WHEN MODE: sends SIGNAL at WHEN, either a number N (after N/1000 of a full
# run) or staged+N (N ms after the first file appears in the staging directory); MODE fresh
# writes into a new directory, replace over a copy of the earlier set with --force.
interrupt() {
  local signal=$1 when=$2 mode=$3
  case_number=$((case_number + 1))
  local dir="$work/case$case_number" extra=()
  if [ "$mode" = replace ]; then
    cp -r "$earlier" "$dir"
    extra=(--force)
  fi
  "${command[@]}" --out "$dir" "${extra[@]}" >/dev/null 2>"$work/stderr$case_number" &
  disown -h
  local pid=$!
  if [[ $when == staged+* ]]; then
    while kill -0 "$pid" 2>/dev/null && ! compgen -G "$dir/.txsim-staging-*/*" >/dev/null; do sleep 0.002; done
    sleep "$(awk -v n="${when#staged+}" 'BEGIN { printf "%.3f", n / 1000 }')"
  else
    sleep "$(awk -v d="$duration" -v p="$when" 'BEGIN { printf "%.3f", d * p / 1000000 }')"
  fi
  local sent=$(now_ms)
  kill -s "$signal" "$pid" 2>/dev/null || true
  local code=0
  wait "$pid" || code=$?
  local stopped_after=$(( $(now_ms) - sent ))
  local expected
  case $signal in
    INT) expected=130 ;; TERM) expected=143 ;; HUP) expected=129 ;; KILL) expected=137 ;;
  esac
  echo "case $case_number: SIG$signal at $when ($mode): exit $code after ${stopped_after} ms"
  if [ "$code" -ne 0 ]; then
    [ "$code" -eq "$expected" ] || fail "SIG$signal: exit code $code, expected $expected or 0"
    if [ "$signal" != KILL ]; then
      [ "$stopped_after" -le 1000 ] || fail "SIG$signal took ${stopped_after} ms to stop the run"
      grep -q "stopped by SIG$signal" "$work/stderr$case_number" || fail "no message after SIG$signal"
    fi
  fi
  if [ "$code" -eq 0 ]; then
    check_set "$dir"  # the run finished before the signal
  elif [ "$mode" = fresh ]; then
    check_set "$dir" empty
  elif [ "$code" -eq 137 ]; then
    check_set "$dir" unmarked
  else
    check_set "$dir"  # a clean stop leaves the earlier set as it was
  fi
}

interrupt INT 100 fresh
interrupt INT 600 replace
interrupt TERM 400 fresh
interrupt HUP 800 replace
interrupt INT staged+0 replace
interrupt TERM staged+2 fresh
for when in 300 700 staged+0 staged+1 staged+3 staged+6 staged+10; do
  interrupt KILL $when fresh
  interrupt KILL $when replace
done
echo "every interrupted run left a complete set or none"
