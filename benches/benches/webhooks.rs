//! Webhook verification throughput against the hashing it cannot avoid:
//! `cargo bench -p fleetgate-benches --bench webhooks -- --warm-up-time 1 --measurement-time 2`.
//!
//! For each body size: `verify` with the Smartcar preset (HMAC-SHA256 of the body, hex header) and the Standard
//! Webhooks preset (`id.ts.body`, base64 header), next to a bare HMAC-SHA256 and a bare SHA-256 of the same bytes
//! (the `hmac`/`sha2` crates, no header parsing or comparison). Verify minus HMAC is fleetgate's fixed overhead.

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use fleetgate::webhook::{TimeCheck, Verifier};
use hmac::{Hmac, Mac};
use sha2::{Digest, Sha256};

const SIZES: [(usize, &str); 4] = [(20, "20B"), (1024, "1KiB"), (65536, "64KiB"), (1 << 20, "1MiB")];
const NOW: i64 = 1_700_000_000;

fn verify(c: &mut Criterion) {
    let smartcar = Verifier::smartcar(&["bench-application-management-token"]).unwrap();
    let standard = Verifier::standard_webhooks(&["whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"]).unwrap();
    let mut group = c.benchmark_group("webhook");
    for (size, name) in SIZES {
        let body = vec![b'x'; size];
        group.throughput(Throughput::Bytes(size as u64));
        let sc_headers = smartcar.sign(&body, None, None).unwrap();
        group.bench_with_input(BenchmarkId::new("verify_smartcar", name), &body, |b, body| {
            b.iter(|| smartcar.verify(black_box(&sc_headers), black_box(body), TimeCheck::At(NOW)).unwrap())
        });
        let sw_headers = standard.sign(&body, Some("msg_2KWPBgLlAfxdpx2AI54pPJ85f4W"), Some(NOW)).unwrap();
        group.bench_with_input(BenchmarkId::new("verify_standard_webhooks", name), &body, |b, body| {
            b.iter(|| standard.verify(black_box(&sw_headers), black_box(body), TimeCheck::At(NOW)).unwrap())
        });
        group.bench_with_input(BenchmarkId::new("hmac_sha256_only", name), &body, |b, body| {
            b.iter(|| {
                let mut mac = Hmac::<Sha256>::new_from_slice(b"bench-application-management-token").unwrap();
                mac.update(black_box(body));
                mac.finalize().into_bytes()
            })
        });
        group.bench_with_input(BenchmarkId::new("sha256_only", name), &body, |b, body| {
            b.iter(|| Sha256::digest(black_box(body)))
        });
    }
    group.finish();
}

criterion_group!(benches, verify);
criterion_main!(benches);
