//! Distances: exact conversion between kilometres, miles and integer metres.
//!
//! fleetgate holds every distance as an integer count of metres. Conversions are exact:
//!
//! - 1 km = 1000 m and 1 international mile = 1609.344 m **exactly** (not the 1.60934 approximation);
//! - the input is read as an exact decimal, multiplied exactly, and rounded **once**, half to even, to whole metres.
//!
//! Values come as numbers or strings ([`Value`]):
//!
//! - a string is an unsigned plain decimal: digits, optional thousands commas in the integer part (`12,345.6`),
//!   optional `.` fraction. No sign, exponent, surrounding space or other grouping is accepted.
//! - a float is read as its shortest round-trip decimal (what Python's `repr` and JavaScript's `String` print), so
//!   `0.0005` km is exactly half a metre and rounds to 0, as a person reading the number would expect.
//!
//! Distances above [`MAX_METRES`] (2^53 - 1, so that a JavaScript number holds every one exactly), negative values,
//! NaN and infinities are rejected with `invalid_value`; an unknown unit name is `invalid_unit`.
//!
//! ```
//! use fleetgate::units::{self, Unit};
//! assert_eq!(units::to_metres("250,000", "mi").unwrap(), 402_336_000);
//! assert_eq!(units::to_metres(0.0025, "km").unwrap(), 2); // 2.5 m: a tie, rounds to even
//! assert_eq!(units::from_metres(1_609, "km").unwrap(), 1.609);
//! assert_eq!(units::convert(1.0, "mi", "km").unwrap(), 1.609344);
//! assert_eq!(Unit::parse("Kilometers").unwrap(), Unit::Kilometres);
//! ```

use std::fmt;

use crate::error::ErrorCode;

mod input;

pub use input::{metres_from_value, Quantity};

/// The largest distance fleetgate holds, in metres: 2^53 - 1 (about 9 billion km), the largest integer every
/// binding's number type holds exactly.
pub const MAX_METRES: i64 = 9_007_199_254_740_991;

/// Significant digits produced before the remaining ones are folded into one "sticky" digit when turning an exact
/// ratio into a float. 800 exceeds the 767 digits that can matter when rounding to an `f64`, so the result is the
/// correctly rounded one.
const FLOAT_DIGITS: usize = 800;

/// A unit of distance.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Unit {
    /// Kilometres: names `km`, `kilometers`, `kilometres` and the unit system `metric`.
    Kilometres,
    /// International miles (1609.344 m): names `mi`, `miles` and the unit system `imperial`.
    Miles,
}

impl Unit {
    /// Parses a unit name or unit system, ASCII case-insensitively: `km`, `kilometers`, `kilometres`, `metric`,
    /// `mi`, `miles`, `imperial`. Anything else (including surrounding spaces) is `invalid_unit`.
    pub fn parse(name: &str) -> Result<Self, UnitsError> {
        const KM: [&str; 4] = ["km", "kilometers", "kilometres", "metric"];
        const MI: [&str; 3] = ["mi", "miles", "imperial"];
        if KM.iter().any(|n| n.eq_ignore_ascii_case(name)) {
            Ok(Unit::Kilometres)
        } else if MI.iter().any(|n| n.eq_ignore_ascii_case(name)) {
            Ok(Unit::Miles)
        } else {
            Err(UnitsError::InvalidUnit { unit: name.to_owned() })
        }
    }

