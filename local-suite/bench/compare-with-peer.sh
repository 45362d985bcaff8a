#!/usr/bin/env bash
# Our suite side by side with the seeds' own stack (the performance peer in ../shared/peers), with the peer's own
# harness and the same client for both, one after the other, several rounds (these machines are noisy).
# Run through ./run-benchmark.sh --peer [--runs=3] [--sockets=1000] [--tips=200] [--token-seconds=15]
#   [--connections=50] [--peers=DIR] [--no-warmup] [--warmup-tips=10000]
#
# Unlike the harness's own compare.sh it:
# - starts our suite (full JIT, as deployed) when nothing answers on 8080, and stops it afterwards;
# - warms both targets up the same way first (a JVM's first thousand requests run interpreted code and compile
#   it, which is not what a creator meets on a service that has been up for a day; V8 gets the same warm-up);
# - checks our tokens with our LiveKit key and secret (the suite's are generated, never the seeds' devkey/secret).
# Results: local-suite/target/peer-compare/<time>/round-<n>/ and a table per round.
set -uo pipefail
cd "$(dirname "$0")/../.."
ROOT="$PWD"
RUNS=3 SOCKETS=1000 TIPS=200 TOKEN_SECONDS=15 CONNECTIONS=50 WARMUP=1 WARMUP_TIPS=10000 PEERS="$ROOT/../shared/peers"
for arg in "$@"; do
  case "$arg" in
    --runs=*) RUNS="${arg#*=}" ;;
    --sockets=*) SOCKETS="${arg#*=}" ;;
    --tips=*) TIPS="${arg#*=}" ;;
    --token-seconds=*) TOKEN_SECONDS="${arg#*=}" ;;
    --connections=*) CONNECTIONS="${arg#*=}" ;;
    --peers=*) PEERS="${arg#*=}" ;;
    --no-warmup) WARMUP=0 ;;
    # Per-tip code reaches C2's thresholds only after thousands of tips: our CPU per tip still fell between 2,000
    # and 8,000 (docs/architecture.md, "Performance", session 13), so 10,000 by default; V8 gets the same.
    --warmup-tips=*) WARMUP_TIPS="${arg#*=}" ;;
    *) echo "unknown option $arg" >&2; exit 2 ;;
  esac
done
BENCH="$PEERS/bench"
[ -x "$PEERS/compare.sh" ] || { echo "No peer harness at $PEERS (--peers=DIR)" >&2; exit 2; }
OURS=http://127.0.0.1:8080
out="$ROOT/local-suite/target/peer-compare/$(date +%Y%m%d-%H%M%S)"
mkdir -p "$out"

# A warm-up (or a round) leaves our consumers working through its events for a while after the last request;
# measuring then would count that work against the next run. Waits until the machine is 75 % idle over 3 s.
settle() {
  local waited=0
  while [ "$waited" -lt 180 ]; do
    read -r _ u1 n1 s1 i1 w1 q1 sq1 _ </proc/stat; sleep 3
    read -r _ u2 n2 s2 i2 w2 q2 sq2 _ </proc/stat
    local busy=$(( (u2 + n2 + s2 + q2 + sq2) - (u1 + n1 + s1 + q1 + sq1) )) idle=$(( (i2 + w2) - (i1 + w1) ))
    [ $(( idle * 100 / (busy + idle + 1) )) -ge 75 ] && return 0
    waited=$((waited + 3))
  done
  echo "WARNING: the machine did not settle within 180 s; figures include leftover work" >&2
}

answers() { node -e "fetch('$1/dev/token?sub=probe').then(r => process.exit(r.ok ? 0 : 1), () => process.exit(1))"; }

suite_pid=""
cleanup() {
  "$PEERS/seed-stack/stop.sh" >/dev/null 2>&1 || true
  if [ -n "$suite_pid" ]; then
    kill "$suite_pid" 2>/dev/null
    wait "$suite_pid" 2>/dev/null
  fi
}
trap cleanup EXIT

