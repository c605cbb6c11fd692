#!/usr/bin/env python3
"""Independent reference for core/tests/vectors/client_key.json, written from the spec with Python's ``ipaddress``.

The chain is [header addresses..., peer]; with trusted hops n the client is the n-th address from the right
(the leftmost when the chain is shorter); with trusted networks, walk from the right while the address is trusted.
Headers are read only when something is trusted; IPv4-mapped addresses are IPv4; IPv6 is keyed by its network.

    python3 core/tests/vectors/reference/client_key.py [--check]
"""

from __future__ import annotations

import ipaddress
import re
import sys

from vectorfile import Rejected, write


def address(text: str, allow_port: bool) -> ipaddress.IPv4Address | ipaddress.IPv6Address:
    text = text.strip()
    if allow_port:
        m = re.fullmatch(r"\[([^\]]+)\](?::[0-9]{1,5})?", text)
        if m and ":" in m.group(1):
            text = m.group(1)
        elif re.fullmatch(r"[0-9.]+:[0-9]{1,5}", text):
            text = text.rsplit(":", 1)[0]
    try:
        ip = ipaddress.ip_address(text)
    except ValueError:
        raise Rejected("invalid_address") from None
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
        return ip.ipv4_mapped
    return ip


def key(ip: ipaddress.IPv4Address | ipaddress.IPv6Address, prefix: int) -> str:
    if ip.version == 4:
        return str(ip)
    return str(ipaddress.ip_network(f"{ip}/{prefix}", strict=False))


def forwarded_for(value: str) -> list[str]:
    nodes = []
    for element in re.findall(r'(?:[^,"]|"(?:[^"\\]|\\.)*")+', value):
        node = ""
        for pair in re.findall(r'(?:[^;"]|"(?:[^"\\]|\\.)*")+', element):
            name, _, val = pair.partition("=")
            if name.strip().lower() == "for":
                val = val.strip()
                node = re.sub(r"\\(.)", r"\1", val[1:-1]) if val.startswith('"') else val
                break
        nodes.append(node)
    return nodes


def networks(specs: list[str]) -> list:
    out = []
    for spec in specs:
        try:
            net = ipaddress.ip_network(spec, strict=True)
        except ValueError:
            raise Rejected("invalid_network") from None
        if net.version == 6 and net.network_address.ipv4_mapped and net.prefixlen >= 96:
            net = ipaddress.ip_network(f"{net.network_address.ipv4_mapped}/{net.prefixlen - 96}")
        out.append(net)
    return out


def walk(peer, chain: list[str], trusted) -> object:
    if isinstance(trusted, int):
        if trusted == 0 or not chain:
            return peer
        return address(chain[max(0, len(chain) - trusted)], True)
    nets = networks(trusted)
    current = peer
    for text in reversed(chain):
        if not any(current in n for n in nets if n.version == current.version):
            return current
        current = address(text, True)
    return current


def client_key(peer: str, headers: list, trusted, prefix: int) -> str:
    if not 48 <= prefix <= 128:
        raise Rejected("invalid_prefix")
    peer_ip = address(peer, False)
    if trusted == 0:
        return key(peer_ip, prefix)
    if not isinstance(trusted, int):
        networks(trusted)
    def joined(name: str) -> str | None:
        values = [v for n, v in headers if n.lower() == name]
        return ",".join(values) if values else None
    fwd, xff = joined("forwarded"), joined("x-forwarded-for")
    keys = []
    if fwd is not None:
        keys.append(key(walk(peer_ip, forwarded_for(fwd), trusted), prefix))
    if xff is not None:
        keys.append(key(walk(peer_ip, [s.strip() for s in xff.split(",")], trusted), prefix))
    if not keys:
        return key(peer_ip, prefix)
    if len(set(keys)) > 1:
        raise Rejected("conflicting_forwarded_headers")
    return keys[0]