    /// The unit's short symbol: `km` or `mi`.
    pub const fn symbol(self) -> &'static str {
        match self {
            Unit::Kilometres => "km",
            Unit::Miles => "mi",
        }
    }

    /// The exact length of one unit in millimetres: 1 000 000 for km, 1 609 344 for mi.
    pub const fn millimetres(self) -> u64 {
        match self {
            Unit::Kilometres => 1_000_000,
            Unit::Miles => 1_609_344,
        }
    }

    /// Converts a value in this unit to whole metres (exact product, one round-half-even step).
    pub fn to_metres<'a>(self, value: impl Into<Value<'a>>) -> Result<i64, UnitsError> {
        let value = value.into();
        if let Value::Number(v) = value {
            if let Some(metres) = float_metres_fast(v, self) {
                return Ok(metres);
            }
        }
        let decimal = Decimal::from_value(value)?;
        metres_half_even(&decimal, self).ok_or_else(|| value.problem(ValueProblem::OutOfRange))
    }

    /// Converts whole metres (0 ..= [`MAX_METRES`]) to this unit, as the `f64` nearest to the exact quotient.
    pub fn from_metres(self, metres: i64) -> Result<f64, UnitsError> {
        if !(0..=MAX_METRES).contains(&metres) {
            let problem = if metres < 0 { ValueProblem::Negative } else { ValueProblem::OutOfRange };
            return Err(UnitsError::InvalidValue { value: metres.to_string(), problem });
        }
        // metres / (mm per unit / 1000) = (metres * 1000) / mm per unit
        let mut digits = to_digits(metres as u64);
        digits.extend_from_slice(&[0, 0, 0]);
        Ok(ratio_to_f64(&digits, self.millimetres(), 0))
    }

    /// Converts a value in this unit to `to` without rounding to metres: the `f64` nearest to the exact result.
    /// The value must be within range once expressed in metres.
    pub fn convert<'a>(self, value: impl Into<Value<'a>>, to: Unit) -> Result<f64, UnitsError> {
        let value = value.into();
        let decimal = Decimal::from_value(value)?;
        metres_half_even(&decimal, self).ok_or_else(|| value.problem(ValueProblem::OutOfRange))?;
        let product = mul_small(&decimal.digits, self.millimetres());
        Ok(ratio_to_f64(&product, to.millimetres(), decimal.scale))
    }
}

impl std::str::FromStr for Unit {
    type Err = UnitsError;
    fn from_str(name: &str) -> Result<Self, Self::Err> {
        Unit::parse(name)
    }
}

impl fmt::Display for Unit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.symbol())
    }
}

/// A distance value as a caller gives it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Value<'a> {
    /// A number; read as its shortest round-trip decimal.
    Number(f64),
    /// A plain decimal string such as `"12,345.6"`; read exactly.
    Text(&'a str),
}

impl From<f64> for Value<'_> {
    fn from(v: f64) -> Self {
        Value::Number(v)
    }
}

impl From<u32> for Value<'_> {
    fn from(v: u32) -> Self {
        Value::Number(f64::from(v))
    }
}

impl<'a> From<&'a str> for Value<'a> {
    fn from(v: &'a str) -> Self {
        Value::Text(v)
    }
}

impl<'a> From<&'a String> for Value<'a> {
    fn from(v: &'a String) -> Self {
        Value::Text(v)
    }
}

impl Value<'_> {
    fn problem(&self, problem: ValueProblem) -> UnitsError {
        UnitsError::InvalidValue { value: self.to_string(), problem }
    }
}

impl fmt::Display for Value<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Value::Number(v) => write!(f, "{v}"),
            Value::Text(s) => f.write_str(s),
        }
    }
}

/// Why a value was rejected (carried by [`UnitsError::InvalidValue`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum ValueProblem {
    /// The string was empty.
    Empty,
    /// The string is not a plain unsigned decimal.
    Syntax,
    /// NaN or an infinity.
    NotFinite,
    /// A negative number.
    Negative,
    /// More than [`MAX_METRES`] once converted.
    OutOfRange,
    /// A metre count that is not a whole number.
    NotInteger,
    /// Neither a number nor a string (reported by the bindings).
    WrongType,
}

