#!/usr/bin/env bash
# The README's run command, as a new user gives it: starts `scripts/dev run` unchanged in the repository (on a
# free port through SEATKEEPER_LISTEN), waits for /readyz while it sets up and builds, then fetches Partner
# Center's page and a public API route, signs in as a demo account and reads that publisher's offers, and
# stops the server with SIGTERM. .ci/run runs it after the tests on its fresh clone, where the first start
# creates data/seatkeeper.db with the demo data; a broken run command fails CI.
#   tests/setup/readme_run_test.sh [seconds to wait for ready, default 1800]
set -euo pipefail
cd "$(dirname "$0")/../.."
limit=${1:-1800}
work=$(mktemp -d)
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
base="http://127.0.0.1:$port"
log="$work/run.log"

pid=
cleanup() {
    if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then kill -KILL -- "-$pid" 2>/dev/null || true; fi
    rm -rf "$work"
}
trap cleanup EXIT

fail() {
    echo "README run command: $*" >&2
    echo "--- last lines of its output ---" >&2
    tail -n 40 "$log" >&2 || true
    exit 1
}

# setsid: its own process group, so a timeout stops the builds it started too. `exec` in scripts/dev makes
# this pid the server's.
echo "starting: SEATKEEPER_LISTEN=127.0.0.1:$port scripts/dev run" >&2
SEATKEEPER_LISTEN=127.0.0.1:$port setsid scripts/dev run >"$log" 2>&1 </dev/null &
pid=$!
started=$SECONDS
until curl -sf -o /dev/null "$base/readyz"; do
    kill -0 "$pid" 2>/dev/null || { wait "$pid" && status=0 || status=$?; fail "exited with status $status before it was ready"; }
    ((SECONDS - started < limit)) || fail "not ready after ${limit}s"
    sleep 1
done
echo "ready after $((SECONDS - started))s" >&2

# Partner Center is the web UI's page, not an error or an empty body.
page=$(curl -sf "$base/partner") || fail "GET /partner failed"
[[ $page == *'<div id="root"'* ]] || fail "GET /partner is not the web UI's page: ${page:0:200}"
asset=$(grep -o '/assets/[^"]*\.js' <<<"$page" | head -n1)
[ -n "$asset" ] || fail "GET /partner names no script"
curl -sf -o /dev/null "$base$asset" || fail "the page's script $asset is not served"

# A public API route answers with the demo data's live offers.
offers=$(curl -sf "$base/api/v1/marketplace/offers") || fail "GET /api/v1/marketplace/offers failed"
[[ $offers == *'"contoso.crm"'* ]] || fail "the marketplace does not list the demo offer contoso.crm: ${offers:0:300}"

# A demo account signs in, and its session reads its publisher's offers.
login=$(curl -sf -c "$work/jar" -H 'Content-Type: application/json' -X POST "$base/api/v1/auth/login" \
    -d '{"email":"admin@contoso.example","password":"demo-password-1"}') ||
    fail "signing in as admin@contoso.example failed (a data/seatkeeper.db from before without the demo data?)"
[[ $login == *'"csrf_token"'* ]] || fail "the sign-in answer has no csrf_token: $login"
mine=$(curl -sf -b "$work/jar" "$base/api/v1/offers") || fail "GET /api/v1/offers with the session failed"
[[ $mine == *'"crm"'* ]] || fail "the signed-in publisher's offers do not include crm: ${mine:0:300}"

# SIGTERM stops it cleanly.
kill -TERM "$pid"
for _ in $(seq 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
kill -0 "$pid" 2>/dev/null && fail "still running 10s after SIGTERM"
wait "$pid" && status=0 || status=$?
[ "$status" = 0 ] || fail "exited with status $status after SIGTERM"
pid=
echo "README run command: served the UI and the API with the demo data, signed in, stopped cleanly"
