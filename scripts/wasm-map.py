#!/usr/bin/env python3
"""Attributes a .wasm's data and code to the crates they came from, from a wasm-ld map file.

Make the map by relinking the WASM build with a map (nothing else changes):
    cargo rustc -p fleetgate-wasm --target wasm32-unknown-unknown --profile wasm [--no-default-features \\
        --target-dir target/wasm-booking] -- -C link-arg=--Map=target/fleetgate_wasm.map
    python3 scripts/wasm-map.py target/fleetgate_wasm.map target/wasm32-unknown-unknown/wasm/fleetgate_wasm.wasm
Prints, per crate, the bytes in the DATA and CODE sections before wasm-bindgen and wasm-opt, and the gzip -9 size
of that crate's data on its own (what it costs in a download, roughly: gzip also compresses across crates).
"""
import collections
import re
import sys
import zlib


def crate_of(path):
    match = re.search(r"lib([A-Za-z0-9_]+)-[0-9a-f]+\.rlib", path)
    if match:
        return match.group(1)
    match = re.search(r"/([A-Za-z0-9_]+)\.[^/]*\.rcgu\.o", path)
    return match.group(1) if match else "<linker>"


def main(map_path, wasm_path):
    wasm = open(wasm_path, "rb").read()
    sizes = {"DATA": collections.Counter(), "CODE": collections.Counter()}
    data = collections.defaultdict(bytearray)
    section = None
    for line in open(map_path):
        parts = line.split()
        if len(parts) == 4 and parts[3].isupper():
            section = parts[3]
            continue
        if len(parts) == 3 and parts[2].isupper():
            section = parts[2]
            continue
        if section not in sizes:
            continue
        match = re.match(r"\s*(\S+)\s+([0-9a-f]+)\s+([0-9a-f]+)\s+(/\S+?):\(", line)
        if not match:
            continue
        offset, size = int(match.group(2), 16), int(match.group(3), 16)
        crate = crate_of(match.group(4))
        sizes[section][crate] += size
        if section == "DATA":
            data[crate] += wasm[offset:offset + size]
    for section, counter in sizes.items():
        total = sum(counter.values())
        print(f"{section}: {total / 1024:.1f} KB")
        for crate, size in counter.most_common(15):
            extra = f"  {len(zlib.compress(bytes(data[crate]), 9)) / 1024:7.1f} KB gzip" if section == "DATA" else ""
            print(f"  {crate:28s} {size / 1024:8.1f} KB{extra}")


if __name__ == "__main__":
    main(*sys.argv[1:3])
