#!/usr/bin/env bash
# Measures what ./nn train --ui costs in training speed (issue 16: within 5 % of training without it).
# Runs ./nn train without and with --ui, interleaved (A/B/A/B, so drifting load hits both alike), and prints each
# run's images/s (the "trained ... images/s" line: all epochs, validation included), its steady-state samples/s
# (the mean of the epoch lines after the first, which is mostly JIT warm-up) and its CPU seconds, then the
# means, the spread and the differences. For each --ui run it also prints how long the dashboard held the
# training thread, from the run's own dashboard_ms lines, as a share of its epochs' time: wall-clock (on a busy
# machine mostly time the thread waited for a processor) and, in parentheses, processor time, which hardly
# depends on the machine's load. No browser is opened: with a page open, the server's event stream reads the
# file every 200 ms on its own thread (open http://127.0.0.1:PORT/ during a run to include it).
#   tools/ui-overhead.sh [PAIRS] [-- extra ./nn train options]     e.g. tools/ui-overhead.sh 6 -- --threads 1
#   EPOCHS=20 tools/ui-overhead.sh 8     longer runs (default 5 epochs): less run-to-run spread
# Environment: NICE (default 19) is the niceness of the runs; run it on a quiet machine for a final figure.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
pairs="${1:-4}"
shift || true
[ "${1:-}" = "--" ] && shift
extra=("$@")
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
runs="$work/runs"
"$root/nn" --help > /dev/null 2>&1  # builds the jar first if needed, outside the timing
# Runs a copy of the build: ./nn rebuilds when a source is newer than the jar, which an edit during the
# measurement would otherwise set off in the middle of it.
mkdir -p "$work/nn-examples/target"
cp "$root/nn" "$work/nn"
cp -r "$root/nn-examples/target/nn-examples.jar" "$root/nn-examples/target/lib" "$work/nn-examples/target/"
[ -f "$root/nn-examples/target/launcher-module-path.txt" ] && cp "$root/nn-examples/target/launcher-module-path.txt" "$work/nn-examples/target/"

one() {  # prints "total steady cpu" of one run: images/s, steady-state samples/s, CPU seconds (user + sys)
  local log
  log="$(nice -n "${NICE:-19}" /usr/bin/time -f 'cpu %U %S' "$work/nn" train --epochs "${EPOCHS:-5}" --seed 42 "${extra[@]}" "$@" 2>&1)"
  local total steady cpu
  total="$(sed -n 's/^trained .*(\([0-9,]*\) images\/s.*/\1/p' <<< "$log" | tr -d ,)"
  steady="$(awk '/^Epoch [0-9]+\/[0-9]+ / { split($2, e, "/"); if (e[1] > 1) { s += $5; n++ } }
                 END { if (n) printf "%.0f", s / n }' <<< "$log")"
  [ -n "$total" ] || { echo "no images/s line in: $log" >&2; exit 1; }
  cpu="$(awk '/^cpu / { printf "%.2f", $2 + $3 }' <<< "$log")"
  echo "$total $steady $cpu"
}

echo "load before: $(cut -d' ' -f1-3 /proc/loadavg); options: --epochs ${EPOCHS:-5} ${extra[*]}"
printf '%-5s %11s %11s %11s %11s %9s %9s %12s\n' pair "img/s" "--ui img/s" "steady" "--ui steady" "cpu s" \
  "--ui cpu s" "held % (cpu)"
results=()
for ((i = 1; i <= pairs; i++)); do
  read -r pt ps pc <<< "$(one)"
  read -r ut us uc <<< "$(one --ui 0 --runs "$runs" --run-name "pair$i")"
  # The dashboard's own account: ms it held the training thread, and the epochs' seconds.
  read -r held heldcpu <<< "$(tr '[]' ',,' < "$runs/pair$i.jsonl" | awk -F'[:,]' '
      /"type":"dashboard_ms"/ { for (k = 1; k < NF; k++) if ($k == "\"values\"") { ms += $(k + 2); cpu += $(k + 3) } }
      /"type":"epoch"/ { for (k = 1; k < NF; k++) if ($k == "\"seconds\"") s += $(k + 1) }
      END { printf "%.2f %.2f", 100 * ms / (1000 * s), 100 * cpu / (1000 * s) }')"
  printf '%-5s %11s %11s %11s %11s %9s %9s %12s\n' "$i" "$pt" "$ut" "$ps" "$us" "$pc" "$uc" "$held ($heldcpu)"
  results+=("$pt $ut $ps $us $pc $uc $held $heldcpu")
done
printf '%s\n' "${results[@]}" | awk '
  { for (c = 1; c <= 8; c++) { v[c, NR] = $c; s[c] += $c }; if ($7 > mx) mx = $7 }
  END {
    n = NR
    for (c = 1; c <= 8; c++) { m[c] = s[c] / n; q = 0; for (r = 1; r <= n; r++) q += (v[c, r] - m[c]) ^ 2
      sd[c] = n > 1 ? sqrt(q / (n - 1)) : 0 }
    printf "mean  %11.0f %11.0f %11.0f %11.0f %9.2f %9.2f\n", m[1], m[2], m[3], m[4], m[5], m[6]
    printf "sd    %11.0f %11.0f %11.0f %11.0f %9.2f %9.2f\n", sd[1], sd[2], sd[3], sd[4], sd[5], sd[6]
    printf "--ui against without: %+.1f %% images/s (all epochs), %+.1f %% steady-state (epochs 2 and on), %+.1f %% CPU time\n",
      100 * (m[2] / m[1] - 1), 100 * (m[4] / m[3] - 1), 100 * (m[6] / m[5] - 1)
    printf "the dashboard held the training thread %.2f %% of the epochs'"'"' wall time (sd %.2f, max %.2f),", m[7], sd[7], mx
    printf " using the processor for %.2f %% of it (sd %.2f)\n", m[8], sd[8]
  }'
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
