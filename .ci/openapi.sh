#!/usr/bin/env bash
# CI: the API contract. Lints service/src/main/resources/openapi.json with @redocly/cli (zero errors required), generates
# a TypeScript client from it (openapi-typescript + openapi-fetch), compiles it with tsc --strict, and runs its test
# against a freshly started service (embedded H2, random port). Needs the project built (mvn package) and npm.
set -euo pipefail
cd "$(dirname "$0")/.."
doc=service/src/main/resources/openapi.json
tools=.ci/openapi
(cd "$tools" && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
# Recommended rules; the two remaining warnings are /health and /v1/openapi.json having no 4XX answer (they have none).
(cd "$tools" && npx redocly lint "../../$doc" --format=summary)
(cd "$tools" && npx openapi-typescript "../../$doc" -o generated/verilock.ts --default-non-nullable false >/dev/null && npx tsc -p .)

data="$(mktemp -d)"
port=$((20000 + RANDOM % 20000))
key="vl_test_openapi$(od -An -N12 -tx1 /dev/urandom | tr -d ' \n')"
VERILOCK_DEMO_API_KEY="$key" VERILOCK_DATA_DIR="$data" VERILOCK_PORT="$port" \
  java -cp "cli/target/verilock-cli.jar:cli/target/lib/*" io.verilock.cli.Main serve > "$data/server.out" 2>&1 &
server=$!
# A killed server's wait returns 143: the trap must not turn that into the script's exit status (set -e).
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null || true; rm -rf "$data"' EXIT
for _ in $(seq 1 240); do
  curl -fsS "http://127.0.0.1:$port/health" >/dev/null 2>&1 && break
  kill -0 $server 2>/dev/null || { cat "$data/server.out"; exit 1; }
  sleep 0.5
done
VERILOCK_URL="http://127.0.0.1:$port" VERILOCK_KEY="$key" node "$tools/out/client.test.js"
