//! [`SignedContent`]: what the generic HMAC scheme signs, as a template such as `{id}.{timestamp}.{body}`.
//!
//! Placeholders: `{body}` (the raw body bytes, exactly once), `{timestamp}` (the value of the timestamp header),
//! `{id}` (the value of the id header) and `{header:Name}` (the value of any named header, which is then
//! required). Everything else is literal text; `{{` and `}}` are literal braces. The template is parsed once when
//! the verifier is built; verifying streams the bytes before `{body}`, then the body as it is, then the bytes
//! after it, into the MAC: the body is never copied or re-serialised.
//!
//! ```
//! use fleetgate::webhook::SignedContent;
//! let t = SignedContent::parse("{id}.{timestamp}.{body}").unwrap();
//! assert!(t.uses_id() && t.uses_timestamp());
//! assert_eq!(SignedContent::parse("{timestamp}").unwrap_err().code(), "invalid_signed_content");
//! ```

use super::WebhookError;

/// The longest template, in bytes.
pub const MAX_SIGNED_CONTENT_BYTES: usize = 256;
/// The most placeholders a template holds, `{body}` included.
pub const MAX_SIGNED_CONTENT_PLACEHOLDERS: usize = 8;

/// One piece of a template.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) enum Piece {
    /// Literal bytes.
    Text(String),
    /// The timestamp header's value.
    Timestamp,
    /// The id header's value.
    Id,
    /// A named header's value.
    Header(String),
}

/// A parsed signed-content template (see the module docs): the pieces before `{body}` and after it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SignedContent {
    pub(super) before: Vec<Piece>,
    pub(super) after: Vec<Piece>,
    text: String,
}

/// Characters of an HTTP header name (RFC 9110 `token`).
fn is_token(c: char) -> bool {
    c.is_ascii_alphanumeric() || "!#$%&'*+-.^_`|~".contains(c)
}

impl SignedContent {
    /// Parses a template; a problem is `invalid_signed_content` with the byte offset where it was found.
    pub fn parse(text: &str) -> Result<Self, WebhookError> {
        let bad = |at: usize, reason: &'static str| WebhookError::InvalidSignedContent { at, reason };
        if text.len() > MAX_SIGNED_CONTENT_BYTES {
            return Err(bad(MAX_SIGNED_CONTENT_BYTES, "longer than 256 bytes"));
        }
        let (mut before, mut after) = (Vec::new(), Vec::new());
        let mut body_seen = false;
        let mut placeholders = 0;
        let mut literal = String::new();
        let mut rest = text;
        while let Some(c) = rest.chars().next() {
            let at = text.len() - rest.len();
            let pieces = if body_seen { &mut after } else { &mut before };
            if let Some(tail) = rest.strip_prefix("{{").or_else(|| rest.strip_prefix("}}")) {
                literal.push(c);
                rest = tail;
                continue;
            }
            if c == '}' {
                return Err(bad(at, "a lone `}` (write `}}` for a literal brace)"));
            }
            if c != '{' {
                literal.push(c);
                rest = &rest[c.len_utf8()..];
                continue;
            }
            let close = rest.find('}').ok_or_else(|| bad(at, "a `{` without its `}`"))?;
            let name = &rest[1..close];
            rest = &rest[close + 1..];
            placeholders += 1;
            if placeholders > MAX_SIGNED_CONTENT_PLACEHOLDERS {
                return Err(bad(at, "more than 8 placeholders"));
            }
            if !literal.is_empty() {
                pieces.push(Piece::Text(std::mem::take(&mut literal)));
            }
            match name {
                "body" if body_seen => return Err(bad(at, "`{body}` more than once")),
                "body" => body_seen = true,
                "timestamp" => pieces.push(Piece::Timestamp),
                "id" => pieces.push(Piece::Id),
                _ => match name.strip_prefix("header:") {
                    Some(header) if !header.is_empty() && header.chars().all(is_token) => {
                        pieces.push(Piece::Header(header.to_owned()))
                    }
                    Some(_) => return Err(bad(at, "`{header:Name}` needs a header name (letters, digits, `-`, ...)")),
                    None => return Err(bad(at, "unknown placeholder: use {body}, {timestamp}, {id} or {header:Name}")),
                },
            }
        }
        if !literal.is_empty() {
            (if body_seen { &mut after } else { &mut before }).push(Piece::Text(literal));
        }
        if !body_seen {
            return Err(bad(text.len(), "no `{body}`: the body must be signed"));
        }
        Ok(SignedContent { before, after, text: text.to_owned() })
    }

