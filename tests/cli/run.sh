#!/usr/bin/env bash
# The command-line layer: each script prints TAP; numbering restarts per script, the
# runner counts ok / not ok lines.
cd "$(dirname "$0")/../.."
rc=0
for t in tests/cli/venues.sh tests/cli/sale.sh tests/cli/supervisor.sh tests/cli/shift.sh tests/cli/kills.sh tests/cli/gate.sh tests/cli/helpdesk.sh tests/cli/password.sh tests/cli/contact_key.sh tests/cli/exchange.sh tests/cli/tls.sh tests/cli/install.sh tests/cli/backup.sh tests/cli/pitr.sh tests/cli/health.sh tests/cli/valgrind.sh; do
  echo "# $t"
  "$t" || rc=1
done
exit $rc
