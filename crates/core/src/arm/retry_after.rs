//! `Retry-After` and its millisecond cousins, read against an explicit `now`, never trusted.
//!
//! The value comes from whatever answered: ARM, a proxy, a captive portal. It decides how long
//! every ARM call waits (the app holds all calls while a 429's wait runs, the poller sleeps it
//! between polls), so a hostile or buggy value must neither crash the app (it is built with
//! `panic = "abort"`: one panic ends the page) nor freeze it. Hence:
//! - every form RFC 9110 allows is read (delta-seconds, and an HTTP date in each of its three
//!   formats: IMF-fixdate, RFC 850, asctime), plus fractional seconds some services send and the
//!   `retry-after-ms` / `x-ms-retry-after-ms` headers Azure services use;
//! - no input panics: numbers too large for a `Duration` saturate instead of overflowing;
//! - the wait is capped at [`MAX_RETRY_AFTER`]. ARM's buckets refill within seconds (reads at 25
//!   a second: a fully drained bucket of 250 is whole again after 10 s), so a longer wait than a
//!   few minutes can only come from a mistake; five minutes is thirty times a full refill, and
//!   short enough that a user who is told "waiting 5 minutes" waits rather than reloads.
//!   [`RetryAfter::capped`] says when the cap cut the service's value, so the app can say so.
//!
//! Values that are no number or date (negative, `NaN`, `inf`, garbage, empty) are ignored, as
//! if absent: the caller then uses its own back-off.

use crate::time::Timestamp;
use crate::transport::ArmResponse;
use serde::{Deserialize, Serialize};
use std::time::{Duration, UNIX_EPOCH};

/// The longest wait a `Retry-After` (or `retry-after-ms`) is honoured for.
pub const MAX_RETRY_AFTER: Duration = Duration::from_secs(5 * 60);

/// Headers giving the wait in milliseconds, read before `Retry-After` (more precise).
const MILLISECOND_HEADERS: [&str; 2] = ["retry-after-ms", "x-ms-retry-after-ms"];

/// A wait the service asked for, after the cap.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RetryAfter {
    /// How long to wait: the service's value, at most [`MAX_RETRY_AFTER`].
    pub wait: Duration,
    /// Whether the service asked for longer than [`MAX_RETRY_AFTER`] (and `wait` is the cap).
    pub capped: bool,
}

impl RetryAfter {
    /// `asked`, capped at [`MAX_RETRY_AFTER`].
    #[must_use]
    pub fn capping(asked: Duration) -> Self {
        if asked > MAX_RETRY_AFTER {
            Self { wait: MAX_RETRY_AFTER, capped: true }
        } else {
            Self { wait: asked, capped: false }
        }
    }

    /// For the user, when the cap applied: what Azure asked and what the console does instead.
    #[must_use]
    pub fn cap_note(&self) -> Option<String> {
        self.capped.then(|| {
            format!(
                "Azure asked to wait more than {} minutes before the next request; the console \
                 waits {} minutes and then tries again.",
                MAX_RETRY_AFTER.as_secs() / 60,
                MAX_RETRY_AFTER.as_secs() / 60
            )
        })
    }
}

/// Parses a `Retry-After` value: delta-seconds (`"30"`, also fractional `"1.5"`) or an HTTP
/// date (`"Wed, 21 Oct 2026 07:28:00 GMT"`, or the RFC 850 and asctime forms). A date in the
/// past gives zero. `None` for anything else.
#[must_use]
pub fn parse_retry_after(value: &str, now: Timestamp) -> Option<RetryAfter> {
    let v = value.trim();
    if let Some(asked) = parse_amount(v, Unit::Seconds) {
        return Some(RetryAfter::capping(asked));
    }
    // httpdate rejects non-ASCII and impossible dates (years before 1970 or after 9999, a
    // weekday that does not match) with an error, not a panic.
    let at = httpdate::parse_http_date(v).ok()?;
    // A date after 1970 (httpdate's floor) is never before the epoch; `ok()?` all the same.
    let at_ms = at.duration_since(UNIX_EPOCH).ok()?.as_millis();
    let at = Timestamp(u64::try_from(at_ms).unwrap_or(u64::MAX));
    Some(RetryAfter::capping(at.since(now)))
}

/// Parses a millisecond header's value (`"1500"`, `"1500.5"`).
#[must_use]
pub fn parse_retry_after_ms(value: &str) -> Option<RetryAfter> {
    parse_amount(value.trim(), Unit::Millis).map(RetryAfter::capping)
}

/// The wait a response asks for: `retry-after-ms`, `x-ms-retry-after-ms`, then `Retry-After`
/// (a header whose value cannot be read is skipped for the next).
#[must_use]
pub fn read_retry_after(response: &ArmResponse, now: Timestamp) -> Option<RetryAfter> {
    MILLISECOND_HEADERS
        .iter()
        .find_map(|h| response.header(h).and_then(parse_retry_after_ms))
        .or_else(|| parse_retry_after(response.header("retry-after")?, now))
}

