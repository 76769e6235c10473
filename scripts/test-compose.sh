#!/usr/bin/env bash
# Builds Ebb's image and runs compose.yaml for real: the app waits for a
# healthy database, becomes healthy itself, keeps a user and their reviews
# across `down` and `up`, answers 503 without restarting while the database is
# stopped and recovers when it is back; `down -v` removes the data.
#
# Engine: a Docker engine if one answers; otherwise the compose rig in
# ../shared/compose-rig (Podman behind the Docker API, needs root); otherwise
# it says why it skipped and exits 0.
#
# The stack runs from a copy of the working tree in a temporary folder, with an
# .env generated there from .env.example: nothing is written into the
# repository, a developer's own .env is neither read nor touched, and edits
# made while the test runs do not reach its build.
#
# EBB_TEST_HEALTH_TIMEOUT: seconds to wait for the app to become healthy after
# a start (default 240).
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
rig="$root/../shared/compose-rig/rig"
project=ebbcomposetest
base_url=http://localhost:3000
app_health_timeout=${EBB_TEST_HEALTH_TIMEOUT:-240}
started_at=$SECONDS

step() { printf '\n== %s\n' "$*"; }
note() { printf '   %s\n' "$*"; }
fail() {
  printf '\nFAIL: %s\n' "$*" >&2
  exit 1
}
skip() {
  printf 'test:compose skipped: %s\n' "$*"
  exit 0
}

# --- engine --------------------------------------------------------------------

using_rig=0
if command -v docker >/dev/null 2>&1 && docker info >/dev/null 2>&1; then
  engine="the Docker engine"
elif [ -x "$rig" ]; then
  [ "$(id -u)" = 0 ] || skip "no Docker engine answers, and the compose rig ($rig) needs root"
  using_rig=1
  engine="the compose rig (Podman)"
else
  skip "no Docker engine answers (docker info failed) and there is no compose rig at ../shared/compose-rig"
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/ebb-compose-test.XXXXXX")
ctx=$work/ebb
stack_up=0

compose() { (cd "$ctx" && "${compose_cmd[@]}" -p "$project" "$@"); }

cleanup() {
  local status=$?
  set +e
  if [ "$stack_up" = 1 ]; then
    if [ "$status" != 0 ]; then
      step "logs (the test failed)"
      compose ps
      compose logs --no-color --tail 60
    fi
    step "cleanup: down -v"
    compose down -v --remove-orphans
  fi
  rm -rf "$work"
  if [ "$using_rig" = 1 ]; then
    step "cleanup: rig down"
    "$rig" down
  fi
  printf '\ntest:compose %s after %d s\n' "$([ "$status" = 0 ] && echo passed || echo FAILED)" $((SECONDS - started_at))
}
trap cleanup EXIT
trap 'exit 130' INT TERM

step "engine: $engine"
if [ "$using_rig" = 1 ]; then
  "$rig" up >/dev/null
  eval "$("$rig" env)"
fi
docker version --format '   server {{.Server.Version}}'

# The rig speaks the Docker API of Podman, which Compose v2's BuildKit builds
# do not drive; docker-compose 1.29 builds through the plain API.
if [ "$using_rig" = 0 ] && docker compose version >/dev/null 2>&1; then
  compose_cmd=(docker compose)
elif command -v docker-compose >/dev/null 2>&1; then
  compose_cmd=(docker-compose)
else
  fail "neither 'docker compose' nor 'docker-compose' is installed"
fi
note "compose: $("${compose_cmd[@]}" version | head -n 1)"

# --- working copy and .env -----------------------------------------------------

step "working copy in $ctx"
mkdir -p "$ctx"
if git -C "$root" rev-parse --is-inside-work-tree >/dev/null 2>&1; then
  # Tracked and new files, as a commit would have them; ignored ones (.env,
  # node_modules, .data, build output) stay behind.
  git -C "$root" ls-files -z --cached --others --exclude-standard |
    (cd "$root" && tar --null --ignore-failed-read -T - -cf - 2>/dev/null) |
    tar -xf - -C "$ctx"
else
  (cd "$root" && tar --exclude=node_modules --exclude='.next*' --exclude=.data --exclude='.env*' -cf - .) |
    tar -xf - -C "$ctx"
fi

random_hex() { node -e 'process.stdout.write(require("node:crypto").randomBytes(Number(process.argv[1])).toString("hex"))' "$1"; }
pg_user=ebb
pg_db=ebb
# Fresh for this run and only in the temporary folder; .env.example supplies
# every other value, so the example itself is what gets tested.
sed -e "s/^POSTGRES_PASSWORD=.*/POSTGRES_PASSWORD=$(random_hex 18)/" \
  -e "s/^NEXTAUTH_SECRET=.*/NEXTAUTH_SECRET=$(random_hex 32)/" \
  -e "s/^POSTGRES_USER=.*/POSTGRES_USER=$pg_user/" \
  -e "s/^POSTGRES_DB=.*/POSTGRES_DB=$pg_db/" \
  "$root/.env.example" >"$ctx/.env"
