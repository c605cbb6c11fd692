"""``ratelimit.client_key_from_request``: the client key by hosting platform, with the same rules as the JS
packages (the rule lives in core; these check the binding's arguments and errors)."""

from __future__ import annotations

import pytest

import fleetgate
from fleetgate import ratelimit

SPOOFED = {"X-Forwarded-For": "198.51.100.9", "X-Real-IP": "203.0.113.7", "CF-Connecting-IP": "2001:db8:ab12::1"}


def test_vercel_and_cloudflare_trust_only_their_header() -> None:
    assert ratelimit.client_key_from_request(SPOOFED, platform="vercel") == "203.0.113.7"
    assert ratelimit.client_key_from_request(list(SPOOFED.items()), platform="cloudflare") == "2001:db8:ab12::/56"
    other = {**SPOOFED, "X-Forwarded-For": "192.0.2.1"}
    assert ratelimit.client_key_from_request(other, platform="vercel") == "203.0.113.7"


def test_trusted_proxies_walks_from_the_peer() -> None:
    headers = {"X-Forwarded-For": "198.51.100.9, 203.0.113.7"}
    key = ratelimit.client_key_from_request(headers, "10.0.0.1", platform="trusted_proxies", trusted_proxies=1)
    assert key == ratelimit.client_key("10.0.0.1", headers, trusted_proxies=1) == "203.0.113.7"


@pytest.mark.parametrize(
    ("headers", "peer", "platform", "code"),
    [
        ({}, None, "vercel", "missing_client_address"),
        ({"X-Forwarded-For": "203.0.113.7"}, None, "cloudflare", "missing_client_address"),
        ({}, None, "trusted_proxies", "missing_client_address"),
        (SPOOFED, "10.0.0.1", "none", "missing_client_address"),
        (SPOOFED, None, "aws", "invalid_platform"),
        ({"X-Real-IP": "not-an-address"}, None, "vercel", "invalid_address"),
    ],
)
def test_refusals_have_codes(headers: dict[str, str], peer: str | None, platform: str, code: str) -> None:
    with pytest.raises(fleetgate.RateLimitError) as caught:
        ratelimit.client_key_from_request(headers, peer, platform=platform)
    assert caught.value.code == code
