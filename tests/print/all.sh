#!/usr/bin/env bash
# The printing layer: CUPS through the C module, then tickets end to end.
cd "$(dirname "$0")/../.."
rc=0
for t in tests/print/run.sh tests/print/tickets.sh; do
  echo "# $t"
  "$t" || rc=1
done
exit $rc