    /// The template as written.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    fn pieces(&self) -> impl Iterator<Item = &Piece> {
        self.before.iter().chain(&self.after)
    }

    /// Whether it signs the timestamp header (`{timestamp}`).
    pub fn uses_timestamp(&self) -> bool {
        self.pieces().any(|p| *p == Piece::Timestamp)
    }

    /// Whether it signs the id header (`{id}`).
    pub fn uses_id(&self) -> bool {
        self.pieces().any(|p| *p == Piece::Id)
    }

    /// The named headers it signs (`{header:Name}`), in order, each once.
    pub fn headers(&self) -> Vec<&str> {
        let mut out: Vec<&str> = Vec::new();
        for p in self.pieces() {
            if let Piece::Header(name) = p {
                if !out.iter().any(|n| n.eq_ignore_ascii_case(name)) {
                    out.push(name);
                }
            }
        }
        out
    }
}

/// The values a template's placeholders take for one message.
pub(super) struct Values<'a> {
    pub(super) timestamp: Option<&'a str>,
    pub(super) id: Option<&'a str>,
    /// `{header:Name}` -> its value (looked up ASCII case-insensitively).
    pub(super) header: &'a dyn Fn(&str) -> Option<&'a str>,
}

/// The bytes of `pieces` with `values` in place of the placeholders (every value was required before).
pub(super) fn render(pieces: &[Piece], values: &Values<'_>) -> Vec<u8> {
    let mut out = Vec::new();
    for piece in pieces {
        let part = match piece {
            Piece::Text(t) => t.as_str(),
            Piece::Timestamp => values.timestamp.unwrap_or(""),
            Piece::Id => values.id.unwrap_or(""),
            Piece::Header(name) => (values.header)(name).unwrap_or(""),
        };
        out.extend_from_slice(part.as_bytes());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reason(text: &str) -> (usize, &'static str) {
        match SignedContent::parse(text).unwrap_err() {
            WebhookError::InvalidSignedContent { at, reason } => (at, reason),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn pieces_around_the_body() {
        let t = SignedContent::parse("v0:{timestamp}:{body}").unwrap();
        assert_eq!(t.before, vec![Piece::Text("v0:".into()), Piece::Timestamp, Piece::Text(":".into())]);
        assert!(t.after.is_empty());
        let t = SignedContent::parse("{{{id}}}\n{body}\n{header:X-Delivery}{header:x-delivery}").unwrap();
        assert_eq!(t.before, vec![Piece::Text("{".into()), Piece::Id, Piece::Text("}\n".into())]);
        assert_eq!(
            t.after,
            vec![Piece::Text("\n".into()), Piece::Header("X-Delivery".into()), Piece::Header("x-delivery".into())]
        );
        assert_eq!(t.headers(), vec!["X-Delivery"]);
        assert_eq!(SignedContent::parse("é{body}é").unwrap().as_str(), "é{body}é");
    }

    #[test]
    fn signing_refuses_an_unusable_id() {
        let config = super::super::HmacConfig {
            header: "X-Sig".into(),
            prefix: None,
            encoding: super::super::Encoding::Hex,
            timestamp_header: None,
            id_header: Some("X-Id".into()),
            signed_content: Some(SignedContent::parse("{id}.{body}").unwrap()),
        };
        let v = super::super::Verifier::hmac(&["k"], config).unwrap();
        for bad in ["", "a\nb"] {
            assert_eq!(v.sign(b"x", Some(bad), None).unwrap_err().code(), "malformed_header");
        }
        let signed = v.sign(b"x", Some("id-1"), None).unwrap();
        assert_eq!(v.verify(&signed, b"x", super::super::TimeCheck::Skip).unwrap().msg_id.as_deref(), Some("id-1"));
    }

    #[test]
    fn refused_templates() {
        assert_eq!(reason("{timestamp}.").0, 12);
        assert_eq!(reason("{body}{body}"), (6, "`{body}` more than once"));
        assert_eq!(reason("{ts}.{body}").0, 0);
        assert_eq!(reason("a}{body}").0, 1);
        assert_eq!(reason("{body").0, 0);
        assert_eq!(reason("{header:}{body}").0, 0);
        assert_eq!(reason("{header:X Y}{body}").0, 0);
        assert_eq!(reason(&"a".repeat(257)).0, 256);
        assert_eq!(reason(&format!("{}{{body}}", "{id}".repeat(8))).1, "more than 8 placeholders");
        assert!(SignedContent::parse(&format!("{}{{body}}", "{id}".repeat(7))).is_ok());
    }
}
