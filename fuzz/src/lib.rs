//! Helpers shared by the fuzz targets: splitting an input into a JSON head and raw bytes, and reading the
//! vectors' argument encodings (`{"$bytes_hex": ...}`, `{"$repeat": ...}`, `{"$float": ...}`).

use serde_json::Value as Json;

/// `input` as a JSON array of arguments (what the vectors' `args` hold); `None` when it is not one.
pub fn json_args(input: &[u8]) -> Option<Vec<Json>> {
    match serde_json::from_slice::<Json>(input).ok()? {
        Json::Array(args) => Some(args),
        _ => None,
    }
}

/// Splits `input` at its first newline: a JSON head (an array) and the raw bytes after it.
pub fn head_and_body(input: &[u8]) -> Option<(Vec<Json>, &[u8])> {
    let split = input.iter().position(|&b| b == b'\n')?;
    Some((json_args(&input[..split])?, &input[split + 1..]))
}

/// A vector's byte argument: a string (its UTF-8) or `{"$bytes_hex": "..."}`; repeats are capped at 1 MiB.
pub fn bytes_arg(value: &Json) -> Option<Vec<u8>> {
    match value {
        Json::String(s) => Some(s.as_bytes().to_vec()),
        Json::Object(map) => {
            if let Some(hex) = map.get("$bytes_hex").and_then(Json::as_str) {
                let digits: Vec<u8> = hex.bytes().filter_map(|c| (c as char).to_digit(16).map(|d| d as u8)).collect();
                return Some(digits.chunks(2).map(|p| p[0] << 4 | p.get(1).copied().unwrap_or(0)).collect());
            }
            let repeat = map.get("$repeat")?;
            let text = repeat.get("text")?.as_str()?;
            let times = repeat.get("times")?.as_u64()?.min(1 << 20) as usize;
            Some(text.repeat(times).into_bytes())
        }
        _ => None,
    }
}

/// Arbitrary small integer from the start of `data` (for chunk sizes and the like), never 0.
pub fn small(data: &[u8], at: usize) -> usize {
    usize::from(data.get(at).copied().unwrap_or(1)).max(1)
}
