"""A local stand-in for Smartcar's token and odometer endpoints, for the examples and the demo (127.0.0.1 only).

It behaves like the real service where the sync depends on it: Basic auth on ``POST /oauth/token``, refresh tokens
replaced on every refresh (an old one is refused with ``invalid_grant``), access tokens valid for 2 hours,
``GET /v2.0/vehicles/{id}/odometer`` answering ``{"distance"}`` in the unit system asked for with ``SC-Unit-System``
and ``SC-Data-Age`` (when the car recorded the value), and Smartcar-style error bodies.

Run it alone with ``python examples/python/mock_smartcar.py`` (prints its URL), or ``MockSmartcar.start()``.
"""

from __future__ import annotations

import base64
import itertools
import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs

CLIENT_ID = "demo-client-id"
CLIENT_SECRET = "demo-client-secret"
KM_PER_MILE = 1.609344

# vehicle id -> (odometer in km, when the car recorded it)
ODOMETERS = {
    "sc-veh-civic": ("48211.7", "2025-06-02T07:45:00.000Z"),
    "sc-veh-model3": ("12034.25", "2025-06-02T08:10:00.000Z"),
    "sc-veh-transit": ("150310", "2025-06-01T18:30:00.000Z"),
}


class MockSmartcar:
    """The mock's state: which refresh and access tokens are valid."""

    def __init__(self) -> None:
        self.refresh_tokens: set[str] = set()
        self.access_tokens: set[str] = set()
        self.token_requests = 0
        self._counter = itertools.count(1)
        self._lock = threading.Lock()
        self._httpd: ThreadingHTTPServer | None = None
        self.url = ""

    def issue_refresh_token(self) -> str:
        """A refresh token the app got when the user connected the car."""
        with self._lock:
            token = f"mock-refresh-{next(self._counter)}"
            self.refresh_tokens.add(token)
            return token

    def issue_access_token(self) -> str:
        """An access token that is still valid."""
        with self._lock:
            token = f"mock-access-{next(self._counter)}"
            self.access_tokens.add(token)
            return token

    def _refresh(self, authorization: str | None, form: dict[str, list[str]]) -> tuple[int, dict[str, object]]:
        expected = "Basic " + base64.b64encode(f"{CLIENT_ID}:{CLIENT_SECRET}".encode()).decode()
        if authorization != expected:
            return 401, {"error": "invalid_client", "error_description": "Invalid client credentials."}
        token = form.get("refresh_token", [""])[0]
        with self._lock:
            self.token_requests += 1
            if form.get("grant_type") != ["refresh_token"] or token not in self.refresh_tokens:
                return 400, {"error": "invalid_grant", "error_description": "Invalid or expired refresh token."}
            self.refresh_tokens.discard(token)  # replaced on every refresh
            access, refresh = f"mock-access-{next(self._counter)}", f"mock-refresh-{next(self._counter)}"
            self.access_tokens.add(access)
            self.refresh_tokens.add(refresh)
        return 200, {"access_token": access, "token_type": "Bearer", "expires_in": 7200, "refresh_token": refresh}

    def start(self) -> "MockSmartcar":
        mock = self

        class Handler(BaseHTTPRequestHandler):
            def _send(self, status: int, body: dict[str, object] | str, headers: dict[str, str] | None = None) -> None:
                data = (body if isinstance(body, str) else json.dumps(body)).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                for name, value in (headers or {}).items():
                    self.send_header(name, value)
                self.end_headers()
                self.wfile.write(data)

            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                form = parse_qs(self.rfile.read(length).decode())
                if self.path != "/oauth/token":
                    return self._send(404, {"type": "RESOURCE_NOT_FOUND", "description": "No such endpoint."})
                self._send(*mock._refresh(self.headers.get("Authorization"), form))

            def do_GET(self) -> None:
                parts = self.path.split("/")
                if len(parts) != 5 or parts[1] != "v2.0" or parts[2] != "vehicles" or parts[4] != "odometer":
                    return self._send(404, {"type": "RESOURCE_NOT_FOUND", "description": "No such endpoint."})
                bearer = (self.headers.get("Authorization") or "").removeprefix("Bearer ")
                if bearer not in mock.access_tokens:
                    return self._send(401, {"type": "AUTHENTICATION", "description": "The access token is invalid."})
                if parts[3] not in ODOMETERS:
                    return self._send(404, {"type": "RESOURCE_NOT_FOUND", "description": "Unknown vehicle."})
                km, recorded = ODOMETERS[parts[3]]
                system = (self.headers.get("SC-Unit-System") or "metric").lower()
                # The number as the car reported it (metric), or converted to miles when imperial was asked for.
                distance = str(round(float(km) / KM_PER_MILE, 2)) if system == "imperial" else km
                headers = {"SC-Unit-System": system, "SC-Data-Age": recorded, "SC-Request-Id": "mock-request"}
                self._send(200, f'{{"distance": {distance}}}', headers)

            def log_message(self, *args: object) -> None:
                pass

        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._httpd.daemon_threads = True
        self.url = f"http://127.0.0.1:{self._httpd.server_address[1]}"
        threading.Thread(target=self._httpd.serve_forever, daemon=True).start()
        return self

    def stop(self) -> None:
        if self._httpd:
            self._httpd.shutdown()
            self._httpd.server_close()


if __name__ == "__main__":
    mock = MockSmartcar().start()
    print(f"mock Smartcar at {mock.url} (client id {CLIENT_ID!r}); a refresh token: {mock.issue_refresh_token()}")
    threading.Event().wait()
