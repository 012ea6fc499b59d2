#!/usr/bin/env bash
# The set-up path of the README's two commands, on machines that lack packages: runs the real `scripts/dev
# setup run|test` (the set-up `scripts/dev run` and `scripts/dev test` begin with) in a copy of the scripts,
# with dpkg-query, apt-get and npm replaced on PATH by shims that keep a pretend package database and record
# what they are asked. Fails if the script stops early, asks for the wrong packages, reinstalls what is there,
# or fails without saying why.
#   tests/setup/dev_setup_test.sh [REPOSITORY_ROOT]
set -euo pipefail
repo=$(cd "${1:-$(dirname "$0")/../..}" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

failures=0
fail() {
    echo "FAIL: $*" >&2
    failures=$((failures + 1))
}

# The shims. The package database is one name per line in $SHIM_STATE/installed; calls go to $SHIM_STATE/calls.
mkdir -p "$work/bin"
cat >"$work/bin/dpkg-query" <<'SHIM'
#!/usr/bin/env bash
# Like dpkg-query -W -f=FORMAT PACKAGE…: formats the installed ones, complains about the others and then exits 1.
set -u
echo "dpkg-query $*" >>"$SHIM_STATE/calls"
format='${Package}\n'
status=0
packages=()
for arg in "$@"; do
    case "$arg" in
        -W | --show) ;;
        -f=* | --showformat=*) format=${arg#*=} ;;
        -*) echo "dpkg-query shim: unexpected option $arg" >&2; exit 2 ;;
        *) packages+=("$arg") ;;
    esac
done
for p in "${packages[@]}"; do
    if grep -qx -- "$p" "$SHIM_STATE/installed"; then
        out=${format//'${Package}'/$p}
        out=${out//'${Status}'/install ok installed}
        printf '%b' "$out"
    else
        echo "dpkg-query: no packages found matching $p" >&2
        status=1
    fi
done
exit "$status"
SHIM
cat >"$work/bin/apt-get" <<'SHIM'
#!/usr/bin/env bash
# Records the call; `install` adds its packages to the pretend database unless told to fail.
set -u
echo "apt-get $*" >>"$SHIM_STATE/calls"
[ "$(id -u)" = 0 ] || { echo "apt-get shim: not root" >&2; exit 100; }
sub=
for arg in "$@"; do
    case "$arg" in
        update | install) sub=$arg ;;
        -o) ;;
        -*) ;;
        *=*) ;;
        *) if [ "$sub" = install ] && [ "${SHIM_APT_FAIL:-}" != 1 ]; then
               [ "${SHIM_APT_DROP:-}" = "$arg" ] || echo "$arg" >>"$SHIM_STATE/installed"
           fi ;;
    esac
done
if [ "$sub" = install ] && [ "${SHIM_APT_FAIL:-}" = 1 ]; then
    echo "E: Unable to locate package (shim)" >&2
    exit 100
fi
exit 0
SHIM
cat >"$work/bin/npm" <<'SHIM'
#!/usr/bin/env bash
# Records the call; `npm ci` makes node_modules.
set -u
echo "npm $*" >>"$SHIM_STATE/calls"
if [ "${1:-}" = ci ]; then
    [ "${SHIM_NPM_FAIL:-}" = 1 ] && { echo "npm ERR! shim" >&2; exit 1; }
    mkdir -p node_modules
fi
exit 0
SHIM
# Not root: sudo hands the command on, as it would for a user allowed to install.
cat >"$work/bin/sudo" <<'SHIM'
#!/usr/bin/env bash
echo "sudo $*" >>"$SHIM_STATE/calls"
exec "$@"
SHIM
cat >"$work/bin/id" <<'SHIM'
#!/usr/bin/env bash
# The shims' apt-get wants root, as the real one does; sudo (the shim) gives it.
if [ "${1:-}" = -u ]; then echo 0; else exec /usr/bin/id "$@"; fi
SHIM
chmod +x "$work/bin/"*

