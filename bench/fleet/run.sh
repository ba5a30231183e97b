#!/usr/bin/env bash
# Fleet benchmark: telltale's DNS checks over the shared corpus (../shared/bench) against nsd + unbound on
# loopback, with the DNS server's own capacity (dnsperf) measured in the same run. Results under $OUT.
#   bench/fleet/run.sh            (env: BENCH_DATA, NSD_PORT, UNBOUND_PORT, REPS, SIZES, BIG, CONCURRENCY, WORKERS)
# Needs: the corpus (gen-zone.py --n 60000 --lists 100,1000,10000), Debian nsd unbound dnsperf time.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
SHARED=${SHARED_BENCH:-$ROOT/../shared/bench}
export BENCH_DATA=${BENCH_DATA:-/tmp/mailbench}
export NSD_PORT=${NSD_PORT:-5300}
export UNBOUND_PORT=${UNBOUND_PORT:-5301}
REPS=${REPS:-3}
SIZES=${SIZES:-"1000 10000"}
BIG=${BIG:-100000}
CONCURRENCY=${CONCURRENCY:-32}
WORKERS=${WORKERS:-1}
OUT=${OUT:-$BENCH_DATA/results/fleet-$(date +%Y%m%d-%H%M%S)}
mkdir -p "$OUT"
RUN=$BENCH_DATA/run
[ -f "$BENCH_DATA/domains-all.txt" ] || { echo "no corpus in $BENCH_DATA: run $SHARED/gen-zone.py --n 60000 --out $BENCH_DATA --lists 100,1000,10000" >&2; exit 1; }

# The machine and the load before we start.
{
  echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "nproc: $(nproc)"
  echo "cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //')"
  echo "memory: $(free -m | awk '/Mem:/ {print $2" MiB"}')"
  echo "node: $(node --version)"
  echo "uptime: $(uptime)"
  echo "telltale: $(git -C "$ROOT" rev-parse --short HEAD)"
  echo "fleet options: --concurrency $CONCURRENCY --workers $WORKERS"
} | tee "$OUT/machine.txt"

# telltale built once into $OUT (not the shared dist/), run by node directly.
(cd "$ROOT" && npx tsc -p tsconfig.build.json --outDir "$OUT/dist")
ln -sfn "$ROOT/node_modules" "$OUT/node_modules"
printf "const { main } = await import('%s/dist/src/cli/entry.js');\nawait main();\n" "$OUT" >"$OUT/telltale.mjs"

# Fresh servers: a resolver that once saw its upstream time out marks it down and answers SERVFAIL.
"$SHARED/dns-stop.sh" >/dev/null 2>&1 || true
"$SHARED/dns-start.sh" all
UC="unbound-control -c $RUN/unbound.conf"
# telltale asks the resolver for the root NS to tell a dead resolver from a failing domain; the corpus has
# no root zone, so unbound answers that one name itself (transparent: everything else is forwarded).
$UC local_data ". 86400 IN NS a.root.test." >/dev/null
queries() { $UC stats_noreset | awk -F= '/^total.num.queries=/ {print $2}'; }
servfails() { $UC stats_noreset | awk -F= '/^num.answer.rcode.SERVFAIL=/ {print $2}'; }
# Before each run: nsd must answer, and unbound must not remember an upstream timeout from a previous run.
ready() {
  dig +time=2 +tries=2 +short -p "$NSD_PORT" @127.0.0.1 test SOA >/dev/null || { echo "nsd does not answer" >&2; exit 1; }
  $UC flush_infra all >/dev/null
}

# The 100 000 list: the corpus has at most 62 000 names (its address plan), so the rest are names that
# do not exist (NXDOMAIN from the test. zone): the memory bound is the point of that size.
BIGLIST=$OUT/domains-$BIG.txt   # BIG=0 skips that size
[ "$BIG" -gt 0 ] && { cat "$BENCH_DATA/domains-all.txt"; n=$(wc -l <"$BENCH_DATA/domains-all.txt"); seq -f 'absent%06g.test' 1 $((BIG - n)); } >"$BIGLIST"
true

