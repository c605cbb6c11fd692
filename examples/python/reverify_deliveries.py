"""Re-verify a folder of stored webhook deliveries with fleetgate.

Each delivery is two files: ``NAME.body`` (the raw body exactly as received) and ``NAME.headers.json`` (the
request headers as a JSON object). Stored deliveries are old, so the timestamp window is skipped
(``check_time=False``); signatures are still checked on the exact bytes.

    .venv/bin/python examples/python/reverify_deliveries.py FOLDER --scheme smartcar --secret-env SMARTCAR_AMT

Prints one line per delivery and exits 1 when any is rejected.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

import fleetgate
from fleetgate import webhooks

PRESETS = {
    "smartcar": webhooks.Verifier.smartcar,
    "standard_webhooks": webhooks.Verifier.standard_webhooks,
    "stripe": webhooks.Verifier.stripe,
    "github": webhooks.Verifier.github,
    "shopify": webhooks.Verifier.shopify,
    "odoo": webhooks.Verifier.odoo,
}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--scheme", choices=sorted(PRESETS), required=True)
    parser.add_argument("--secret-env", required=True, help="environment variable holding the secret(s), comma-separated")
    args = parser.parse_args()
    secrets = os.environ[args.secret_env].split(",")
    verifier = PRESETS[args.scheme](secrets)
    rejected = 0
    for body_path in sorted(args.folder.glob("*.body")):
        name = body_path.name.removesuffix(".body")
        headers = json.loads((args.folder / f"{name}.headers.json").read_text())
        try:
            ok = verifier.verify(headers, body_path.read_bytes(), check_time=False)
        except fleetgate.WebhookError as err:
            rejected += 1
            print(f"{name}: REJECTED {err.code}: {err}")
            continue
        print(f"{name}: ok key_index={ok.key_index} msg_id={ok.msg_id} timestamp={ok.timestamp}")
    print(f"{rejected} rejected")
    return 1 if rejected else 0


if __name__ == "__main__":
    sys.exit(main())