/// [`read_retry_after`]'s wait alone (capped), for callers that do not tell the user.
#[must_use]
pub fn retry_after(response: &ArmResponse, now: Timestamp) -> Option<Duration> {
    read_retry_after(response, now).map(|r| r.wait)
}

/// The unit a header counts in.
#[derive(Clone, Copy)]
enum Unit {
    Seconds,
    Millis,
}

/// A non-negative decimal number of `unit`s. Saturates instead of overflowing (the cap then
/// cuts it): `"99999999999999999999999"` or `"1e300"` seconds are "very long", not an error
/// and never a panic.
fn parse_amount(v: &str, unit: Unit) -> Option<Duration> {
    if !v.is_empty() && v.bytes().all(|b| b.is_ascii_digit()) {
        // Too many digits for a u64 is still a whole number, just a huge one.
        let n = v.parse::<u64>().unwrap_or(u64::MAX);
        return Some(match unit {
            Unit::Seconds => Duration::from_secs(n),
            Unit::Millis => Duration::from_millis(n),
        });
    }
    // Rust's float grammar also takes "inf", "NaN", "1e20", "+.5": only finite non-negative
    // values are a wait, and `try_from_secs_f64` (unlike `from_secs_f64`) refuses what a
    // Duration cannot hold instead of panicking.
    let x = v.parse::<f64>().ok().filter(|x| x.is_finite() && *x >= 0.0)?;
    let secs = match unit {
        Unit::Seconds => x,
        Unit::Millis => x / 1000.0,
    };
    Some(Duration::try_from_secs_f64(secs).unwrap_or(Duration::MAX))
}

#[cfg(test)]
mod tests {
    use super::*;

    const NOW: Timestamp = Timestamp::from_secs(1_445_412_480); // 2015-10-21T07:28:00Z

    fn wait(v: &str) -> Option<Duration> {
        parse_retry_after(v, NOW).map(|r| r.wait)
    }

    #[test]
    fn seconds_and_all_three_http_date_formats() {
        assert_eq!(wait(" 7 "), Some(Duration::from_secs(7)));
        assert_eq!(wait("1.5"), Some(Duration::from_millis(1500)));
        assert_eq!(wait("Wed, 21 Oct 2015 07:28:30 GMT"), Some(Duration::from_secs(30)));
        assert_eq!(wait("Wednesday, 21-Oct-15 07:28:40 GMT"), Some(Duration::from_secs(40)));
        assert_eq!(wait("Wed Oct 21 07:28:50 2015"), Some(Duration::from_secs(50)));
        assert_eq!(wait("Wed, 21 Oct 2015 07:00:00 GMT"), Some(Duration::ZERO));
        for garbage in ["soon", "-3", "", "NaN", "inf", "-inf", "0x10", "3 s", "١٢"] {
            assert_eq!(wait(garbage), None, "{garbage:?}");
        }
    }

    #[test]
    fn long_waits_are_capped_and_say_so() {
        let exact = parse_retry_after("300", NOW).unwrap();
        assert_eq!(exact, RetryAfter { wait: MAX_RETRY_AFTER, capped: false });
        assert!(exact.cap_note().is_none());
        for huge in [
            "301",
            "1e20",
            "18446744073709551615",
            "99999999999999999999999999",
            "Fri, 31 Dec 9999 23:59:59 GMT",
        ] {
            let r = parse_retry_after(huge, NOW).unwrap();
            assert_eq!(r, RetryAfter { wait: MAX_RETRY_AFTER, capped: true }, "{huge}");
            assert!(r.cap_note().unwrap().contains("5 minutes"));
        }
        assert_eq!(
            parse_retry_after_ms("300001").unwrap(),
            RetryAfter { wait: MAX_RETRY_AFTER, capped: true }
        );
    }

    #[test]
    fn millisecond_headers_win_and_a_bad_one_is_skipped() {
        let r = ArmResponse::new(429, "")
            .with_header("Retry-After", "10")
            .with_header("retry-after-ms", "1500");
        assert_eq!(retry_after(&r, Timestamp(0)), Some(Duration::from_millis(1500)));
        let r = ArmResponse::new(429, "")
            .with_header("retry-after-ms", "later")
            .with_header("x-ms-retry-after-ms", "62.5");
        assert_eq!(retry_after(&r, Timestamp(0)), Some(Duration::from_micros(62_500)));
        let r = ArmResponse::new(429, "").with_header("retry-after", "2");
        assert_eq!(retry_after(&r, Timestamp(0)), Some(Duration::from_secs(2)));
        assert_eq!(retry_after(&ArmResponse::new(429, ""), Timestamp(0)), None);
    }
}
