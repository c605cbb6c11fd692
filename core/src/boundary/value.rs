//! [`Value`]: a host value after the bounded walk, as serde input.

use std::cell::RefCell;

use serde::de::{self, IntoDeserializer, Visitor};
use serde::forward_to_deserialize_any;
use serde_json::{Map, Number, Value as Json};

use super::{ArgError, Site};

/// A host value as the core reads it: what JSON has, plus the whole-number / float distinction, non-finite floats
/// (a NaN reading is a `void` verdict, not a missing value) and bytes (webhook bodies, `Uint8Array`, `bytes`).
/// Map entries keep the caller's order.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// `None`, `null`, or `undefined` given as the whole argument.
    Null,
    /// A boolean.
    Bool(bool),
    /// A whole number: a Python `int`, a JS number that is an integer within ±2^53, a `BigInt` that fits.
    Int(i64),
    /// Any other number, NaN and infinities included.
    Float(f64),
    /// A string (a Python `datetime` or JS `Date` arrives as its ISO 8601 text).
    Str(String),
    /// Bytes: Python `bytes` / `bytearray` / `memoryview`, JS `Uint8Array` / `Buffer` / `ArrayBuffer` / `DataView`.
    Bytes(Vec<u8>),
    /// A list, tuple or array.
    List(Vec<Value>),
    /// A dict, plain object, `Map` or `Headers`, in the caller's order (JS `undefined` properties left out).
    Map(Vec<(String, Value)>),
}

/// serde's error for a [`Value`] that does not fit the type asked for.
#[derive(Debug)]
pub struct DecodeProblem(String);

impl std::fmt::Display for DecodeProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for DecodeProblem {}

impl de::Error for DecodeProblem {
    fn custom<T: std::fmt::Display>(msg: T) -> Self {
        DecodeProblem(msg.to_string())
    }
}

impl Value {
    /// What the value is, for messages: `a string`, `a list`, ...
    pub fn kind(&self) -> &'static str {
        match self {
            Value::Null => "null",
            Value::Bool(_) => "a boolean",
            Value::Int(_) | Value::Float(_) => "a number",
            Value::Str(_) => "a string",
            Value::Bytes(_) => "bytes",
            Value::List(_) => "a list",
            Value::Map(_) => "an object",
        }
    }

    /// The same value with every map key renamed by `rename` (at every depth).
    pub fn map_keys(self, rename: &impl Fn(&str) -> String) -> Value {
        match self {
            Value::Map(entries) => {
                Value::Map(entries.into_iter().map(|(k, v)| (rename(&k), v.map_keys(rename))).collect())
            }
            Value::List(items) => Value::List(items.into_iter().map(|v| v.map_keys(rename)).collect()),
            other => other,
        }
    }

    /// The value as JSON, for the core functions whose input is JSON-shaped data (a booking request, an Odoo
    /// reply). JSON has no bytes and no NaN: those are an error at `site`, never a silent `null`.
    pub fn into_json(self, site: &Site) -> Result<Json, ArgError> {
        self.json_at(site, &mut String::new())
    }

    fn json_at(self, site: &Site, path: &mut String) -> Result<Json, ArgError> {
        Ok(match self {
            Value::Null => Json::Null,
            Value::Bool(b) => Json::Bool(b),
            Value::Int(i) => Json::from(i),
            Value::Float(f) => match Number::from_f64(f) {
                Some(n) => Json::Number(n),
                None => return Err(site.error(path.clone(), format!("{f} is not a finite number"))),
            },
            Value::Str(s) => Json::String(s),
            Value::Bytes(_) => return Err(site.error(path.clone(), "bytes are not accepted here")),
            Value::List(items) => {
                let mut out = Vec::with_capacity(items.len());
                for (index, item) in items.into_iter().enumerate() {
                    let len = path.len();
                    path.push_str(&format!("[{index}]"));
                    out.push(item.json_at(site, path)?);
                    path.truncate(len);
                }
                Json::Array(out)
            }
            Value::Map(entries) => {
                let mut out = Map::new();
                for (key, item) in entries {
                    let len = path.len();
                    if !path.is_empty() {
                        path.push('.');
                    }
                    path.push_str(&key);
                    let item = item.json_at(site, path)?;
                    path.truncate(len);
                    out.insert(key, item);
                }
                Json::Object(out)
            }
        })
    }
}

