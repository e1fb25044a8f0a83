//! `Retry-After`: whole seconds or an HTTP date, read against an explicit `now`.

use crate::time::Timestamp;
use crate::transport::ArmResponse;
use std::time::{Duration, UNIX_EPOCH};

/// Parses a `Retry-After` value: delta-seconds (`"30"`) or an HTTP date
/// (`"Wed, 21 Oct 2026 07:28:00 GMT"`). A date in the past gives zero.
#[must_use]
pub fn parse_retry_after(value: &str, now: Timestamp) -> Option<Duration> {
    let v = value.trim();
    if let Ok(secs) = v.parse::<u64>() {
        return Some(Duration::from_secs(secs));
    }
    // Some services send fractional seconds; accept them rather than ignore the hint.
    if let Ok(secs) = v.parse::<f64>() {
        return (secs.is_finite() && secs >= 0.0).then(|| Duration::from_secs_f64(secs));
    }
    let at = httpdate::parse_http_date(v).ok()?;
    let at_ms = at.duration_since(UNIX_EPOCH).ok()?.as_millis();
    let at = Timestamp(u64::try_from(at_ms).ok()?);
    Some(at.since(now))
}

/// The wait a response asks for: `retry-after-ms`, `x-ms-retry-after-ms`, then `Retry-After`.
#[must_use]
pub fn retry_after(response: &ArmResponse, now: Timestamp) -> Option<Duration> {
    for h in ["retry-after-ms", "x-ms-retry-after-ms"] {
        if let Some(ms) = response.header(h).and_then(|v| v.trim().parse::<u64>().ok()) {
            return Some(Duration::from_millis(ms));
        }
    }
    parse_retry_after(response.header("retry-after")?, now)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seconds_and_http_dates() {
        let now = Timestamp::from_secs(1_445_412_480); // 2015-10-21T07:28:00Z
        assert_eq!(parse_retry_after(" 7 ", now), Some(Duration::from_secs(7)));
        assert_eq!(
            parse_retry_after("Wed, 21 Oct 2015 07:28:30 GMT", now),
            Some(Duration::from_secs(30))
        );
        assert_eq!(parse_retry_after("Wed, 21 Oct 2015 07:00:00 GMT", now), Some(Duration::ZERO));
        assert_eq!(parse_retry_after("soon", now), None);
        assert_eq!(parse_retry_after("-3", now), None);
    }

    #[test]
    fn millisecond_headers_win() {
        let r = ArmResponse::new(429, "")
            .with_header("Retry-After", "10")
            .with_header("retry-after-ms", "1500");
        assert_eq!(retry_after(&r, Timestamp(0)), Some(Duration::from_millis(1500)));
        let r = ArmResponse::new(429, "").with_header("retry-after", "2");
        assert_eq!(retry_after(&r, Timestamp(0)), Some(Duration::from_secs(2)));
    }
}