impl fmt::Display for ValueProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            ValueProblem::Empty => "the string is empty",
            ValueProblem::Syntax => {
                "not a plain decimal (digits, optional thousands commas, optional '.' fraction; no sign or exponent)"
            }
            ValueProblem::NotFinite => "not a finite number",
            ValueProblem::Negative => "distances cannot be negative",
            ValueProblem::OutOfRange => "larger than the largest distance, 9007199254740991 m",
            ValueProblem::NotInteger => "metres must be a whole number",
            ValueProblem::WrongType => "expected a number or a decimal string",
        })
    }
}

/// Errors of the units area.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, serde::Serialize)]
#[serde(untagged)]
#[non_exhaustive]
pub enum UnitsError {
    /// Code `invalid_unit`: the unit name is not one fleetgate knows.
    #[error("invalid unit {unit:?}: expected km, kilometers, kilometres, mi, miles, metric or imperial")]
    InvalidUnit {
        /// The name as given.
        unit: String,
    },
    /// Code `invalid_value`: the value cannot be a distance.
    #[error("invalid distance value {value:?}: {problem}")]
    InvalidValue {
        /// The value as given (a float in its shortest decimal form).
        value: String,
        /// What is wrong with it.
        problem: ValueProblem,
    },
}

impl ErrorCode for UnitsError {
    fn code(&self) -> &'static str {
        match self {
            UnitsError::InvalidUnit { .. } => "invalid_unit",
            UnitsError::InvalidValue { .. } => "invalid_value",
        }
    }
    fn area(&self) -> &'static str {
        "units"
    }
}

impl UnitsError {
    /// The stable code (same as [`ErrorCode::code`], callable without importing the trait).
    pub fn code(&self) -> &'static str {
        ErrorCode::code(self)
    }
}

/// Converts `value` in `unit` (a name such as `"km"` or `"miles"`) to whole metres.
///
/// Exact: the decimal value is multiplied exactly and rounded once, half to even.
pub fn to_metres<'a>(value: impl Into<Value<'a>>, unit: &str) -> Result<i64, UnitsError> {
    Unit::parse(unit)?.to_metres(value)
}

/// Converts whole metres to `unit`, returning the `f64` nearest to the exact quotient.
pub fn from_metres(metres: i64, unit: &str) -> Result<f64, UnitsError> {
    Unit::parse(unit)?.from_metres(metres)
}

/// Converts `value` from one unit to another without rounding to metres, returning the `f64` nearest to the exact
/// result (`convert(1, "mi", "km") == 1.609344`). The value must be within range once expressed in metres.
pub fn convert<'a>(value: impl Into<Value<'a>>, from: &str, to: &str) -> Result<f64, UnitsError> {
    Unit::parse(from)?.convert(value, Unit::parse(to)?)
}

/// The value as a whole number when it is exactly one, in any of its accepted spellings (`999999`, `"999,999"`,
/// `999999.0`, `"999999.000"`); `None` for fractions, invalid values and numbers beyond `u64`. Used to recognise
/// sentinel odometer readings without comparing floats.
pub fn exact_integer<'a>(value: impl Into<Value<'a>>) -> Option<u64> {
    let value = value.into();
    if let Value::Number(v) = value {
        // Below 2^53 a float's shortest decimal is the integer itself when it is whole: no printing needed.
        if v.is_finite() && (0.0..9_007_199_254_740_992.0).contains(&v) {
            return (v.fract() == 0.0).then_some(v as u64);
        }
    }
    let decimal = Decimal::from_value(value).ok()?;
    let scale = decimal.scale as usize;
    if decimal.digits.len() <= scale {
        return decimal.digits.is_empty().then_some(0);
    }
    let (int, fraction) = decimal.digits.split_at(decimal.digits.len() - scale);
    if fraction.iter().any(|&d| d != 0) || int.len() > 19 {
        return None;
    }
    int.iter().try_fold(0u64, |acc, &d| acc.checked_mul(10)?.checked_add(u64::from(d)))
}

