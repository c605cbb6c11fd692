//! The rate-limit key of a request's client, from the socket peer and (only when trusted) forwarding headers.
//!
//! `X-Forwarded-For` and `Forwarded` are never read by default: a client can write any address into them. With
//! trusted proxies the chain `[header addresses..., peer]` is walked from the right, skipping trusted proxies; the
//! first untrusted address is the client. IPv4-mapped IPv6 (`::ffff:1.2.3.4`) is keyed as the IPv4 address; IPv6
//! by its network (/56 by default, configurable from /48 to /128), since one user usually holds a /64 or more.

use std::net::{IpAddr, Ipv6Addr};

use super::RateLimitError;

/// Which proxies in front of the server are trusted to report the client's address.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TrustedProxies {
    /// Trust this many proxy hops nearest the server (0: trust none and key by the peer).
    Hops(u32),
    /// Trust proxies whose address is in one of these networks.
    Networks(Vec<Network>),
}

impl Default for TrustedProxies {
    /// Trust no proxy.
    fn default() -> Self {
        TrustedProxies::Hops(0)
    }
}

/// An IP network (a CIDR block) such as `10.0.0.0/8` or `2001:db8::/32`; a bare address is a /32 or /128.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Network {
    address: IpAddr,
    prefix: u8,
}

impl Network {
    /// Parses `address/prefix` or a bare address. Host bits set below the prefix (`10.0.0.1/8`) are an error
    /// (`invalid_network`), not silently cleared. IPv4-mapped IPv6 networks are read as IPv4.
    pub fn parse(text: &str) -> Result<Self, RateLimitError> {
        let invalid = |problem| RateLimitError::InvalidNetwork { network: text.to_owned(), problem };
        let (addr, prefix) = match text.split_once('/') {
            Some((addr, prefix)) => (addr, Some(prefix)),
            None => (text, None),
        };
        let parsed: IpAddr = addr.parse().map_err(|_| invalid("not an IP address"))?;
        let (address, max, offset) = match parsed {
            IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
                Some(v4) => (IpAddr::V4(v4), 32, 96),
                None => (parsed, 128, 0),
            },
            IpAddr::V4(_) => (parsed, 32, 0),
        };
        let prefix = match prefix {
            None => max,
            Some(p) if !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()) && p.len() <= 3 => {
                let p: u8 = p.parse().map_err(|_| invalid("the prefix length is out of range"))?;
                p.checked_sub(offset)
                    .filter(|p| *p <= max)
                    .ok_or_else(|| invalid("the prefix length is out of range"))?
            }
            Some(_) => return Err(invalid("the prefix length is not a number")),
        };
        if mask(address, prefix) != address {
            return Err(invalid("host bits are set below the prefix"));
        }
        Ok(Network { address, prefix })
    }

    /// Whether `address` (already normalised: IPv4-mapped read as IPv4) is in this network.
    pub fn contains(&self, address: IpAddr) -> bool {
        address.is_ipv4() == self.address.is_ipv4() && mask(address, self.prefix) == self.address
    }
}

/// `address` with every bit after the first `prefix` cleared.
fn mask(address: IpAddr, prefix: u8) -> IpAddr {
    match address {
        IpAddr::V4(v4) => {
            let bits = u32::from(v4) & u32::MAX.checked_shl(32 - u32::from(prefix)).unwrap_or(0);
            IpAddr::V4(bits.into())
        }
        IpAddr::V6(v6) => {
            let bits = u128::from(v6) & u128::MAX.checked_shl(128 - u32::from(prefix)).unwrap_or(0);
            IpAddr::V6(Ipv6Addr::from(bits))
        }
    }
}

