#!/usr/bin/env bash
# The batch benchmark (BENCHMARKS.md): imp-packet batch, the Python peer and the libzip
# limit on the same synthetic profiles, in one run.
#
#   scripts/bench.sh [N ...]          default: 1000 10000
#   RUNS=5 JOBS=2 BENCH_OUT=/dev/shm/imp-bench scripts/bench.sh 1000 10000
#
# For each N: N profiles across all categories, 1% of them broken (bench-data/N.jsonl,
# made by scripts/bench-gen.py), then RUNS rounds of
#   imp-packet  release build, `batch N.jsonl -o OUT --jobs JOBS --quiet`: wall time
#               (process start to exit, including loading the catalog and templates and
#               the final sync) and peak RSS (/usr/bin/time);
#   peer        scripts/bench-peer.py (Python + Jinja2 + zipfile, JOBS processes);
#   limit       scripts/bench-limit.c: the packets imp-packet made, deflated (libdeflate,
#               level 6) and written again with libzip alone, JOBS threads; plain glibc
#               malloc, and "tuned" (freed memory kept in the process, as imp-packet batch
#               does).
# and prints the median of each. The first round also checks that the report names
# exactly the broken profiles and that the limit wrote the same bytes as imp-packet. Packets go to BENCH_OUT (default: tmpfs, /dev/shm), so the
# figures measure the programs rather than this machine's disk; BENCH_OUT=bench-data/out
# measures on disk. Results: bench-data/results.txt.
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(1000 10000)
RUNS=${RUNS:-5}
JOBS=${JOBS:-$(nproc)}
OUT=${BENCH_OUT:-/dev/shm/imp-bench}
mkdir -p bench-data
results=bench-data/results.txt

scripts/deps >/dev/null
swift build -c release >/dev/null
tool=.build/release/imp-packet
cc -O2 -o bench-data/bench-limit scripts/bench-limit.c -lzip -ldeflate -lpthread
python3 -c "import jinja2" 2>/dev/null || python3 -m pip install -q jinja2 2>/dev/null \
  || python3 -m pip install -q --break-system-packages jinja2

# The peer's plans: imp-packet's plan of each eligible fixture, with and without a
# representative (who adds IMM 5476), keyed as the peer looks them up (its plan_key).
python3 - "$tool" >bench-data/plans.json <<'EOF'
import copy, glob, importlib.util, json, os, subprocess, sys, tempfile
def module(path):
    spec = importlib.util.spec_from_file_location(os.path.basename(path)[:-3].replace("-", "_"), path)
    m = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(m)
    return m
peer, gen = module("scripts/bench-peer.py"), module("scripts/bench-gen.py")
plans = {}
with tempfile.TemporaryDirectory() as tmp:
    for f in sorted(glob.glob("Fixtures/*.json")):
        base = json.load(open(f, encoding="utf-8"))
        for rep in (base.get("representative") or gen.REPRESENTATIVES[0], None):
            p = copy.deepcopy(base)
            p.pop("representative", None)
            if rep:
                p["representative"] = rep
            path = os.path.join(tmp, "profile.json")
            with open(path, "w", encoding="utf-8") as out:
                json.dump(p, out)
            r = subprocess.run([sys.argv[1], "plan", "--json", path], capture_output=True, text=True)
            if r.returncode == 0:
                plans[peer.plan_key(p)] = json.loads(r.stdout)
json.dump(plans, sys.stdout)
EOF

median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }

{
  echo "# $(date -u +%Y-%m-%dT%H:%MZ) $(nproc) cores, $(lscpu | sed -n 's/^Model name: *//p'), $(free -g | awk '/Mem:/ {print $2}') GiB"
  echo "# load before: $(cut -d' ' -f1-3 /proc/loadavg); runs: $RUNS; jobs: $JOBS; output: $OUT"
} | tee "$results"