# The reference, as ../shared/bench/dnsperf.sh measures it (same query mix, clients, outstanding queries,
# 10 s, median of 3, unbound after a warm-up pass) but on this run's ports (that script has 5300/5301 fixed).
perf() { # label port -> qps
  timeout 40 dnsperf -s 127.0.0.1 -p "$2" -m udp -d "$BENCH_DATA/queries-dnsperf.txt" -l 10 -c 4 -q 200 -T 1 -t 2 \
    >"$OUT/dnsperf-$1.txt" 2>&1 || true
  awk '/Queries per second/ {print $4}' "$OUT/dnsperf-$1.txt"
}
echo "== DNS server capacity (dnsperf, UDP, median of 3)"
for target in nsd unbound; do
  port=$NSD_PORT; [ "$target" = unbound ] && { port=$UNBOUND_PORT; perf unbound-warmup "$port" >/dev/null; }
  for rep in 1 2 3; do perf "$target-$rep" "$port"; done | sort -n | tee "$OUT/dnsperf-$target-runs.txt" |
    awk -v t="$target" '{a[NR]=$1} END {print t, "median_qps=" a[2], "runs=" a[1] "," a[2] "," a[3]}' | tee -a "$OUT/dnsperf.txt"
done

one_run() { # size list rep
  local size=$1 list=$2 rep=$3 before after sf_before sf_after
  ready
  before=$(queries)
  sf_before=$(servfails)
  /usr/bin/time -v node "$OUT/telltale.mjs" fleet "$list" --checks dns --resolver "127.0.0.1:$UNBOUND_PORT" \
    --concurrency "$CONCURRENCY" --workers "$WORKERS" --output "$OUT/fleet-$size-$rep.jsonl" 2>"$OUT/fleet-$size-$rep.err" || true
  after=$(queries)
  sf_after=$(servfails)
  local errors
  # Domains with a DNS lookup that failed (timeout, SERVFAIL): a run with any is suspect, and says so.
  errors=$(grep -c '"checkId":"[a-z-]*\.dns-error","status":"error"' "$OUT/fleet-$size-$rep.jsonl" || true)
  local secs rss rate
  secs=$(awk -F': ' '/Elapsed \(wall clock\)/ {n=split($2,t,":"); s=0; for(i=1;i<=n;i++) s=s*60+t[i]; print s}' "$OUT/fleet-$size-$rep.err")
  rss=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$OUT/fleet-$size-$rep.err")
  rate=$(grep -o '([0-9.]*/s)' "$OUT/fleet-$size-$rep.err" | tr -d '()/s')
  echo "$size $rep wall_s=$secs rate_per_s=$rate peak_rss_kb=$rss queries=$((after - before)) queries_per_domain=$(awk -v q=$((after - before)) -v n="$size" 'BEGIN {printf "%.1f", q/n}') servfail=$((sf_after - sf_before)) domains_with_dns_errors=$errors" |
    tee -a "$OUT/fleet.txt"
}

for size in $SIZES; do
  for rep in $(seq 1 "$REPS"); do one_run "$size" "$BENCH_DATA/domains-$size.txt" "$rep"; done
done
[ "$BIG" -gt 0 ] && one_run "$BIG" "$BIGLIST" 1

echo "== medians"
awk '{split($4,r,"="); split($5,m,"="); split($7,q,"="); rate[$1]=rate[$1] " " r[2]; mem[$1]=mem[$1] " " m[2]; qpd[$1]=qpd[$1] " " q[2]}
     END {for (s in rate) print s, rate[s], "|", mem[s], "|", qpd[s]}' "$OUT/fleet.txt" | tee "$OUT/medians-raw.txt"
python3 "$HERE/compare-truth.py" "$BENCH_DATA/truth.jsonl" "$OUT/fleet-10000-1.jsonl" >"$OUT/truth-10000.txt" || true
echo "results: $OUT"