/// The key of a request's client.
///
/// `peer` is the socket's remote address (no port); `headers` are the request's headers as `(name, value)` pairs
/// (names in any case; repeated headers are read in order, as one comma-separated list). With
/// `TrustedProxies::Hops(0)` (the default) the headers are ignored. When both `Forwarded` and `X-Forwarded-For` are
/// present and trusted, they must name the same client (`conflicting_forwarded_headers` otherwise).
///
/// Returns the IPv4 address (`203.0.113.7`) or the IPv6 network (`2001:db8:ab00::/56`). A malformed address
/// that has to be read is `invalid_address`; `ipv6_prefix` outside 48..=128 is `invalid_prefix`.
pub fn client_key(
    peer: &str,
    headers: &[(&str, &str)],
    trusted: &TrustedProxies,
    ipv6_prefix: u8,
) -> Result<String, RateLimitError> {
    if !(48..=128).contains(&ipv6_prefix) {
        return Err(RateLimitError::InvalidPrefix { prefix: i64::from(ipv6_prefix) });
    }
    let peer_address = parse_address(peer).ok_or_else(|| invalid_address(peer))?;
    let trusts_anything = *trusted != TrustedProxies::Hops(0);
    let joined = |name: &str| {
        let values: Vec<&str> = headers.iter().filter(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, v)| *v).collect();
        (!values.is_empty()).then(|| values.join(","))
    };
    let (forwarded, x_forwarded_for) =
        if trusts_anything { (joined("forwarded"), joined("x-forwarded-for")) } else { (None, None) };
    let from_chain = |chain: Vec<String>| walk(peer_address, &chain, trusted).map(|a| key_of(a, ipv6_prefix));
    match (forwarded, x_forwarded_for) {
        (None, None) => Ok(key_of(peer_address, ipv6_prefix)),
        (None, Some(xff)) => from_chain(xff.split(',').map(|s| s.trim().to_owned()).collect()),
        (Some(fwd), None) => from_chain(forwarded_for(&fwd)),
        (Some(fwd), Some(xff)) => {
            let by_forwarded = from_chain(forwarded_for(&fwd))?;
            let by_xff = from_chain(xff.split(',').map(|s| s.trim().to_owned()).collect())?;
            if by_forwarded == by_xff {
                Ok(by_forwarded)
            } else {
                Err(RateLimitError::ConflictingForwardedHeaders { forwarded: by_forwarded, x_forwarded_for: by_xff })
            }
        }
    }
}

/// Walks `[chain..., peer]` from the right past trusted proxies; returns the first untrusted (or leftmost) address.
/// Only the addresses walked are parsed, so junk a client put further left cannot cause an error.
fn walk(peer: IpAddr, chain: &[String], trusted: &TrustedProxies) -> Result<IpAddr, RateLimitError> {
    let parse = |text: &String| parse_node(text).ok_or_else(|| invalid_address(text));
    match trusted {
        TrustedProxies::Hops(hops) => {
            let hops = *hops as usize;
            if hops == 0 || chain.is_empty() {
                return Ok(peer);
            }
            // chain[len - 1] is one hop from the peer; past the end the leftmost address is the client.
            parse(&chain[chain.len().saturating_sub(hops)])
        }
        TrustedProxies::Networks(networks) => {
            let trusted = |a: IpAddr| networks.iter().any(|n| n.contains(a));
            let mut current = peer;
            for text in chain.iter().rev() {
                if !trusted(current) {
                    return Ok(current);
                }
                current = parse(text)?;
            }
            Ok(current)
        }
    }
}

/// The `for=` node of each element of a `Forwarded` header (RFC 7239), left to right; an element without `for`
/// gives an empty node (not an address).
fn forwarded_for(header: &str) -> Vec<String> {
    split_outside_quotes(header, ',')
        .iter()
        .map(|element| {
            split_outside_quotes(element, ';')
                .iter()
                .filter_map(|pair| pair.split_once('='))
                .find(|(name, _)| name.trim().eq_ignore_ascii_case("for"))
                .map(|(_, value)| unquote(value.trim()))
                .unwrap_or_default()
        })
        .collect()
}