/// Turns a float that should hold a whole metre count (as JavaScript numbers do) into an `i64`, exactly:
/// non-integral, negative, non-finite or out-of-range values are `invalid_value`.
pub fn metres_from_f64(metres: f64) -> Result<i64, UnitsError> {
    let problem = if !metres.is_finite() {
        ValueProblem::NotFinite
    } else if metres < 0.0 {
        ValueProblem::Negative
    } else if metres.fract() != 0.0 {
        ValueProblem::NotInteger
    } else if metres > MAX_METRES as f64 {
        ValueProblem::OutOfRange
    } else {
        return Ok(metres as i64);
    };
    Err(UnitsError::InvalidValue { value: format!("{metres}"), problem })
}

/// An exact non-negative decimal: `digits` (base-10 digits, most significant first) times 10^-`scale`.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Decimal {
    digits: Vec<u8>,
    scale: u32,
}

impl Decimal {
    fn from_value(value: Value<'_>) -> Result<Self, UnitsError> {
        match value {
            Value::Text(s) => parse_decimal(s).map_err(|p| value.problem(p)),
            Value::Number(v) if !v.is_finite() => Err(value.problem(ValueProblem::NotFinite)),
            Value::Number(v) if v < 0.0 => Err(value.problem(ValueProblem::Negative)),
            // Display prints the shortest round-trip decimal, never in exponent form; abs() maps -0.0 to "0".
            Value::Number(v) => parse_decimal(&v.abs().to_string()).map_err(|p| value.problem(p)),
        }
    }
}

/// Parses `digits[,ddd...][.digits]`; see the module documentation for the grammar.
fn parse_decimal(s: &str) -> Result<Decimal, ValueProblem> {
    if s.is_empty() {
        return Err(ValueProblem::Empty);
    }
    if s.starts_with('-') {
        return Err(ValueProblem::Negative);
    }
    let lowered = s.to_ascii_lowercase();
    if ["nan", "inf", "infinity", "+inf", "+infinity"].contains(&lowered.as_str()) {
        return Err(ValueProblem::NotFinite);
    }
    let (int_part, frac_part) = match s.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (s, None),
    };
    let int_ok = if int_part.contains(',') {
        let mut groups = int_part.split(',');
        let first = groups.next().unwrap_or_default();
        (1..=3).contains(&first.len()) && all_digits(first) && groups.all(|g| g.len() == 3 && all_digits(g))
    } else {
        !int_part.is_empty() && all_digits(int_part)
    };
    let frac_ok = frac_part.is_none_or(|f| !f.is_empty() && all_digits(f));
    if !int_ok || !frac_ok {
        return Err(ValueProblem::Syntax);
    }
    let frac = frac_part.unwrap_or("");
    let digits: Vec<u8> = int_part
        .bytes()
        .chain(frac.bytes())
        .filter(u8::is_ascii_digit)
        .map(|b| b - b'0')
        .skip_while(|&d| d == 0)
        .collect();
    let scale = u32::try_from(frac.len()).map_err(|_| ValueProblem::OutOfRange)?;
    Ok(Decimal { digits, scale })
}

fn all_digits(s: &str) -> bool {
    s.bytes().all(|b| b.is_ascii_digit())
}

fn to_digits(mut n: u64) -> Vec<u8> {
    let mut out = Vec::with_capacity(20);
    while n > 0 {
        out.push((n % 10) as u8);
        n /= 10;
    }
    out.reverse();
    out
}

/// Exact product of a decimal digit string and a small factor.
fn mul_small(digits: &[u8], factor: u64) -> Vec<u8> {
    let mut out = Vec::with_capacity(digits.len() + 8);
    let mut carry: u64 = 0;
    for &d in digits.iter().rev() {
        let v = u64::from(d) * factor + carry;
        out.push((v % 10) as u8);
        carry = v / 10;
    }
    while carry > 0 {
        out.push((carry % 10) as u8);
        carry /= 10;
    }
    out.reverse();
    out
}