impl From<Json> for Value {
    /// JSON as a [`Value`] (Rust callers and tests); integers beyond `i64` become floats.
    fn from(json: Json) -> Value {
        match json {
            Json::Null => Value::Null,
            Json::Bool(b) => Value::Bool(b),
            Json::Number(n) => n.as_i64().map_or_else(|| Value::Float(n.as_f64().unwrap_or(f64::NAN)), Value::Int),
            Json::String(s) => Value::Str(s),
            Json::Array(items) => Value::List(items.into_iter().map(Value::from).collect()),
            Json::Object(map) => Value::Map(map.into_iter().map(|(k, v)| (k, Value::from(v))).collect()),
        }
    }
}

/// Where the decoder is inside the value: the keys and indexes from the root to the value being read. A value that
/// fails leaves its segments in place (the error unwinds without popping them), so after a failed decode the
/// track is the path of the problem, in the caller's own keys.
#[derive(Default)]
pub(super) struct Track(RefCell<Vec<Segment>>);

enum Segment {
    Index(usize),
    Key(String),
}

impl Track {
    /// `quotas[0].limit`: keys joined by `.`, indexes in brackets.
    pub(super) fn text(&self) -> String {
        let mut out = String::new();
        for segment in self.0.borrow().iter() {
            match segment {
                Segment::Index(index) => out.push_str(&format!("[{index}]")),
                Segment::Key(key) => {
                    if !out.is_empty() {
                        out.push('.');
                    }
                    out.push_str(key);
                }
            }
        }
        out
    }

    /// Decodes `value` at `segment`: popped again when it succeeds, kept when it fails.
    fn at<T>(&self, segment: Segment, decode: impl FnOnce() -> Result<T, DecodeProblem>) -> Result<T, DecodeProblem> {
        self.0.borrow_mut().push(segment);
        let out = decode()?;
        self.0.borrow_mut().pop();
        Ok(out)
    }
}

/// A [`Value`] as serde input, tracking where it is (one deserializer per value, no wrapping of the visitors).
pub(super) struct Tracked<'t> {
    pub(super) value: Value,
    pub(super) track: &'t Track,
}

struct Items<'t> {
    items: std::vec::IntoIter<Value>,
    index: usize,
    track: &'t Track,
}

impl<'de> de::SeqAccess<'de> for Items<'_> {
    type Error = DecodeProblem;

    fn next_element_seed<T: de::DeserializeSeed<'de>>(&mut self, seed: T) -> Result<Option<T::Value>, DecodeProblem> {
        let Some(value) = self.items.next() else { return Ok(None) };
        let (index, track) = (self.index, self.track);
        self.index += 1;
        track.at(Segment::Index(index), || seed.deserialize(Tracked { value, track })).map(Some)
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.items.len())
    }
}

struct Entries<'t> {
    entries: std::vec::IntoIter<(String, Value)>,
    value: Option<Value>,
    key: String,
    count: usize,
    track: &'t Track,
}

impl<'de> de::MapAccess<'de> for Entries<'_> {
    type Error = DecodeProblem;

    fn next_key_seed<K: de::DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>, DecodeProblem> {
        let Some((key, value)) = self.entries.next() else { return Ok(None) };
        self.count += 1;
        self.value = Some(value);
        match seed.deserialize(key.as_str().into_deserializer()) {
            Ok(out) => {
                self.key = key;
                Ok(Some(out))
            }
            Err(err) => {
                // An unknown key is reported at itself (`rules.timezone`).
                self.track.0.borrow_mut().push(Segment::Key(key));
                Err(err)
            }
        }
    }

    fn next_value_seed<V: de::DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, DecodeProblem> {
        let value = self.value.take().ok_or_else(|| de::Error::custom("a map value was asked for before its key"))?;
        let track = self.track;
        track.at(Segment::Key(std::mem::take(&mut self.key)), || seed.deserialize(Tracked { value, track }))
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.entries.len())
    }
}

struct Variant<'t> {
    name: String,
    value: Value,
    track: &'t Track,
}

impl<'de, 't> de::EnumAccess<'de> for Variant<'t> {
    type Error = DecodeProblem;
    type Variant = Variant<'t>;

    fn variant_seed<V: de::DeserializeSeed<'de>>(self, seed: V) -> Result<(V::Value, Variant<'t>), DecodeProblem> {
        let name = seed.deserialize(self.name.as_str().into_deserializer())?;
        Ok((name, self))
    }
}

