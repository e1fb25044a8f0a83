//! The 60 minutes a cluster peering offer waits to be accepted on the source cluster.

use crate::time::Timestamp;
use std::time::Duration;

/// How long ANF's cluster peering offer stays valid (Microsoft's how-to: accept within 60 min).
pub const OFFER_LIFETIME: Duration = Duration::from_secs(60 * 60);

/// Below this, the countdown warns that the offer is about to expire.
pub const OFFER_WARNING: Duration = Duration::from_secs(10 * 60);

/// Where an offer issued at `issued_at` stands at `now`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OfferClock {
    /// Still valid, with this much time left.
    Valid(Duration),
    /// Still valid but close to the end.
    Expiring(Duration),
    /// Too late: a new offer must be issued.
    Expired,
}

/// Time left on an offer issued at `issued_at`.
#[must_use]
pub fn offer_remaining(issued_at: Timestamp, now: Timestamp) -> Duration {
    OFFER_LIFETIME.saturating_sub(now.since(issued_at))
}

/// The state of an offer issued at `issued_at`, seen at `now`.
#[must_use]
pub fn offer_clock(issued_at: Timestamp, now: Timestamp) -> OfferClock {
    let left = offer_remaining(issued_at, now);
    if left.is_zero() {
        OfferClock::Expired
    } else if left <= OFFER_WARNING {
        OfferClock::Expiring(left)
    } else {
        OfferClock::Valid(left)
    }
}

/// `mm:ss` for a countdown (whole seconds rounded up, so it never shows 00:00 while valid).
#[must_use]
pub fn format_countdown(left: Duration) -> String {
    let secs = left.as_millis().div_ceil(1000);
    format!("{:02}:{:02}", secs / 60, secs % 60)
}

/// The countdown in words for screen readers: "42 minutes left", "1 minute left", "30 seconds left".
#[must_use]
pub fn countdown_words(left: Duration) -> String {
    let secs = u64::try_from(left.as_millis().div_ceil(1000)).unwrap_or(u64::MAX);
    let (n, unit) = if secs >= 60 { (secs.div_ceil(60), "minute") } else { (secs, "second") };
    let plural = if n == 1 { "" } else { "s" };
    format!("{n} {unit}{plural} left")
}

#[cfg(test)]
mod tests {
    use super::*;

    const T0: Timestamp = Timestamp(1_000_000);

    fn at(secs: u64) -> Timestamp {
        T0.plus(Duration::from_secs(secs))
    }

    #[test]
    fn counts_down_sixty_minutes() {
        assert_eq!(offer_remaining(T0, T0), OFFER_LIFETIME);
        assert_eq!(offer_remaining(T0, at(60)), Duration::from_secs(59 * 60));
        assert_eq!(offer_remaining(T0, at(3600)), Duration::ZERO);
        assert_eq!(offer_remaining(T0, at(99_999)), Duration::ZERO);
        // A clock that went backwards never shows more than the lifetime.
        assert_eq!(offer_remaining(T0, Timestamp(0)), OFFER_LIFETIME);
    }

    #[test]
    fn warns_in_the_last_ten_minutes_then_expires() {
        assert!(matches!(offer_clock(T0, at(49 * 60)), OfferClock::Valid(_)));
        assert_eq!(offer_clock(T0, at(50 * 60)), OfferClock::Expiring(Duration::from_secs(600)));
        assert_eq!(offer_clock(T0, at(3599)), OfferClock::Expiring(Duration::from_secs(1)));
        assert_eq!(offer_clock(T0, at(3600)), OfferClock::Expired);
    }

    #[test]
    fn formats_minutes_and_seconds() {
        assert_eq!(format_countdown(OFFER_LIFETIME), "60:00");
        assert_eq!(format_countdown(Duration::from_millis(59 * 60_000 + 59_001)), "60:00");
        assert_eq!(format_countdown(Duration::from_millis(61_500)), "01:02");
        assert_eq!(format_countdown(Duration::from_millis(1)), "00:01");
        assert_eq!(format_countdown(Duration::ZERO), "00:00");
        assert_eq!(countdown_words(Duration::from_secs(42 * 60)), "42 minutes left");
        assert_eq!(countdown_words(Duration::from_secs(61)), "2 minutes left");
        assert_eq!(countdown_words(Duration::from_secs(60)), "1 minute left");
        assert_eq!(countdown_words(Duration::from_secs(1)), "1 second left");
        assert_eq!(countdown_words(Duration::from_secs(30)), "30 seconds left");
    }
}
