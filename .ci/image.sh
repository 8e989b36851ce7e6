#!/usr/bin/env bash
# CI: builds the container image (./verilock image), loads it and runs it twice: offline on its embedded H2 (started
# with no network at all, healthy by its own HEALTHCHECK), and on the CI PostgreSQL through a published port (admin
# CLI in the image creates an organisation and key, a session is created through the API, /health is checked).
# Prints the image size and the cold start times to healthy. Needs root and $VERILOCK_TEST_PG_* (.ci/postgres.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
export DEBIAN_FRONTEND=noninteractive
export CONTAINERS_CONF="$PWD/deploy/containers.conf"
need=()
for p in podman runc mmdebstrap slirp4netns; do command -v "$p" >/dev/null || need+=("$p"); done
if [ ${#need[@]} -gt 0 ]; then
  apt-get update -qq && apt-get -o DPkg::Lock::Timeout=600 install -y -qq "${need[@]}" >/dev/null
fi
run_id="ci$$"
port=$((20000 + RANDOM % 20000))
schema="img_${run_id}"
cleanup() {
  # One at a time: podman 4.3 removes neither when one of the names is already gone.
  for c in "vl-offline-$run_id" "vl-pg-$run_id"; do podman rm -f "$c" >/dev/null 2>&1 || true; done
  PGPASSWORD="$VERILOCK_TEST_PG_PASSWORD" psql -q -h 127.0.0.1 -U "$VERILOCK_TEST_PG_USER" -d "${VERILOCK_TEST_PG_URL##*/}" \
    -c "DROP SCHEMA IF EXISTS $schema CASCADE" >/dev/null 2>&1 || true
}
trap cleanup EXIT
seconds_since() { echo "$(date +%s.%N) $1" | awk '{printf "%.1f", $1 - $2}'; }

t0=$(date +%s)
./verilock image
echo "== image: built in $(( $(date +%s) - t0 )) s; $(du -m target/verilock-image.tar | cut -f1) MiB archive"
podman load -q -i target/verilock-image.tar
image=localhost/verilock:latest
echo "== image: $(podman image inspect --format '{{.Size}}' $image | awk '{printf "%d MiB", $1/1048576}') unpacked, user $(podman image inspect --format '{{.Config.User}}' $image)"

# 1. Offline, embedded H2: no network namespace at all, healthy by the image's own health check.
start=$(date +%s.%N)
podman run -d --runtime=runc --network=none --name "vl-offline-$run_id" $image >/dev/null 2>&1
for _ in $(seq 1 240); do
  if podman healthcheck run "vl-offline-$run_id" >/dev/null 2>&1; then break; fi
  [ "$(podman inspect --format '{{.State.Running}}' "vl-offline-$run_id")" = true ] || { podman logs "vl-offline-$run_id"; exit 1; }
  sleep 0.5
done
podman healthcheck run "vl-offline-$run_id" >/dev/null 2>&1 || { echo "offline container never became healthy"; podman logs "vl-offline-$run_id"; exit 1; }
echo "== image: offline (H2, --network=none) healthy after $(seconds_since "$start") s"
podman rm -f "vl-offline-$run_id" >/dev/null 2>&1

# The engine in the image (OpenCV, ONNX Runtime, every model), offline: one photo of the face data scored passively.
photo="$(find "${VERILOCK_DATA:-../shared/data}" -name '*.jpg' 2>/dev/null | sort | head -1 || true)"
if [ -n "$photo" ]; then
  scored=$(podman run --rm --runtime=runc --network=none -v "$(cd "$(dirname "$photo")" && pwd)/$(basename "$photo"):/in/photo.jpg:ro" \
    $image liveness --mode passive /in/photo.jpg --json 2>/dev/null | grep '"liveness_score"' || true)
  [ -n "$scored" ] || { echo "the engine did not score $photo in the image"; exit 1; }
  echo "== image: engine offline: $(basename "$photo") $(echo $scored | tr -d ' ,')"
else
  echo "== image: skipped the engine check: no face data (VERILOCK_DATA) on this machine"
fi

# 2. PostgreSQL (the host's, reached through slirp4netns's host loopback 10.0.2.2) and a published port.
db_env=(-e "VERILOCK_DB_URL=${VERILOCK_TEST_PG_URL/127.0.0.1/10.0.2.2}" -e "VERILOCK_DB_USER=$VERILOCK_TEST_PG_USER"
        -e "VERILOCK_DB_PASSWORD=$VERILOCK_TEST_PG_PASSWORD" -e "VERILOCK_DB_SCHEMA=$schema")
net=(--runtime=runc --network=slirp4netns:allow_host_loopback=true)
start=$(date +%s.%N)
podman run -d "${net[@]}" --name "vl-pg-$run_id" -p "127.0.0.1:$port:8080" "${db_env[@]}" $image >/dev/null 2>&1
for _ in $(seq 1 240); do
  curl -fsS "http://127.0.0.1:$port/health" >/dev/null 2>&1 && break
  [ "$(podman inspect --format '{{.State.Running}}' "vl-pg-$run_id")" = true ] || { podman logs "vl-pg-$run_id"; exit 1; }
  sleep 0.5
done
health=$(curl -fsS "http://127.0.0.1:$port/health")
echo "== image: PostgreSQL healthy through the published port after $(seconds_since "$start") s: $health"
# Every model in the image, the anti-spoofing one included: "ok", not "degraded".
case "$health" in *'"status":"ok"'*) ;; *) echo "unexpected /health: $health"; exit 1 ;; esac
case "$health" in *'"database":"ok"'*) ;; *) echo "unexpected /health: $health"; exit 1 ;; esac

# The admin CLI of the same image against the same database: an organisation and its key.
org=$(podman run --rm "${net[@]}" "${db_env[@]}" -e VERILOCK_ADMIN_ACTOR=ci $image admin org create "CI image test" 2>/dev/null | cut -f1)
key=$(podman run --rm "${net[@]}" "${db_env[@]}" -e VERILOCK_ADMIN_ACTOR=ci $image admin key create "$org" 2>/dev/null)
case "$key" in vl_live_*) ;; *) echo "admin key create printed '$key'"; exit 1 ;; esac
created=$(curl -sS -w ' %{http_code}' -X POST -H "Authorization: Bearer $key" -H 'Content-Type: application/json' \
  -d '{"profile": {"steps": ["selfie"], "liveness_mode": "active"}}' "http://127.0.0.1:$port/v1/sessions")
[ "${created##* }" = 201 ] || { echo "session creation: $created"; exit 1; }
id=$(echo "${created% *}" | sed -n 's/.*"id":"\(ses_[^"]*\)".*/\1/p')
got=$(curl -sS -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $key" "http://127.0.0.1:$port/v1/sessions/$id")
[ "$got" = 200 ] || { echo "GET /v1/sessions/$id: $got"; exit 1; }
echo "== image: admin org/key in the image, session $id created and read through port $port"