impl<'de> de::VariantAccess<'de> for Variant<'_> {
    type Error = DecodeProblem;

    fn unit_variant(self) -> Result<(), DecodeProblem> {
        let track = self.track;
        track.at(Segment::Key(self.name), || de::Deserialize::deserialize(Tracked { value: self.value, track }))
    }

    fn newtype_variant_seed<T: de::DeserializeSeed<'de>>(self, seed: T) -> Result<T::Value, DecodeProblem> {
        let track = self.track;
        track.at(Segment::Key(self.name), || seed.deserialize(Tracked { value: self.value, track }))
    }

    fn tuple_variant<V: Visitor<'de>>(self, _len: usize, visitor: V) -> Result<V::Value, DecodeProblem> {
        let track = self.track;
        track.at(Segment::Key(self.name), || {
            de::Deserializer::deserialize_seq(Tracked { value: self.value, track }, visitor)
        })
    }

    fn struct_variant<V: Visitor<'de>>(
        self,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, DecodeProblem> {
        let track = self.track;
        track.at(Segment::Key(self.name), || {
            de::Deserializer::deserialize_map(Tracked { value: self.value, track }, visitor)
        })
    }
}

impl<'de> de::Deserializer<'de> for Tracked<'_> {
    type Error = DecodeProblem;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DecodeProblem> {
        let track = self.track;
        match self.value {
            Value::Null => visitor.visit_unit(),
            Value::Bool(b) => visitor.visit_bool(b),
            Value::Int(i) => visitor.visit_i64(i),
            Value::Float(f) => visitor.visit_f64(f),
            Value::Str(s) => visitor.visit_string(s),
            Value::Bytes(b) => visitor.visit_byte_buf(b),
            Value::List(items) => {
                let len = items.len();
                let mut seq = Items { items: items.into_iter(), index: 0, track };
                let out = visitor.visit_seq(&mut seq)?;
                match seq.items.len() {
                    0 => Ok(out),
                    _ => Err(de::Error::invalid_length(len, &format!("{} elements in sequence", seq.index).as_str())),
                }
            }
            Value::Map(entries) => {
                let len = entries.len();
                let mut map =
                    Entries { entries: entries.into_iter(), value: None, key: String::new(), count: 0, track };
                let out = visitor.visit_map(&mut map)?;
                match map.entries.len() {
                    0 => Ok(out),
                    _ => Err(de::Error::invalid_length(len, &format!("{} elements in map", map.count).as_str())),
                }
            }
        }
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DecodeProblem> {
        match self.value {
            Value::Null => visitor.visit_none(),
            _ => visitor.visit_some(self),
        }
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, DecodeProblem> {
        match self.value {
            Value::Str(s) => visitor.visit_enum(s.into_deserializer()),
            Value::Map(mut entries) if entries.len() == 1 => {
                let (name, value) = entries.remove(0);
                visitor.visit_enum(Variant { name, value, track: self.track })
            }
            other => Err(de::Error::invalid_type(other.unexpected(), &"a string naming one of the allowed values")),
        }
    }

    fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DecodeProblem> {
        self.deserialize_string(visitor)
    }

    /// Bytes are not text here (serde would accept UTF-8 bytes for a `String`): a string is asked for.
    fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DecodeProblem> {
        match self.value {
            Value::Bytes(b) => Err(de::Error::invalid_type(de::Unexpected::Bytes(&b), &visitor)),
            _ => self.deserialize_any(visitor),
        }
    }

    /// A struct is an object: serde's derive would also fill a struct from a list, field by field, so that
    /// `["best", null, "UTC"]` would pass for `{mode, pricelist, tz}`; a list is refused here instead.
    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, DecodeProblem> {
        match self.value {
            Value::List(_) => Err(de::Error::invalid_type(de::Unexpected::Seq, &"an object")),
            _ => self.deserialize_any(visitor),
        }
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, DecodeProblem> {
        visitor.visit_newtype_struct(self)
    }

    forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char
        bytes byte_buf unit unit_struct seq tuple tuple_struct map identifier ignored_any
    }
}

impl Value {
    fn unexpected(&self) -> de::Unexpected<'_> {
        match self {
            Value::Null => de::Unexpected::Unit,
            Value::Bool(b) => de::Unexpected::Bool(*b),
            Value::Int(i) => de::Unexpected::Signed(*i),
            Value::Float(f) => de::Unexpected::Float(*f),
            Value::Str(s) => de::Unexpected::Str(s),
            Value::Bytes(b) => de::Unexpected::Bytes(b),
            Value::List(_) => de::Unexpected::Seq,
            Value::Map(_) => de::Unexpected::Map,
        }
    }
}
