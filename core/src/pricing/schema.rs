//! The serde form of pricing's inputs, in one place: rules, amounts, currencies, and the options of
//! [`RateCard::with_options`](super::RateCard::with_options), [`RateCard::quote`](super::RateCard::quote) and
//! [`late_fee`](super::late_fee), with their defaults. Every struct is `deny_unknown_fields`; `null` for an
//! option is its default, as an absent one.

use std::collections::BTreeMap;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::MAX_MINOR;
use crate::instant::{null_default, TimeZone};

/// A rule's unit of time (`hour`, `day`, `week`, `month`, `year`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum PeriodUnit {
    /// An elapsed hour.
    Hour,
    /// 24 elapsed hours.
    Day,
    /// 7 x 24 elapsed hours.
    Week,
    /// A calendar month in the location's time zone.
    Month,
    /// 12 calendar months.
    Year,
}

impl PeriodUnit {
    /// The unit's name.
    pub fn name(self) -> &'static str {
        match self {
            PeriodUnit::Hour => "hour",
            PeriodUnit::Day => "day",
            PeriodUnit::Week => "week",
            PeriodUnit::Month => "month",
            PeriodUnit::Year => "year",
        }
    }

    /// Hours in one elapsed unit (hour, day, week); `None` for calendar units.
    pub(super) fn hours(self) -> Option<i64> {
        match self {
            PeriodUnit::Hour => Some(1),
            PeriodUnit::Day => Some(24),
            PeriodUnit::Week => Some(168),
            PeriodUnit::Month | PeriodUnit::Year => None,
        }
    }
}

/// A non-negative decimal amount as given (`"3.50"`, `"60"`, or a whole number): exact, never a float. Its
/// decimals are checked against the currency when it is used ([`Currency::minor`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Amount(String);

impl Amount {
    /// Reads a plain non-negative decimal (`"3.5"`, `"60.00"`, `"12"`).
    pub fn parse(text: &str) -> Result<Amount, String> {
        let (whole, fraction) = text.split_once('.').unwrap_or((text, ""));
        let digits_only = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
        if whole.is_empty()
            || !digits_only(whole)
            || !digits_only(fraction)
            || (text.contains('.') && fraction.is_empty())
        {
            return Err(format!("{text:?} is not a plain non-negative decimal"));
        }
        Ok(Amount(text.to_owned()))
    }

    /// The amount's text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl<'de> Deserialize<'de> for Amount {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Amount, D::Error> {
        struct Visit;
        impl serde::de::Visitor<'_> for Visit {
            type Value = Amount;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("an amount as a decimal string such as \"3.50\" or a whole number")
            }
            fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<Amount, E> {
                Ok(Amount(v.to_string()))
            }
            fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<Amount, E> {
                match u64::try_from(v) {
                    Ok(v) => self.visit_u64(v),
                    Err(_) => Err(E::custom(format!("{v} is not a plain non-negative decimal"))),
                }
            }
            fn visit_f64<E: serde::de::Error>(self, _: f64) -> Result<Amount, E> {
                Err(E::custom("pass amounts as decimal strings (\"3.50\") or integers, not floats"))
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Amount, E> {
                Amount::parse(v).map_err(E::custom)
            }
        }
        deserializer.deserialize_any(Visit)
    }
}

impl From<u64> for Amount {
    fn from(whole: u64) -> Amount {
        Amount(whole.to_string())
    }
}

/// An ISO 4217 currency and its number of decimals (serde: its three-letter code; default EUR).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Currency {
    /// The three-letter code, e.g. `EUR`.
    pub code: String,
    /// Decimals of the minor unit (2 for EUR, 0 for JPY, 3 for KWD).
    pub exponent: u32,
}

impl Default for Currency {
    fn default() -> Self {
        Currency { code: "EUR".to_owned(), exponent: 2 }
    }
}

