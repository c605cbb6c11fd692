"""fleetgate webhooks from Python: verify, sign, parse a Smartcar event, and re-verify stored deliveries.

Run: .venv/bin/python examples/python/webhooks_demo.py
"""

import os
import subprocess
import sys
import tempfile
from pathlib import Path

import fleetgate
from fleetgate import smartcar, webhooks

AMT = "demo-application-management-token"
body = (b'{"eventId":"evt_1","eventType":"VEHICLE_STATE","data":{"vehicle":{"id":"veh_1"},"signals":'
        b'[{"code":"odometer-traveleddistance","body":{"unit":"km","value":104.320},"meta":{"oemUpdatedAt":1731000000000}}]}}')

print("== Python: fleetgate.webhooks and fleetgate.smartcar ==")
verifier = webhooks.Verifier.smartcar(AMT)
headers = verifier.sign(body)
print("sign ->", headers)
print("verify ->", verifier.verify(headers, body))
for reading in smartcar.parse_event(body).readings:
    print("reading ->", reading.to_dict())
try:
    verifier.verify(headers, body.replace(b"104.320", b"14.320"))
except fleetgate.WebhookError as err:
    print(f"tampered body -> WebhookError code={err.code}")

with tempfile.TemporaryDirectory() as folder:
    for name, raw in (("good", body), ("tampered", body + b" ")):
        Path(folder, f"{name}.body").write_bytes(raw)
        Path(folder, f"{name}.headers.json").write_text('{"SC-Signature": "%s"}' % headers["SC-Signature"])
    script = Path(__file__).with_name("reverify_deliveries.py")
    print("reverify_deliveries.py ->", flush=True)
    subprocess.run([sys.executable, str(script), folder, "--scheme", "smartcar", "--secret-env", "AMT"],
                   env={**os.environ, "AMT": AMT}, check=False)