chmod 600 "$ctx/.env"
note ".env generated from .env.example with a random POSTGRES_PASSWORD and NEXTAUTH_SECRET"

# --- static checks -------------------------------------------------------------

# A linter that is a devDependency runs from node_modules; otherwise npx
# fetches the pinned version.
lint_tool() {
  local name=$1 version=$2
  shift 2
  if [ -x "$root/node_modules/.bin/$name" ]; then
    "$root/node_modules/.bin/$name" "$@"
  else
    note "($name is not installed as a devDependency; running $name@$version through npx)"
    npx --yes "$name@$version" "$@"
  fi
}

step "validate compose.yaml: compose config"
compose config -q
note "ok"

step "validate compose.yaml: dclint"
# The app's port is meant to be reachable from other machines, so it is
# published on all interfaces on purpose; the database publishes no port.
(cd "$ctx" && lint_tool dclint 3.1.0 compose.yaml --disable-rule no-unbound-port-interfaces)
note "ok (a warning about a missing top-level name is expected: docker-compose 1.29 rejects that field)"

step "lint Dockerfile: dockerfile-utils"
(cd "$ctx" && lint_tool dockerfile-utils 0.16.3 lint Dockerfile)
note "ok"

# --- build ---------------------------------------------------------------------

if (echo >/dev/tcp/127.0.0.1/3000) 2>/dev/null; then
  fail "something already listens on port 3000 of this machine; stop it first (the stack publishes 3000:3000)"
fi

step "build the app image"
build_started=$SECONDS
compose build app
image_id=$(docker image inspect --format '{{.Id}}' "${project}_app" 2>/dev/null ||
  docker image inspect --format '{{.Id}}' "${project}-app")
image_bytes=$(docker image inspect --format '{{.Size}}' "$image_id")
note "built in $((SECONDS - build_started)) s; image size $((image_bytes / 1000 / 1000)) MB ($image_bytes bytes)"

# --- helpers -------------------------------------------------------------------

container_of() { compose ps -q "$1"; }

health_of() { docker inspect --format '{{if .State.Health}}{{.State.Health.Status}}{{else}}none{{end}}' "$1"; }

# wait_health SERVICE STATUS TIMEOUT: polls Docker's health status, printing each change.
wait_health() {
  local service=$1 want=$2 timeout=$3 id status last="" deadline=$((SECONDS + $3))
  id=$(container_of "$service")
  [ -n "$id" ] || fail "service $service has no container"
  while :; do
    status=$(health_of "$id")
    if [ "$status" != "$last" ]; then
      note "$service: $status (after $((SECONDS - deadline + timeout)) s)"
      last=$status
    fi
    [ "$status" = "$want" ] && return 0
    [ "$SECONDS" -ge "$deadline" ] && fail "$service did not become $want within $timeout s (last: $status)"
    sleep 2
  done
}

# GET /api/health from this machine: prints "STATUS BODY" (STATUS 000 when
# nothing answers).
http_health() {
  # shellcheck disable=SC2016 # ${...} is JavaScript here, for node, not the shell.
  node -e '
    fetch(process.argv[1], { signal: AbortSignal.timeout(8000) })
      .then(async (r) => process.stdout.write(`${r.status} ${await r.text()}`))
      .catch(() => process.stdout.write("000 (no answer)"))' "$base_url/api/health"
}

# wait_http STATUS TIMEOUT
wait_http() {
  local want=$1 timeout=$2 deadline=$((SECONDS + $2)) answer
  while :; do
    answer=$(http_health)
    if [ "${answer%% *}" = "$want" ]; then
      note "GET /api/health -> $answer"
      return 0
    fi
    [ "$SECONDS" -ge "$deadline" ] && fail "/api/health did not answer $want within $timeout s (last: $answer)"
    sleep 2
  done
}

smoke() { (cd "$root" && node_modules/.bin/tsx scripts/compose-smoke.ts "$@" --state "$work/smoke.json" --url "$base_url"); }

reviews_in_db() {
  local email
  email=$(node -e 'process.stdout.write(JSON.parse(require("node:fs").readFileSync(process.argv[1], "utf8")).email)' "$work/smoke.json")
  compose exec -T db psql -U "$pg_user" -d "$pg_db" -tAc \
    "SELECT count(*) FROM \"ReviewLog\" r JOIN \"User\" u ON u.id = r.\"userId\" WHERE u.email = '$email'" | tr -d '[:space:]'
}

