#!/usr/bin/env bash
# Checks `zksim run --chrome-trace`: valid JSON in Trace Event Format, one named track per
# server, LOOKING/FOLLOWING/LEADING state spans, and messages as paired flow events.
set -euo pipefail
zksim=$1
scenario=$2
out=$3
"$zksim" run --quiet --chrome-trace "$out" "$scenario" >/dev/null
/usr/bin/python3 - "$out" <<'PY'
import json, sys
events = json.load(open(sys.argv[1]))["traceEvents"]
names = {e["args"]["name"] for e in events if e["ph"] == "M"}
assert {"S1", "S2", "S3"} <= names, names
states = {e["name"] for e in events if e["ph"] == "X" and e.get("cat") != "message"}
assert {"LOOKING", "FOLLOWING", "LEADING"} <= states, states
starts = {e["id"] for e in events if e["ph"] == "s"}
finishes = {e["id"] for e in events if e["ph"] == "f"}
assert starts and starts == finishes, "every message flow needs a start and a finish"
kinds = {e["name"] for e in events if e["ph"] == "s"}
assert {"NOTIFICATION", "FOLLOWERINFO", "NEWLEADER"} <= kinds, kinds
print(f"chrome trace ok: {len(events)} events, {len(starts)} message flows")
PY