/// Whole metres for a float, without printing it, when that gives the same answer as reading its shortest decimal.
///
/// The float is exactly `mantissa * 2^exp`, so `metres = mantissa * mm / (1000 * 2^-exp)` is an exact fraction
/// `n / d` in `u128`. The shortest decimal differs from the float by at most half an ulp, which moves the product by
/// at most `mm / 2` units of `1/d`; so unless the remainder lies within `mm` of a tie, both round the same way.
/// Near a tie, for huge or tiny values, and for anything invalid, `None` sends the caller to the exact decimal path.
fn float_metres_fast(v: f64, unit: Unit) -> Option<i64> {
    if !(v.is_finite() && v > 0.0) {
        return None;
    }
    let bits = v.to_bits();
    let biased = ((bits >> 52) & 0x7ff) as i32;
    if biased == 0 {
        return None; // subnormal: far below a metre
    }
    let mantissa = u128::from((bits & ((1 << 52) - 1)) | (1 << 52));
    let shift = 1075 - biased; // v = mantissa * 2^-shift
    if !(0..=64).contains(&shift) {
        return None;
    }
    let mm = u128::from(unit.millimetres());
    let (n, d) = (mantissa * mm, 1000u128 << shift);
    // n / (1000 * 2^shift) = (n >> shift) / 1000, a u64 division by a constant whenever the quotient fits.
    let q = match u64::try_from(n >> shift) {
        Ok(high) => u128::from(high / 1000),
        Err(_) => n / d,
    };
    let r = n - q * d;
    let twice = 2 * r;
    let margin = 2 * mm;
    let round_up = if twice > d + margin {
        true
    } else if twice + margin < d {
        false
    } else {
        return None;
    };
    let metres = i64::try_from(q).ok()? + i64::from(round_up);
    (metres < MAX_METRES).then_some(metres)
}

/// `decimal` in `unit`, in whole metres rounded half to even; `None` when above [`MAX_METRES`].
fn metres_half_even(decimal: &Decimal, unit: Unit) -> Option<i64> {
    // metres = digits * mm_per_unit / 10^(scale + 3)
    let product = mul_small(&decimal.digits, unit.millimetres());
    let frac_len = decimal.scale as usize + 3;
    let split = product.len().saturating_sub(frac_len);
    let (int_digits, frac_digits) = product.split_at(split);
    // The fraction's digits are the last `frac_len` of the product, with implied leading zeros when it is shorter.
    let implied_zeros = frac_len - frac_digits.len();
    let first = if implied_zeros > 0 { 0 } else { frac_digits.first().copied().unwrap_or(0) };
    let rest_nonzero = frac_digits.iter().skip(usize::from(implied_zeros == 0)).any(|&d| d != 0);
    let int_digits = &int_digits[int_digits.iter().take_while(|&&d| d == 0).count()..];
    if int_digits.len() > 16 {
        return None;
    }
    let whole = int_digits.iter().fold(0i64, |acc, &d| acc * 10 + i64::from(d));
    let round_up = first > 5 || (first == 5 && (rest_nonzero || whole % 2 == 1));
    let metres = whole + i64::from(round_up);
    (metres <= MAX_METRES).then_some(metres)
}