for n in "${sizes[@]}"; do
  data=bench-data/$n.jsonl
  [ -f "$data" ] || scripts/bench-gen.py -n "$n" --broken $((n / 100)) --jsonl "$data"
  good=$((n - n / 100))
  : >bench-data/tool.$n
  : >bench-data/rss.$n
  : >bench-data/peer.$n
  : >bench-data/limit.$n
  : >bench-data/limit-tuned.$n
  for run in $(seq "$RUNS"); do
    rm -rf "$OUT"
    mkdir -p "$OUT"
    /usr/bin/time -f "%e %M" -o bench-data/time.txt \
      "$tool" batch "$data" -o "$OUT/tool" --jobs "$JOBS" --quiet 2>bench-data/stderr.txt || [ $? -le 65 ]
    read -r seconds rss < <(tail -1 bench-data/time.txt)
    made=$(find "$OUT/tool" -name '*.zip' | wc -l)
    [ "$made" -eq "$good" ] || { echo "imp-packet made $made packets, expected $good" >&2; exit 1; }
    if [ "$run" -eq 1 ]; then
      python3 - "$OUT/tool/report.json" "$data.broken" <<'EOF'
import json, sys
report = json.load(open(sys.argv[1], encoding="utf-8"))
failed = {r["input"] for r in report["inputs"] if r["status"] == "failed"}
expected = set(open(sys.argv[2], encoding="utf-8").read().split())
assert failed == expected, f"report names {len(failed)} failures, expected {len(expected)}"
print(f"# {sys.argv[1]}: {report['summary']}; the failures are exactly the {len(expected)} broken profiles")
EOF
    fi
    echo "$good $seconds" | awk '{print $1 / $2}' >>bench-data/tool.$n
    echo "$rss" >>bench-data/rss.$n
    python3 scripts/bench-peer.py "$data" -o "$OUT/peer" --plans bench-data/plans.json --jobs "$JOBS" \
      | python3 -c "import json,sys; print(json.load(sys.stdin)['packetsPerSecond'])" >>bench-data/peer.$n
    bench-data/bench-limit "$OUT/tool" "$OUT/limit" "$JOBS" \
      | python3 -c "import json,sys; print(json.load(sys.stdin)['packetsPerSecond'])" >>bench-data/limit.$n
    bench-data/bench-limit "$OUT/tool" "$OUT/limit-tuned" "$JOBS" tuned \
      | python3 -c "import json,sys; print(json.load(sys.stdin)['packetsPerSecond'])" >>bench-data/limit-tuned.$n
    if [ "$run" -eq 1 ]; then
      for f in "$OUT"/tool/*.zip; do
        cmp -s "$f" "$OUT/limit/${f##*/}" || { echo "the limit wrote other bytes than imp-packet: ${f##*/}" >&2; exit 1; }
      done
      echo "# the limit's $good packets are byte-identical to imp-packet's"
    fi
  done
  tool_rate=$(median <bench-data/tool.$n)
  peer_rate=$(median <bench-data/peer.$n)
  limit_rate=$(median <bench-data/limit.$n)
  tuned_rate=$(median <bench-data/limit-tuned.$n)
  rss=$(median <bench-data/rss.$n)
  {
    printf '%6d profiles: imp-packet %6.0f packets/s (peak RSS %d KB) | peer %5.0f/s (x%.2f) | ' \
      "$n" "$tool_rate" "$rss" "$peer_rate" "$(echo "$tool_rate $peer_rate" | awk '{print $1/$2}')"
    printf 'limit %5.0f/s (x%.2f of it) | limit tuned %5.0f/s (x%.2f of it)\n' \
      "$limit_rate" "$(echo "$limit_rate $tool_rate" | awk '{print $1/$2}')" \
      "$tuned_rate" "$(echo "$tuned_rate $tool_rate" | awk '{print $1/$2}')"
    echo "#   imp-packet runs: $(tr '\n' ' ' <bench-data/tool.$n)"
    echo "#   peer runs: $(tr '\n' ' ' <bench-data/peer.$n)"
    echo "#   limit runs: $(tr '\n' ' ' <bench-data/limit.$n); tuned: $(tr '\n' ' ' <bench-data/limit-tuned.$n)"
    echo "#   peak RSS runs (KB): $(tr '\n' ' ' <bench-data/rss.$n)"
  } | tee -a "$results"
done
rm -rf "$OUT"
echo "# load after: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$results"