/// Splits on `separator` except inside double quotes.
fn split_outside_quotes(text: &str, separator: char) -> Vec<&str> {
    let (mut parts, mut start, mut quoted, mut escaped) = (Vec::new(), 0, false, false);
    for (i, c) in text.char_indices() {
        match c {
            _ if escaped => escaped = false,
            '\\' if quoted => escaped = true,
            '"' => quoted = !quoted,
            c if c == separator && !quoted => {
                parts.push(&text[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    parts.push(&text[start..]);
    parts
}

/// The content of a quoted-string (backslash escapes removed), or the token itself.
fn unquote(value: &str) -> String {
    match value.strip_prefix('"').and_then(|v| v.strip_suffix('"')) {
        Some(inner) => {
            let mut out = String::with_capacity(inner.len());
            let mut chars = inner.chars();
            while let Some(c) = chars.next() {
                out.push(if c == '\\' { chars.next().unwrap_or('\\') } else { c });
            }
            out
        }
        None => value.to_owned(),
    }
}

/// A forwarded node: an address, optionally with a port (`1.2.3.4:5678`, `[2001:db8::1]:443`).
fn parse_node(text: &str) -> Option<IpAddr> {
    if let Some(address) = parse_address(text) {
        return Some(address);
    }
    if let Some(rest) = text.strip_prefix('[') {
        let (inside, after) = rest.split_once(']')?;
        let port_ok = after.is_empty() || after.strip_prefix(':').is_some_and(is_port);
        return if port_ok { parse_address(inside).filter(IpAddr::is_ipv6) } else { None };
    }
    let (host, port) = text.rsplit_once(':')?;
    host.parse::<std::net::Ipv4Addr>().ok().filter(|_| is_port(port)).map(IpAddr::V4)
}

fn is_port(text: &str) -> bool {
    !text.is_empty() && text.len() <= 5 && text.bytes().all(|b| b.is_ascii_digit())
}

/// A bare address; IPv4-mapped IPv6 is read as IPv4.
fn parse_address(text: &str) -> Option<IpAddr> {
    match text.parse::<IpAddr>().ok()? {
        IpAddr::V6(v6) => Some(v6.to_ipv4_mapped().map_or(IpAddr::V6(v6), IpAddr::V4)),
        v4 => Some(v4),
    }
}

fn key_of(address: IpAddr, ipv6_prefix: u8) -> String {
    match address {
        IpAddr::V4(v4) => v4.to_string(),
        IpAddr::V6(_) => format!("{}/{ipv6_prefix}", mask(address, ipv6_prefix)),
    }
}

fn invalid_address(text: &str) -> RateLimitError {
    RateLimitError::InvalidAddress { address: text.to_owned() }
}

/// Where a request's client address can be trusted from, by where the app is deployed
/// ([`client_key_from_request`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Platform {
    /// Vercel (Functions and Edge): `X-Real-IP`, which Vercel's edge sets to the connecting client's address,
    /// overwriting any value the client sent (Vercel also overwrites `X-Forwarded-For`, but `X-Real-IP` holds exactly
    /// one address). Only right when every request reaches the app through Vercel.
    Vercel,
    /// Cloudflare (Workers, or any origin proxied by Cloudflare): `CF-Connecting-IP`, which Cloudflare sets to the
    /// connecting client's address. Only right when the origin accepts connections from Cloudflare alone.
    Cloudflare,
    /// Your own proxies: the socket peer plus the right-to-left walk of `X-Forwarded-For` / `Forwarded` past the
    /// trusted proxies, exactly as [`client_key`].
    TrustedProxies,
    /// No platform vouches for an address: refuses (`missing_client_address`) rather than key by a header any
    /// client can write.
    None,
}

impl Platform {
    /// Parses `vercel`, `cloudflare`, `trusted_proxies` or `none` (`invalid_platform` otherwise).
    pub fn parse(name: &str) -> Result<Self, RateLimitError> {
        match name {
            "vercel" => Ok(Platform::Vercel),
            "cloudflare" => Ok(Platform::Cloudflare),
            "trusted_proxies" => Ok(Platform::TrustedProxies),
            "none" => Ok(Platform::None),
            _ => Err(RateLimitError::InvalidPlatform { platform: name.to_owned() }),
        }
    }
}

/// The key of a request's client on a hosting `platform`, from the request's `headers` (`(name, value)` pairs,
/// names in any case) and, for [`Platform::TrustedProxies`] only, the socket `peer` and the `trusted` setting.
///
/// Vercel and Cloudflare read their one header and nothing else, so a client-written `X-Forwarded-For` never changes
/// the key; the header must hold exactly one address (`invalid_address` otherwise; several copies of the header
/// are refused too, since the platform writes one). A missing header, a missing peer, or [`Platform::None`] is
/// `missing_client_address`. Keys are as [`client_key`]: the IPv4 address or the IPv6 `/ipv6_prefix` network.
pub fn client_key_from_request(
    platform: Platform,
    headers: &[(&str, &str)],
    peer: Option<&str>,
    trusted: &TrustedProxies,
    ipv6_prefix: u8,
) -> Result<String, RateLimitError> {
    if !(48..=128).contains(&ipv6_prefix) {
        return Err(RateLimitError::InvalidPrefix { prefix: i64::from(ipv6_prefix) });
    }
    let from_header = |name: &str, problem: &'static str| {
        let mut values = headers.iter().filter(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, v)| v.trim());
        let value = values.next().ok_or(RateLimitError::MissingClientAddress { problem })?;
        if values.next().is_some() {
            return Err(invalid_address(&format!("{name}: more than one header")));
        }
        let address = parse_address(value).ok_or_else(|| invalid_address(value))?;
        Ok(key_of(address, ipv6_prefix))
    };
    match platform {
        Platform::Vercel => from_header("x-real-ip", "no X-Real-IP header (is the app deployed on Vercel?)"),
        Platform::Cloudflare => {
            from_header("cf-connecting-ip", "no CF-Connecting-IP header (is the request proxied by Cloudflare?)")
        }
        Platform::TrustedProxies => {
            let peer = peer.ok_or(RateLimitError::MissingClientAddress {
                problem: "platform trusted_proxies needs the socket peer address",
            })?;
            client_key(peer, headers, trusted, ipv6_prefix)
        }
        Platform::None => Err(RateLimitError::MissingClientAddress {
            problem: "platform none: no header or peer is trusted to name the client",
        }),
    }
}

#[cfg(test)]
mod platform_tests {
    use super::*;

    fn key(platform: &str, headers: &[(&str, &str)], peer: Option<&str>) -> Result<String, &'static str> {
        let platform = Platform::parse(platform).map_err(|e| e.code())?;
        client_key_from_request(platform, headers, peer, &TrustedProxies::Hops(1), 56).map_err(|e| e.code())
    }

    #[test]
    fn vercel_and_cloudflare_read_only_their_header() {
        let spoofed = [("X-Forwarded-For", "198.51.100.9"), ("x-real-ip", "203.0.113.7")];
        assert_eq!(key("vercel", &spoofed, Some("10.0.0.1")), Ok("203.0.113.7".into()));
        let cf = [("X-Forwarded-For", "198.51.100.9"), ("CF-Connecting-IP", "2001:db8:ab12::1")];
        assert_eq!(key("cloudflare", &cf, None), Ok("2001:db8:ab12::/56".into()));
        assert_eq!(key("cloudflare", &spoofed, None), Err("missing_client_address"));
        assert_eq!(key("vercel", &[("x-real-ip", "not an ip")], None), Err("invalid_address"));
        assert_eq!(
            key("vercel", &[("x-real-ip", "203.0.113.7"), ("X-Real-IP", "1.2.3.4")], None),
            Err("invalid_address")
        );
    }

    #[test]
    fn trusted_proxies_walks_like_client_key_and_needs_the_peer() {
        let headers = [("x-forwarded-for", "198.51.100.9, 203.0.113.7")];
        assert_eq!(key("trusted_proxies", &headers, Some("10.0.0.1")), Ok("203.0.113.7".into()));
        assert_eq!(key("trusted_proxies", &headers, None), Err("missing_client_address"));
    }

    #[test]
    fn none_and_unknown_platforms_refuse() {
        assert_eq!(key("none", &[("x-real-ip", "203.0.113.7")], Some("10.0.0.1")), Err("missing_client_address"));
        assert_eq!(key("Vercel", &[], None), Err("invalid_platform"));
    }
}
