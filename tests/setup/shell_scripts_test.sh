#!/usr/bin/env bash
# Every shell script in the repository parses (`bash -n`) and is clean under shellcheck (Debian's package,
# which `scripts/dev test` installs). A script is a tracked file named *.sh or starting with a sh/bash #! line.
#   tests/setup/shell_scripts_test.sh [REPOSITORY_ROOT]
set -euo pipefail
cd "${1:-$(dirname "$0")/../..}"
command -v shellcheck >/dev/null || { echo "shellcheck is not installed (apt-get install shellcheck)" >&2; exit 1; }

if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
    mapfile -t files < <(git ls-files --cached --others --exclude-standard)
else
    mapfile -t files < <(find . -path ./build -prune -o -path ./web/node_modules -prune -o -type f -print | sed 's|^\./||')
fi
scripts=()
for f in "${files[@]}"; do
    [ -f "$f" ] || continue
    if [[ $f == *.sh ]] || head -n1 "$f" | grep -Eq '^#!(/usr)?/bin/(env )?(ba)?sh\b'; then scripts+=("$f"); fi
done
((${#scripts[@]})) || { echo "no shell scripts found: the search is broken" >&2; exit 1; }

status=0
for f in "${scripts[@]}"; do
    bash -n "$f" || { echo "bash -n: $f does not parse" >&2; status=1; }
done
shellcheck --external-sources "${scripts[@]}" || status=1
echo "${#scripts[@]} shell scripts checked: ${scripts[*]}"
exit "$status"
