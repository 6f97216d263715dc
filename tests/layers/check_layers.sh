#!/usr/bin/env bash
# The include graph of core points one way: a folder includes only folders of its own layer or
# below (docs/architecture.md). Prints every include that runs back up and fails if there is one.
set -euo pipefail
root=${1:?usage: check_layers.sh SOURCE_DIR}
rank() {
    case "$1" in
    common) echo 1 ;;
    store | net | numbering | crypto) echo 2 ;;
    tenancy) echo 3 ;;
    vault) echo 4 ;;
    ingest | demo | oauth | crm) echo 5 ;;
    providers) echo 6 ;;
    recordings) echo 7 ;;
    *) echo "unknown core folder '$1': give it a layer in tests/layers/check_layers.sh" >&2; exit 2 ;;
    esac
}
status=0
checked=0
while IFS= read -r file; do
    from=$(echo "${file#"$root"/core/}" | cut -d/ -f1)
    from_rank=$(rank "$from")
    while IFS= read -r to; do
        to_rank=$(rank "$to")
        checked=$((checked + 1))
        if [ "$to_rank" -gt "$from_rank" ]; then
            echo "upward include: ${file#"$root"/} (layer $from_rank) includes core/$to (layer $to_rank)"
            status=1
        fi
    done < <(grep -oE '^#include <core/[a-z]+/' "$file" | sed -E 's|#include <core/([a-z]+)/|\1|' || true)
done < <(find "$root/core" -name '*.h' -o -name '*.cpp')
echo "checked $checked includes between core folders"
# The console never waits: what blocks (the keychain's waiting helper, the key source built on
# it) is for switchboardctl and the server only.
while IFS= read -r hit; do
    echo "the console includes a blocking helper: $hit"
    status=1
done < <(grep -rnE '^#include <core/vault/(blockingkeychain|keysource)\.h>' "$root/ui" || true)
exit "$status"