# --- first start ---------------------------------------------------------------

step "up -d: app waits for db to be healthy, then becomes healthy"
stack_up=1
compose up -d
db_status=$(health_of "$(container_of db)")
[ "$db_status" = healthy ] || fail "compose started app while db was '$db_status', not healthy"
db_healthy_at=$(docker inspect --format \
  '{{range .State.Health.Log}}{{if eq .ExitCode 0}}{{.End}}{{println}}{{end}}{{end}}' "$(container_of db)" | head -n 1)
app_started_at=$(docker inspect --format '{{.State.StartedAt}}' "$(container_of app)")
note "db first passed its healthcheck at $db_healthy_at; app started at $app_started_at"
if [ -n "$db_healthy_at" ]; then
  # Podman writes "2026-01-02 03:04:05.6 +0000 UTC", Docker RFC 3339; date reads both without the zone name.
  db_healthy_ns=$(date -d "${db_healthy_at% UTC}" +%s%N)
  app_started_ns=$(date -d "$app_started_at" +%s%N)
  [ "$app_started_ns" -ge "$db_healthy_ns" ] || fail "app started before db was healthy"
fi
wait_health app healthy "$app_health_timeout"
wait_http 200 30
compose logs --no-color app | grep '"component":"start-server"' | sed 's/^/   /'
compose ps

step "sign up, sign in and save two reviews over HTTP"
smoke save
saved=$(reviews_in_db)
[ "$saved" = 2 ] || fail "expected 2 reviews in the database, found '$saved'"
note "database holds $saved reviews for the user"

# --- restart -------------------------------------------------------------------

step "down, then up -d again: the volume keeps the data"
compose down
docker volume inspect "${project}_pgdata" >/dev/null || fail "volume ${project}_pgdata is gone after down"
note "volume ${project}_pgdata still there"
compose up -d
wait_health app healthy "$app_health_timeout"
smoke verify
kept=$(reviews_in_db)
[ "$kept" = 2 ] || fail "expected the 2 reviews after restart, found '$kept'"
note "database still holds $kept reviews for the user"

# --- database outage -----------------------------------------------------------

step "stop db while app runs: health turns 503, app keeps running"
app_id=$(container_of app)
app_started=$(docker inspect --format '{{.State.StartedAt}}' "$app_id")
app_restarts=$(docker inspect --format '{{.RestartCount}}' "$app_id")
compose stop db
wait_http 503 60
# Docker marks the container unhealthy but does not restart it for that;
# waiting for the mark shows the app lived through several failed checks.
wait_health app unhealthy 90
[ "$(docker inspect --format '{{.State.Running}}' "$app_id")" = true ] || fail "app stopped while db was down"
[ "$(docker inspect --format '{{.State.StartedAt}}' "$app_id")" = "$app_started" ] || fail "app was restarted while db was down"
note "app still running, not restarted"

step "start db again: app recovers by itself"
compose start db
wait_health db healthy 60
wait_http 200 90
wait_health app healthy 90
[ "$(docker inspect --format '{{.State.StartedAt}}' "$app_id")" = "$app_started" ] || fail "app was restarted during the outage"
[ "$(docker inspect --format '{{.RestartCount}}' "$app_id")" = "$app_restarts" ] || fail "app's restart count changed"
note "same app container throughout (started $app_started, restarts: $app_restarts)"

# --- start while the database is down ------------------------------------------

step "restart app while db is down: the start script waits with backoff"
compose stop db
compose restart app
waits=0
for _ in $(seq 30); do
  waits=$(compose logs --no-color app | grep -c '"message":"waiting for database"' || true)
  [ "$waits" -ge 3 ] && break
  sleep 1
done
[ "$waits" -ge 3 ] || fail "expected the start script to log its attempts while db is down; found $waits"
compose logs --no-color app | grep '"message":"waiting for database"' | tail -n 3 | sed 's/^/   /'
compose start db
wait_health app healthy "$app_health_timeout"
answered=$(compose logs --no-color app | grep '"message":"database answers"' | tail -n 1)
note "${answered#*| }"
attempts=0
[[ "$answered" =~ \"attempt\":([0-9]+) ]] && attempts=${BASH_REMATCH[1]}
[ "$attempts" -ge 2 ] || fail "expected the start script to reach the database after several attempts, not $attempts"

# --- down -v -------------------------------------------------------------------

step "down -v: containers and the volume go"
compose down -v
stack_up=0
if docker volume inspect "${project}_pgdata" >/dev/null 2>&1; then
  fail "volume ${project}_pgdata is still there after down -v"
fi
note "volume removed"
note "image size: $((image_bytes / 1000 / 1000)) MB"