impl Currency {
    /// Reads a three-letter upper-case code; the exponent is 0 for BIF CLP DJF GNF ISK JPY KMF KRW PYG RWF UGX
    /// UYI VND VUV XAF XOF XPF, 3 for BHD IQD JOD KWD LYD OMR TND, 4 for CLF UYW, and 2 otherwise.
    pub fn parse(code: &str) -> Option<Self> {
        if code.len() != 3 || !code.bytes().all(|b| b.is_ascii_uppercase()) {
            return None;
        }
        const ZERO: &[&str] = &[
            "BIF", "CLP", "DJF", "GNF", "ISK", "JPY", "KMF", "KRW", "PYG", "RWF", "UGX", "UYI", "VND", "VUV", "XAF",
            "XOF", "XPF",
        ];
        const THREE: &[&str] = &["BHD", "IQD", "JOD", "KWD", "LYD", "OMR", "TND"];
        let exponent = if ZERO.contains(&code) {
            0
        } else if THREE.contains(&code) {
            3
        } else if code == "CLF" || code == "UYW" {
            4
        } else {
            2
        };
        Some(Currency { code: code.to_owned(), exponent })
    }

    /// Formats minor units as a decimal string with the currency's decimals: 1234 EUR -> `"12.34"`.
    pub fn format(&self, minor: i64) -> String {
        let sign = if minor < 0 { "-" } else { "" };
        let abs = minor.unsigned_abs();
        if self.exponent == 0 {
            return format!("{sign}{abs}");
        }
        let scale = 10u64.pow(self.exponent);
        format!("{sign}{}.{:0width$}", abs / scale, abs % scale, width = self.exponent as usize)
    }

    /// An amount in minor units: at most the currency's decimals, and at most 2^53 - 1 minor units.
    pub fn minor(&self, amount: &Amount) -> Result<i64, String> {
        let text = amount.as_str();
        let (whole, fraction) = text.split_once('.').unwrap_or((text, ""));
        let significant = fraction.trim_end_matches('0');
        if significant.len() > self.exponent as usize {
            return Err(format!("{text:?} has more decimals than {} allows ({})", self.code, self.exponent));
        }
        let mut minor: i64 = 0;
        let padded = format!("{significant:0<width$}", width = self.exponent as usize);
        for b in whole.bytes().chain(padded.bytes()) {
            minor = minor
                .checked_mul(10)
                .and_then(|m| m.checked_add(i64::from(b - b'0')))
                .filter(|m| *m <= MAX_MINOR)
                .ok_or_else(|| format!("{text:?} exceeds 2^53 - 1 minor units"))?;
        }
        Ok(minor)
    }
}

impl<'de> Deserialize<'de> for Currency {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Currency, D::Error> {
        let code = String::deserialize(deserializer)?;
        Currency::parse(&code)
            .ok_or_else(|| serde::de::Error::custom(format!("{code:?} is not a three-letter ISO 4217 code")))
    }
}

impl Serialize for Currency {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.code)
    }
}

/// One pricing rule as written: `price` for every started `duration` x `unit` (duration 0: a flat price).
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Rule {
    /// The unit.
    pub unit: PeriodUnit,
    /// How many units one price covers; 0 = a flat price for any period.
    pub duration: u32,
    /// The price, in the card's currency.
    pub price: Amount,
}

/// The options of a rate card: `currency` (default EUR), `list_price` (charged when no rule applies; default
/// none) and `pricelist_rules` (`{pricelist name: [rules]}`; default none). Pricelist names are data, so this
/// object is read with its keys as given; JavaScript's `listPrice` and `pricelistRules` are accepted as aliases.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct RateCardOptions {
    /// The currency of every price.
    #[serde(deserialize_with = "null_default")]
    pub currency: Currency,
    /// The price charged when no rule applies.
    #[serde(alias = "listPrice")]
    pub list_price: Option<Amount>,
    /// Rules per pricelist.
    #[serde(alias = "pricelistRules", deserialize_with = "null_default")]
    pub pricelist_rules: BTreeMap<String, Vec<Rule>>,
}

/// How a quote chooses its rules (`odoo`, the default, or `best`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Mode {
    /// Exactly Odoo's rental pricing: the single cheapest rule.
    #[default]
    Odoo,
    /// The cheapest combination of rules covering the period.
    Best,
}

/// The options of [`RateCard::quote`](super::RateCard::quote): `mode` (default `odoo`), `pricelist` (default
/// none: generic rules only) and `tz` (where calendar months are counted; default UTC).
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct QuoteOptions {
    /// How the rules are chosen.
    #[serde(deserialize_with = "null_default")]
    pub mode: Mode,
    /// The pricelist whose rules come before the generic ones.
    pub pricelist: Option<String>,
    /// The time zone calendar months are counted in.
    #[serde(deserialize_with = "null_default")]
    pub tz: TimeZone,
}

