//! Raw JSON access for the Smartcar parser: values stay as their original text (so a number's digits are kept)
//! and every error names the field's path.

use std::collections::BTreeMap;

use serde_json::value::RawValue;
use serde_json::{Map, Value as Json};

use super::{SmartcarError, MAX_EPOCH_MS};

/// A JSON value still in its raw text, with its path for error messages.
#[derive(Clone)]
pub(super) struct Node<'a> {
    pub(super) raw: &'a RawValue,
    pub(super) path: String,
}

impl<'a> Node<'a> {
    pub(super) fn err(&self, reason: impl Into<String>) -> SmartcarError {
        SmartcarError::InvalidPayload { field: self.path.clone(), reason: reason.into() }
    }

    fn is_null(&self) -> bool {
        self.raw.get() == "null"
    }

    pub(super) fn is_string(&self) -> bool {
        self.raw.get().starts_with('"')
    }

    pub(super) fn object(&self) -> Result<Obj<'a>, SmartcarError> {
        if !self.raw.get().starts_with('{') {
            return Err(self.err("expected an object"));
        }
        let map: BTreeMap<String, &'a RawValue> =
            serde_json::from_str(self.raw.get()).map_err(|e| self.err(format!("expected an object ({e})")))?;
        Ok(Obj { map, path: self.path.clone() })
    }

    pub(super) fn array(&self) -> Result<Vec<Node<'a>>, SmartcarError> {
        if !self.raw.get().starts_with('[') {
            return Err(self.err("expected an array"));
        }
        let items: Vec<&'a RawValue> =
            serde_json::from_str(self.raw.get()).map_err(|e| self.err(format!("expected an array ({e})")))?;
        Ok(items.into_iter().enumerate().map(|(i, raw)| Node { raw, path: format!("{}[{i}]", self.path) }).collect())
    }

    pub(super) fn string(&self) -> Result<String, SmartcarError> {
        if !self.is_string() {
            return Err(self.err("expected a string"));
        }
        serde_json::from_str(self.raw.get()).map_err(|e| self.err(format!("expected a string ({e})")))
    }

    /// A JSON number's original text.
    pub(super) fn number_text(&self) -> Result<&'a str, SmartcarError> {
        let text = self.raw.get();
        if text.starts_with(|c: char| c == '-' || c.is_ascii_digit()) {
            Ok(text)
        } else {
            Err(self.err("expected a number"))
        }
    }

    /// Unix milliseconds: a JSON integer (digits only), from 0 to [`MAX_EPOCH_MS`] (the end of year 9999), so
    /// that every later time arithmetic on it is exact.
    pub(super) fn epoch_ms(&self) -> Result<i64, SmartcarError> {
        let text = self.number_text()?;
        if !text.bytes().all(|b| b.is_ascii_digit()) {
            return Err(self.err("expected unix milliseconds as a non-negative integer"));
        }
        text.parse::<i64>()
            .ok()
            .filter(|ms| *ms <= MAX_EPOCH_MS)
            .ok_or_else(|| self.err("unix milliseconds out of range (0 to 253402300799999, the end of year 9999)"))
    }

    /// A count or a year: a non-negative JSON integer or a string of digits (both are seen), at most 2^53 - 1 so
    /// that it is exact in JavaScript too.
    pub(super) fn count(&self) -> Result<i64, SmartcarError> {
        let text = if self.is_string() { self.string()? } else { self.number_text()?.to_owned() };
        if text.is_empty() || !text.bytes().all(|b| b.is_ascii_digit()) {
            return Err(self.err("expected a non-negative integer"));
        }
        text.parse::<i64>()
            .ok()
            .filter(|n| *n <= 9_007_199_254_740_991)
            .ok_or_else(|| self.err("integer out of range (0 to 9007199254740991)"))
    }

    /// A string, or a number kept as its text (ids and `deliveredAt` arrive as either).
    pub(super) fn text(&self) -> Result<String, SmartcarError> {
        match self.number_text() {
            Ok(text) => Ok(text.to_owned()),
            Err(_) => self.string(),
        }
    }

    /// A JSON object as a value (a signal's `body`). A number JSON cannot hold as a double (`1e400`) is refused.
    pub(super) fn json_object(&self) -> Result<Map<String, Json>, SmartcarError> {
        self.object()?;
        // Read as a `Value` from bytes: the parser instance the Odoo events already use (smaller WASM).
        match serde_json::from_slice(self.raw.get().as_bytes()) {
            Ok(Json::Object(map)) => Ok(map),
            Ok(_) => Err(self.err("expected an object")),
            Err(e) => Err(self.err(format!("unreadable object ({e})"))),
        }
    }
}

/// A JSON object's members, still raw.
pub(super) struct Obj<'a> {
    pub(super) map: BTreeMap<String, &'a RawValue>,
    pub(super) path: String,
}

impl<'a> Obj<'a> {
    fn member_path(&self, key: &str) -> String {
        if self.path == "$" {
            key.to_owned()
        } else {
            format!("{}.{key}", self.path)
        }
    }

    /// The member, or `None` when it is absent or `null`.
    pub(super) fn opt(&self, key: &str) -> Option<Node<'a>> {
        self.map.get(key).map(|raw| Node { raw, path: self.member_path(key) }).filter(|n| !n.is_null())
    }

    pub(super) fn req(&self, key: &str) -> Result<Node<'a>, SmartcarError> {
        self.opt(key).ok_or_else(|| missing(&self.member_path(key)))
    }

    pub(super) fn opt_string(&self, key: &str) -> Result<Option<String>, SmartcarError> {
        self.opt(key).map(|n| n.string()).transpose()
    }

    pub(super) fn opt_text(&self, key: &str) -> Result<Option<String>, SmartcarError> {
        self.opt(key).map(|n| n.text()).transpose()
    }

    pub(super) fn opt_count(&self, key: &str) -> Result<Option<i64>, SmartcarError> {
        self.opt(key).map(|n| n.count()).transpose()
    }

    pub(super) fn opt_epoch_ms(&self, key: &str) -> Result<Option<i64>, SmartcarError> {
        self.opt(key).map(|n| n.epoch_ms()).transpose()
    }

    pub(super) fn opt_object(&self, key: &str) -> Result<Option<Obj<'a>>, SmartcarError> {
        self.opt(key).map(|n| n.object()).transpose()
    }

    pub(super) fn opt_array(&self, key: &str) -> Result<Vec<Node<'a>>, SmartcarError> {
        Ok(self.opt(key).map(|n| n.array()).transpose()?.unwrap_or_default())
    }
}

/// `invalid_payload` for a required field that is absent.
pub(super) fn missing(field: &str) -> SmartcarError {
    SmartcarError::InvalidPayload { field: field.to_owned(), reason: "required field is missing".to_owned() }
}

/// An instant given as unix milliseconds (digits, as a number or a string) or as an RFC 3339 string, in unix
/// milliseconds (finer digits dropped); `None` when it is neither or out of the years 1970 to 9999. Used for
/// `deliveredAt` and `eventTime`, which are kept as given beside it.
pub(super) fn instant_ms(text: &str) -> Option<i64> {
    if !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit()) {
        return text.parse::<i64>().ok().filter(|ms| *ms <= MAX_EPOCH_MS);
    }
    let parsed = chrono::DateTime::parse_from_rfc3339(text).ok()?;
    Some(parsed.timestamp_millis()).filter(|ms| (0..=MAX_EPOCH_MS).contains(ms))
}