/// The `f64` nearest to `num / den / 10^scale`, where `num` is a decimal digit string.
fn ratio_to_f64(num: &[u8], den: u64, scale: u32) -> f64 {
    const EXACT: u64 = 1 << 53;
    // Fast path: both operands are exact doubles, and IEEE division is correctly rounded.
    if num.len() <= 15 && scale <= 6 {
        let n = num.iter().fold(0u64, |acc, &d| acc * 10 + u64::from(d));
        let d = den * 10u64.pow(scale);
        if n < EXACT && d < EXACT {
            return n as f64 / d as f64;
        }
    }
    // Long division into decimal digits, then Rust's correctly rounded parser. Digits beyond FLOAT_DIGITS are
    // folded into a trailing non-zero "sticky" digit, which keeps the rounding direction exact.
    let mut text = String::with_capacity(num.len() + FLOAT_DIGITS + 8);
    let mut remainder: u64 = 0;
    let mut significant = 0usize;
    let mut fraction_digits: u64 = 0;
    let push = |digit: u64, text: &mut String, significant: &mut usize| {
        if *significant > 0 || digit != 0 {
            text.push(char::from(b'0' + digit as u8));
            *significant += 1;
        }
    };
    for &d in num {
        let v = remainder * 10 + u64::from(d);
        push(v / den, &mut text, &mut significant);
        remainder = v % den;
    }
    while remainder != 0 && significant < FLOAT_DIGITS {
        let v = remainder * 10;
        push(v / den, &mut text, &mut significant);
        remainder = v % den;
        fraction_digits += 1;
    }
    if remainder != 0 {
        text.push('1');
        fraction_digits += 1;
    }
    if text.is_empty() {
        return 0.0;
    }
    let exponent = fraction_digits + u64::from(scale);
    text.push_str(&format!("e-{exponent}"));
    text.parse().unwrap_or(f64::NAN)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exact_mile() {
        assert_eq!(to_metres(1.0, "mi").unwrap(), 1609);
        assert_eq!(to_metres("999,999", "mi").unwrap(), 1_609_342_391);
        // the x1.60934 approximation would give 1_609_338_391 (4 km short)
    }

    #[test]
    fn ties_round_to_even() {
        assert_eq!(to_metres("0.0005", "km").unwrap(), 0);
        assert_eq!(to_metres("0.0015", "km").unwrap(), 2);
        assert_eq!(to_metres("0.0025", "km").unwrap(), 2);
        assert_eq!(to_metres("0.00250000000000000000000001", "km").unwrap(), 3);
    }

    #[test]
    fn long_fraction_ratio_uses_sticky_digit() {
        // 1 m in miles: 1000 / 1609344, not a terminating decimal.
        let expected = 1.0f64 / 1609.344;
        let got = from_metres(1, "mi").unwrap();
        assert!((got - expected).abs() <= f64::EPSILON * expected);
        // the general path agrees with the fast path on a value both can take
        let slow = ratio_to_f64(&to_digits(1_000_000_000_000_000_000), 1_609_344, 15);
        assert_eq!(slow.to_bits(), got.to_bits());
    }

    #[test]
    fn exact_integers() {
        assert_eq!(exact_integer("999,999"), Some(999_999));
        assert_eq!(exact_integer(999_999.0), Some(999_999));
        assert_eq!(exact_integer("16777215.000"), Some(16_777_215));
        assert_eq!(exact_integer("0.000"), Some(0));
        assert_eq!(exact_integer("999999.0001"), None);
        assert_eq!(exact_integer(0.5), None);
        assert_eq!(exact_integer("abc"), None);
    }

    #[test]
    fn grouping_is_strict() {
        for bad in ["1,23", ",123", "1234,567", "1,234,56", "12.3,4", "1.", ".5", " 1", "+1", "1e3", "0x10"] {
            assert_eq!(parse_decimal(bad), Err(ValueProblem::Syntax), "{bad}");
        }
        assert!(parse_decimal("1,234,567.25").is_ok());
    }
}

#[cfg(test)]
mod code_tests {
    use super::*;
    use crate::error::CODES;

    #[test]
    fn every_variant_code_is_in_the_table() {
        let errors = [
            UnitsError::InvalidUnit { unit: String::new() },
            UnitsError::InvalidValue { value: String::new(), problem: ValueProblem::Empty },
        ];
        for e in errors {
            assert!(CODES.iter().any(|c| c.code == e.code() && c.area == e.area()), "{} missing", e.code());
        }
    }
}