/// How the late fee treats the grace period and the hourly part (`odoo`, the default, `grace_subtracted`,
/// `hourly_capped`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum LateFeeVariant {
    /// Odoo: once past the grace period, the whole delay is charged.
    #[default]
    Odoo,
    /// The grace period is subtracted from the delay before charging.
    GraceSubtracted,
    /// As Odoo, but the hourly part never exceeds the daily rate.
    HourlyCapped,
}

/// The grace period of a late return when none is given, in hours (Odoo's default).
pub const DEFAULT_GRACE_HOURS: u32 = 2;

fn default_grace_hours() -> u32 {
    DEFAULT_GRACE_HOURS
}

fn grace_hours_or_default<'de, D: Deserializer<'de>>(deserializer: D) -> Result<u32, D::Error> {
    Option::<u32>::deserialize(deserializer).map(|g| g.unwrap_or(DEFAULT_GRACE_HOURS))
}

/// The options of [`late_fee`](super::late_fee): the rates `extra_hourly` and `extra_daily` (required), the
/// `grace_hours` (default [`DEFAULT_GRACE_HOURS`]), the `variant` (default `odoo`) and the `currency` of the
/// rates (default EUR).
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LateFeeOptions {
    /// The rate per whole hour late.
    pub extra_hourly: Amount,
    /// The rate per whole day late.
    pub extra_daily: Amount,
    /// No fee while the delay is at most this many hours.
    #[serde(default = "default_grace_hours", deserialize_with = "grace_hours_or_default")]
    pub grace_hours: u32,
    /// How the grace period and the hourly part are treated.
    #[serde(default, deserialize_with = "null_default")]
    pub variant: LateFeeVariant,
    /// The currency of the rates.
    #[serde(default, deserialize_with = "null_default")]
    pub currency: Currency,
}

impl LateFeeOptions {
    /// The options with these rates and every other option at its default.
    pub fn new(extra_hourly: Amount, extra_daily: Amount) -> Self {
        LateFeeOptions {
            extra_hourly,
            extra_daily,
            grace_hours: DEFAULT_GRACE_HOURS,
            variant: LateFeeVariant::default(),
            currency: Currency::default(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::boundary::{decode, Site, Value};
    use serde_json::json;

    fn given<T: serde::de::DeserializeOwned>(value: serde_json::Value) -> Result<T, crate::boundary::ArgError> {
        decode(Value::from(value), &Site::coded("pricing", "invalid_quote", "options"))
    }

    #[test]
    fn absent_and_null_options_are_the_documented_defaults() {
        let quote: QuoteOptions = given(json!({"mode": null, "tz": null})).unwrap();
        assert_eq!(quote, QuoteOptions::default());
        assert_eq!((quote.mode, quote.tz.0), (Mode::Odoo, chrono_tz::UTC));
        let fee: LateFeeOptions = given(json!({"extra_hourly": "8", "extra_daily": 70, "grace_hours": null})).unwrap();
        assert_eq!(fee, LateFeeOptions::new(Amount::parse("8").unwrap(), Amount::from(70)));
        assert_eq!((fee.grace_hours, fee.variant, fee.currency.code.as_str()), (2, LateFeeVariant::Odoo, "EUR"));
        let card: RateCardOptions = given(json!({"listPrice": "80", "pricelistRules": {"VIP": []}})).unwrap();
        assert_eq!(card.list_price, Some(Amount::parse("80").unwrap()));
        assert!(card.pricelist_rules.contains_key("VIP"), "pricelist names are data, kept as given");
    }

    #[test]
    fn amounts_are_exact_and_checked_against_the_currency() {
        let eur = Currency::default();
        assert_eq!(eur.minor(&Amount::parse("3.5").unwrap()), Ok(350));
        assert!(eur.minor(&Amount::parse("3.505").unwrap()).is_err());
        let jpy = Currency::parse("JPY").unwrap();
        assert_eq!((jpy.minor(&Amount::parse("500").unwrap()), jpy.format(500)), (Ok(500), "500".to_owned()));
        for bad in ["", ".5", "5.", "-1", "1e3", " 1"] {
            assert!(Amount::parse(bad).is_err(), "{bad:?}");
        }
        assert!(given::<Rule>(json!({"unit": "day", "duration": 1, "price": 1.5})).is_err());
    }
}
