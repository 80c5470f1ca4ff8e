#!/bin/sh
# Makes the expected reports of ReportGoldenCLITests: a small made-up season (scripts/bench-reports.sql
# with 300 events and 6,000 registrations) reported by relais at main 2e0c58e, before reports were
# read in one pass over the registrations, in every format. Today's relais must print the same bytes.
#
#   sh Tests/Fixtures/ReportGolden/make.sh /path/to/relais-built-at-2e0c58e
set -eu
RELAIS=${1:?the relais binary built at 2e0c58e}
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../../.." && pwd)
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
DB="$WORK/relais.sqlite"
cd "$ROOT"  # the territory: Config/territories/default.conf
"$RELAIS" --db "$DB" campaigns list >/dev/null
sqlite3 -cmd "CREATE TEMP TABLE bench_size AS SELECT 300 AS events, 6000 AS registrations" "$DB" < scripts/bench-reports.sql
# Each line: the expected file, then the report's arguments (as ReportGoldenCLITests.runs lists them).
while read -r name arguments; do
    # shellcheck disable=SC2086  # $arguments holds the options
    RELAIS_NOW=2028-01-15T10:00 "$RELAIS" --db "$DB" report $arguments > "$HERE/$name"
done <<'RUNS'
all.txt all --year 2027
all.csv all --year 2027 --format csv
all.json all --year 2027 --format json
all.html all --year 2027 --format html
all-unmasked.json all --year 2027 --format json --unmasked
march.txt all --from 2027-03-01 --to 2027-04-01
campaign.csv all --year 2027 --campaign bench-3 --format csv
fa14-young18.json fa14 --year 2027 --young-under 18 --format json
RUNS