if ! answers "$OURS"; then
  echo "Starting our suite (full JIT; log: $out/suite.log) ..."
  JDK_JAVA_OPTIONS=-Dstreaming.service-jit=-XX:+TieredCompilation java -Dstreaming.home="$ROOT" \
    -cp "local-suite/target/local-suite-1.0.0-SNAPSHOT.jar:local-suite/target/lib/*" \
    io.streamingcompanion.localsuite.LocalSuite >"$out/suite.log" 2>&1 &
  suite_pid=$!
  for _ in $(seq 1 300); do answers "$OURS" && break; kill -0 "$suite_pid" 2>/dev/null || break; sleep 1; done
  answers "$OURS" || { echo "Our suite did not start: see $out/suite.log" >&2; exit 1; }
fi
secret() { sed -n "s/^$1=//p" "$ROOT/.local-suite/secrets.properties"; }
LK=(--lk-key="$(secret LIVEKIT_API_KEY)" --lk-secret="$(secret LIVEKIT_API_SECRET)")

"$PEERS/seed-stack/start.sh" >"$out/peer-start.log" 2>&1 || { echo "The peer did not start: see $out/peer-start.log" >&2; exit 1; }
( cd "$BENCH" && { [ -f node_modules/.package-lock.json ] && [ node_modules/.package-lock.json -nt package-lock.json ] \
  || npm ci --no-audit --no-fund --loglevel=error; } ) || exit 1
PEER_PIDS="$("$PEERS/seed-stack/pids.sh")"
OURS_PIDS="$("$BENCH/ours-pids.sh")"
cd "$BENCH"

if [ "$WARMUP" = 1 ]; then
  echo "Warming both up ($WARMUP_TIPS tips to a few sockets, 40 s of token requests, each) ..."
  for target in peer ours; do
    base=(); lk=()
    [ "$target" = ours ] && base=(--base="$OURS") && lk=("${LK[@]}")
    node tip-latency.mjs --target=$target "${base[@]}" --sockets=10 --tips="$WARMUP_TIPS" --warmup=0 --concurrency=4 --pause-ms=0 \
      >"$out/warmup-$target-tips.txt" 2>&1
    node token-rps.mjs --target=$target "${base[@]}" "${lk[@]}" --seconds=40 --connections="$CONNECTIONS" \
      >"$out/warmup-$target-token.txt" 2>&1
  done
fi

status=0
for round in $(seq 1 "$RUNS"); do
  dir="$out/round-$round"
  mkdir -p "$dir"
  echo "Round $round of $RUNS"
  settle
  node verify-token.mjs --target=peer >"$dir/peer-verify-token.txt" 2>&1 || status=1
  node verify-token.mjs --target=ours --base="$OURS" "${LK[@]}" >"$dir/ours-verify-token.txt" 2>&1 || status=1
  node tip-latency.mjs --target=peer --sockets="$SOCKETS" --tips="$TIPS" --cpu-pids="$PEER_PIDS" \
    >"$dir/peer-tip-latency.txt" 2>&1 || status=1
  settle
  node tip-latency.mjs --target=ours --base="$OURS" --sockets="$SOCKETS" --tips="$TIPS" --cpu-pids="$OURS_PIDS" \
    >"$dir/ours-tip-latency.txt" 2>&1 || status=1
  settle
  node token-rps.mjs --target=peer --seconds="$TOKEN_SECONDS" --connections="$CONNECTIONS" --cpu-pids="$PEER_PIDS" \
    >"$dir/peer-token-rps.txt" 2>&1 || status=1
  settle
  node token-rps.mjs --target=ours --base="$OURS" "${LK[@]}" --seconds="$TOKEN_SECONDS" --connections="$CONNECTIONS" \
    --cpu-pids="$OURS_PIDS" >"$dir/ours-token-rps.txt" 2>&1 || status=1
  node compare-table.mjs "$dir"/*.txt | tee "$dir/table.txt"
done
echo "Raw outputs: $out"
exit $status