# The package lists, as scripts/dev states them (the test checks how they are used, not their spelling: the
# real set-up of this run has just installed every one of them).
list() {
    # shellcheck disable=SC2016 # the variable is expanded by the sourced script, not here
    bash -c 'eval "$(sed -n "/^$1=(/,/^)/p" "$2")"; eval "printf \"%s\\n\" \"\${$1[@]}\""' _ "$1" "$repo/scripts/dev"
}
mapfile -t run_packages < <(list run_packages)
mapfile -t test_packages < <(list test_packages)
((${#run_packages[@]} > 10)) || { echo "could not read run_packages from scripts/dev" >&2; exit 1; }
((${#test_packages[@]} > 3)) || { echo "could not read test_packages from scripts/dev" >&2; exit 1; }

# A new machine each case: a copy of scripts/ and the web UI's lock file, and the given installed packages.
case_no=0
new_machine() {
    case_no=$((case_no + 1))
    machine="$work/machine$case_no"
    mkdir -p "$machine/repo/web" "$machine/state"
    cp -r "$repo/scripts" "$machine/repo/"
    cp "$repo/web/package-lock.json" "$machine/repo/web/"
    printf '%s\n' "$@" >"$machine/state/installed"
    : >"$machine/state/calls"
}

# Runs scripts/dev with the shims first on PATH; status in $status, stderr in $machine/stderr.
dev() {
    status=0
    (
        # Not the caller's: `scripts/dev test` itself exports these for the tests it runs, this one among them.
        unset SEATKEEPER_TEST_POSTGRES_URL SEATKEEPER_TEST_POSTGRES
        [ -z "${DEV_CASE_ENV:-}" ] || export "${DEV_CASE_ENV?}"  # the one setting a case is about
        export SHIM_STATE="$machine/state"
        export PATH="$work/bin:$PATH"
        [ "$(command -v apt-get)" = "$work/bin/apt-get" ] || { echo "the apt-get shim is not first on PATH" >&2; exit 99; }
        "$machine/repo/scripts/dev" "$@"
    ) >"$machine/stdout" 2>"$machine/stderr" </dev/null || status=$?
    [ "$status" != 99 ] || { echo "shims not in place; stopping before anything real is installed" >&2; exit 1; }
}

# The packages apt-get was asked to install, sorted, one per line.
asked_to_install() {
    grep '^apt-get .*install' "$machine/state/calls" | tr ' ' '\n' | grep -v -e '^-' -e '^apt-get$' -e '^install$' \
        -e '=' -e '^DPkg::' | sort || true
}

sorted() { printf '%s\n' "$@" | sed '/^$/d' | sort; }

expect_complete() {
    local what=$1
    [ "$status" = 0 ] || fail "$what: exited with $status: $(cat "$machine/stderr")"
    grep -q "set-up for \`scripts/dev $2\` complete" "$machine/stderr" ||
        fail "$what: stopped before the end of the set-up: $(cat "$machine/stderr")"
}

expect_npm_ci() {
    grep -q '^npm ci' "$machine/state/calls" || fail "$1: the web UI's npm packages were not installed"
}

expect_installed() {
    local what=$1
    shift
    local want got
    want=$(sorted "$@")
    got=$(asked_to_install)
    [ "$want" = "$got" ] || fail "$what: apt-get was asked for
$(diff <(echo "$want") <(echo "$got") | sed -n 's/^[<>]/ &/p')
(< expected, > asked)"
}

# 1. A machine with none of the packages: `run` installs all of its own, and only those.
new_machine
dev setup run
expect_complete "nothing installed, setup run" run
expect_installed "nothing installed, setup run" "${run_packages[@]}"
expect_npm_ci "nothing installed, setup run"
grep -q '^apt-get update' "$machine/state/calls" || fail "nothing installed: apt-get update was not run first"

# 2. `test` on the same machine: only what `test` adds (PostgreSQL included); nothing is reinstalled.
: >"$machine/state/calls"
dev setup test
expect_complete "run's packages installed, setup test" test
expect_installed "run's packages installed, setup test" "${test_packages[@]}" postgresql

# 3. Everything there: no apt-get at all, and npm ci is not repeated for the same lock file.
: >"$machine/state/calls"
dev setup test
[ "$status" = 0 ] || fail "everything installed: exited with $status: $(cat "$machine/stderr")"
if grep -q '^apt-get' "$machine/state/calls"; then fail "everything installed: apt-get was called: $(grep '^apt-get' "$machine/state/calls")"; fi
if grep -q '^npm ci' "$machine/state/calls"; then fail "everything installed: npm ci ran again"; fi

# 4. Some missing, the rest there (the case that once exited at once): exactly the missing ones.
present=()
for p in "${run_packages[@]}"; do
    case "$p" in libcli11-dev | ccache | libtomlplusplus-dev) ;; *) present+=("$p") ;; esac
done
new_machine "${present[@]}"
dev setup run
expect_complete "three missing, setup run" run
expect_installed "three missing, setup run" libcli11-dev ccache libtomlplusplus-dev
expect_npm_ci "three missing, setup run"

# 5. The PostgreSQL tests left out or pointed elsewhere: no postgresql.
new_machine "${run_packages[@]}"
DEV_CASE_ENV=SEATKEEPER_TEST_POSTGRES=off dev setup test
expect_complete "SEATKEEPER_TEST_POSTGRES=off" test
expect_installed "SEATKEEPER_TEST_POSTGRES=off" "${test_packages[@]}"
new_machine "${run_packages[@]}"
DEV_CASE_ENV=SEATKEEPER_TEST_POSTGRES_URL=postgresql://elsewhere/postgres dev setup test
expect_installed "SEATKEEPER_TEST_POSTGRES_URL set" "${test_packages[@]}"

# 6. Not root: apt-get goes through sudo.
new_machine
if [ "$(/usr/bin/id -u)" != 0 ]; then
    dev setup run
    grep -q '^sudo .*apt-get' "$machine/state/calls" || fail "not root: apt-get was not run through sudo"
fi

# 7. apt-get fails: the script stops, says apt-get failed and for what, and goes no further.
new_machine
SHIM_APT_FAIL=1 dev setup run
[ "$status" != 0 ] || fail "apt-get failing: the script exited 0"
grep -q "apt-get install failed for: .*libcli11-dev" "$machine/stderr" ||
    fail "apt-get failing: no message naming apt-get and the packages: $(cat "$machine/stderr")"
if grep -q '^npm' "$machine/state/calls"; then fail "apt-get failing: the set-up went on to npm"; fi

# 8. apt-get says it worked but a package is still not there: said, not ignored.
new_machine
SHIM_APT_DROP=libzip-dev dev setup run
[ "$status" != 0 ] || fail "package still missing after apt-get: the script exited 0"
grep -q "does not list as installed: libzip-dev" "$machine/stderr" ||
    fail "package still missing after apt-get: no message naming it: $(cat "$machine/stderr")"

# 9. npm ci fails: said so.
new_machine "${run_packages[@]}"
SHIM_NPM_FAIL=1 dev setup run
[ "$status" != 0 ] || fail "npm ci failing: the script exited 0"
grep -q "npm ci in web/ failed" "$machine/stderr" || fail "npm ci failing: no message: $(cat "$machine/stderr")"

# 10. A command failing where no step has its own message: the ERR trap names the step, command and line.
new_machine "${run_packages[@]}"
rm "$machine/repo/web/package-lock.json"
dev setup run
[ "$status" != 0 ] || fail "no lock file: the script exited 0"
grep -Eq "error while installing the web UI's npm packages: \`.*sha256sum.*\` exited with status [1-9][0-9]* \(scripts/dev line [0-9]+\)" \
    "$machine/stderr" || fail "no lock file: the ERR trap did not name the step, command and line: $(cat "$machine/stderr")"

# 11. A usage error is not a silent exit either.
new_machine
dev setup
[ "$status" != 0 ] || fail "setup without a command: exited 0"
[ -s "$machine/stderr" ] || fail "setup without a command: said nothing"

if ((failures)); then
    echo "$failures check(s) of the set-up path failed" >&2
    exit 1
fi
echo "set-up path: $case_no machines, every check passed"
