// See ../README.md: @napi-rs/cli loads this package only for builds fleetgate never runs.
throw new Error('@napi-rs/wasm-tools is not installed in the fleetgate workspace (host-only napi builds); see tools/napi-host-only/README.md');