XFF = "X-Forwarded-For"
LB = ["10.0.0.0/8"]
CASES = [
    ("peer-ipv4", "client_key", ["203.0.113.7", [], 0, 56]),
    ("spoofed-xff-ignored-by-default", "client_key", ["203.0.113.7", [[XFF, "1.2.3.4"]], 0, 56]),
    ("spoofed-forwarded-ignored-by-default", "client_key", ["203.0.113.7", [["Forwarded", "for=1.2.3.4"]], 0, 56]),
    ("junk-headers-ignored-by-default", "client_key", ["203.0.113.7", [[XFF, "not an ip"]], 0, 56]),
    ("one-hop-takes-rightmost", "client_key", ["10.0.0.2", [[XFF, "1.2.3.4, 198.51.100.9"]], 1, 56]),
    ("one-hop-spoof-on-left-ignored", "client_key", ["10.0.0.2", [[XFF, "6.6.6.6, 198.51.100.9"]], 1, 56]),
    ("two-hops", "client_key", ["10.0.0.2", [[XFF, "6.6.6.6, 198.51.100.9, 10.0.0.1"]], 2, 56]),
    ("hops-beyond-chain-take-leftmost", "client_key", ["10.0.0.2", [[XFF, "198.51.100.9"]], 3, 56]),
    ("hops-without-header-key-peer", "client_key", ["10.0.0.2", [], 1, 56]),
    ("header-name-case-insensitive", "client_key", ["10.0.0.2", [["x-forwarded-for", "198.51.100.9"]], 1, 56]),
    ("repeated-xff-headers-in-order", "client_key",
     ["10.0.0.2", [[XFF, "6.6.6.6"], [XFF, "198.51.100.9, 10.0.0.1"]], 2, 56]),
    ("networks-untrusted-peer-ignores-header", "client_key", ["203.0.113.7", [[XFF, "1.2.3.4"]], LB, 56]),
    ("networks-trusted-peer", "client_key", ["10.1.2.3", [[XFF, "6.6.6.6, 198.51.100.9"]], LB, 56]),
    ("networks-skip-several-proxies", "client_key",
     ["10.1.2.3", [[XFF, "6.6.6.6, 198.51.100.9, 10.9.9.9, 10.8.8.8"]], LB, 56]),
    ("networks-all-trusted-take-leftmost", "client_key", ["10.1.2.3", [[XFF, "10.5.5.5"]], LB, 56]),
    ("networks-ipv6-proxy", "client_key", ["2001:db8::1", [[XFF, "198.51.100.9"]], ["2001:db8::/32"], 56]),
    ("xff-with-port", "client_key", ["10.0.0.2", [[XFF, "198.51.100.9:4711"]], 1, 56]),
    ("xff-ipv6-bracket-port", "client_key", ["10.0.0.2", [[XFF, "[2001:db8:cafe:1::17]:4711"]], 1, 56]),
    ("xff-malformed-client", "client_key", ["10.0.0.2", [[XFF, "1.2.3.4, bogus"]], 1, 56]),
    ("xff-empty-entry", "client_key", ["10.0.0.2", [[XFF, "1.2.3.4,"]], 1, 56]),
    ("ipv4-mapped-peer", "client_key", ["::ffff:203.0.113.7", [], 0, 56]),
    ("ipv4-mapped-in-xff", "client_key", ["10.0.0.2", [[XFF, "::ffff:198.51.100.9"]], 1, 56]),
    ("ipv4-mapped-trusted-peer", "client_key", ["::ffff:10.0.0.2", [[XFF, "198.51.100.9"]], LB, 56]),
    ("ipv6-default-56", "client_key", ["2001:db8:abcd:12ff::1", [], 0, 56]),
    ("ipv6-48", "client_key", ["2001:db8:abcd:12ff::1", [], 0, 48]),
    ("ipv6-64", "client_key", ["2001:db8:abcd:12ff:1:2:3:4", [], 0, 64]),
    ("ipv6-128", "client_key", ["2001:db8:abcd:12ff:1:2:3:4", [], 0, 128]),
    ("ipv6-same-56-same-key", "client_key", ["2001:db8:abcd:1200::9", [], 0, 56]),
    ("prefix-too-small", "client_key", ["203.0.113.7", [], 0, 32]),
    ("prefix-too-large", "client_key", ["203.0.113.7", [], 0, 129]),
    ("peer-malformed", "client_key", ["203.0.113", [], 0, 56]),
    ("peer-with-port-rejected", "client_key", ["203.0.113.7:80", [], 0, 56]),
    ("peer-empty", "client_key", ["", [], 0, 56]),
    ("forwarded-basic", "client_key", ["10.0.0.2", [["Forwarded", "for=198.51.100.9;proto=https"]], 1, 56]),
    ("forwarded-quoted-ipv6-port", "client_key",
     ["10.0.0.2", [["Forwarded", 'for="[2001:db8:cafe::17]:4711"']], 1, 56]),
    ("forwarded-two-elements", "client_key",
     ["10.0.0.2", [["Forwarded", "for=6.6.6.6, for=198.51.100.9;by=10.0.0.2"]], 1, 56]),
    ("forwarded-case-insensitive-for", "client_key", ["10.0.0.2", [["Forwarded", "For=198.51.100.9"]], 1, 56]),
    ("forwarded-unknown-node", "client_key", ["10.0.0.2", [["Forwarded", "for=unknown"]], 1, 56]),
    ("forwarded-obfuscated-node", "client_key", ["10.0.0.2", [["Forwarded", "for=_hidden"]], 1, 56]),
    ("forwarded-without-for", "client_key", ["10.0.0.2", [["Forwarded", "proto=https"]], 1, 56]),
    ("forwarded-and-xff-agree", "client_key",
     ["10.0.0.2", [["Forwarded", "for=198.51.100.9"], [XFF, "198.51.100.9"]], 1, 56]),
    ("forwarded-and-xff-conflict", "client_key",
     ["10.0.0.2", [["Forwarded", "for=6.6.6.6"], [XFF, "198.51.100.9"]], 1, 56]),
    ("trusted-network-host-bits", "client_key", ["10.0.0.2", [], ["10.0.0.1/8"], 56]),
    ("trusted-network-malformed", "client_key", ["10.0.0.2", [], ["10.0.0.0/33"], 56]),
    ("trusted-network-bare-address", "client_key", ["10.0.0.2", [[XFF, "198.51.100.9"]], ["10.0.0.2"], 56]),
]

ABOUT = ("Client keys: [peer, headers as [name, value] pairs, trusted proxies (a hop count or a list of networks), "
         "ipv6_prefix]. Expected values come from reference/client_key.py (Python's ipaddress), not from fleetgate.")

if __name__ == "__main__":
    sys.exit(write("client_key", ABOUT, CASES, {"client_key": client_key}))
