//! Odoo's datetimes as its native webhooks send them: `fields.Datetime` values are naive UTC, written by Python's
//! `str()` (`"YYYY-MM-DD HH:MM:SS"`, `".ffffff"` appended when there are microseconds), `fields.Date` values
//! `"YYYY-MM-DD"`, and an empty field is `false`.

use chrono::{NaiveDate, NaiveTime};

/// The unix seconds of an Odoo datetime (`"2026-12-01 08:00:00"`, microseconds dropped) or date (`"2026-12-01"`:
/// midnight UTC); `None` when `text` is neither (wrong layout, a year 0, a month 13, a 30 February, a second 60).
///
/// ```
/// use fleetgate::odoo::parse_datetime;
/// assert_eq!(parse_datetime("2026-12-01 08:00:00"), Some(1_796_112_000));
/// assert_eq!(parse_datetime("2026-12-01"), Some(1_796_083_200));
/// assert_eq!(parse_datetime("2026-12-01T08:00:00Z"), None);
/// ```
pub fn parse_datetime(text: &str) -> Option<i64> {
    let b = text.as_bytes();
    let date = date(b.get(..10)?)?;
    let time = match b.len() {
        10 => NaiveTime::MIN,
        19 => time(&b[10..19])?,
        26 if b[19] == b'.' && b[20..].iter().all(u8::is_ascii_digit) => time(&b[10..19])?,
        _ => return None,
    };
    Some(date.and_time(time).and_utc().timestamp())
}

fn digits(b: &[u8]) -> Option<u32> {
    b.iter().try_fold(0u32, |n, c| c.is_ascii_digit().then(|| n * 10 + u32::from(c - b'0')))
}

/// `YYYY-MM-DD`.
fn date(b: &[u8]) -> Option<NaiveDate> {
    if b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    // Year 1 at the earliest, as Python's datetime (Odoo's) has no year 0.
    let year = i32::try_from(digits(&b[..4])?).ok().filter(|y| *y >= 1)?;
    NaiveDate::from_ymd_opt(year, digits(&b[5..7])?, digits(&b[8..10])?)
}

/// ` HH:MM:SS`.
fn time(b: &[u8]) -> Option<NaiveTime> {
    if b[0] != b' ' || b[3] != b':' || b[6] != b':' {
        return None;
    }
    NaiveTime::from_hms_opt(digits(&b[1..3])?, digits(&b[4..6])?, digits(&b[7..9])?)
}

#[cfg(test)]
mod tests {
    use super::parse_datetime;

    #[test]
    fn odoo_datetimes() {
        assert_eq!(parse_datetime("1970-01-01 00:00:00"), Some(0));
        assert_eq!(parse_datetime("2024-02-29 23:59:59"), Some(1_709_251_199));
        assert_eq!(parse_datetime("2024-02-29 23:59:59.999999"), Some(1_709_251_199));
        assert_eq!(parse_datetime("2023-02-29"), None);
        assert_eq!(parse_datetime("2026-13-01 00:00:00"), None);
        assert_eq!(parse_datetime("2026-12-01 24:00:00"), None);
        assert_eq!(parse_datetime("2026-12-01 23:59:60"), None);
        assert_eq!(parse_datetime("2026-12-01 08:00"), None);
        assert_eq!(parse_datetime("2026-12-01 08:00:00.5"), None);
        assert_eq!(parse_datetime("+026-12-01"), None);
        assert_eq!(parse_datetime("0000-01-01"), None);
        assert_eq!(parse_datetime("0001-01-01"), Some(-62_135_596_800));
        assert_eq!(parse_datetime("2026-12-01 08:00:00+00:00"), None);
        assert_eq!(parse_datetime(""), None);
    }
}
