//! ARM's remaining request budget, read from `x-ms-ratelimit-remaining-*` headers.
//!
//! ARM throttles with token buckets per subscription, principal and region (reads refill at
//! 25 a second, writes and deletes at 10). The headers say how many tokens are left; the UI shows
//! them and the poller slows down when reads run low instead of running into 429s.

use crate::transport::{ArmResponse, Method};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::time::Duration;

const PREFIX: &str = "x-ms-ratelimit-remaining-";

/// Remaining budget at or below which the client waits before more requests of that kind.
pub const LOW_WATER: u64 = 10;

/// Reads, writes or deletes: ARM's three buckets.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum RequestKind {
    /// GET.
    Read,
    /// PUT, PATCH, POST.
    Write,
    /// DELETE.
    Delete,
}

impl RequestKind {
    /// The bucket a method draws from.
    #[must_use]
    pub const fn of(method: Method) -> Self {
        match method {
            Method::Get => Self::Read,
            Method::Delete => Self::Delete,
            Method::Put | Method::Patch | Method::Post => Self::Write,
        }
    }

    const fn suffix(self) -> &'static str {
        match self {
            Self::Read => "reads",
            Self::Write => "writes",
            Self::Delete => "deletes",
        }
    }

    /// Tokens refilled per second in ARM's bucket for this kind.
    const fn refill_per_sec(self) -> u64 {
        match self {
            Self::Read => 25,
            Self::Write | Self::Delete => 10,
        }
    }
}

/// The latest `x-ms-ratelimit-remaining-*` values, keyed by the header's suffix
/// (`subscription-reads`, `tenant-writes`, `subscription-resource-requests`, ...).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RateLimitBudget {
    /// Suffix to remaining count.
    pub remaining: BTreeMap<String, u64>,
}

impl RateLimitBudget {
    /// The budget headers of one response.
    #[must_use]
    pub fn from_response(response: &ArmResponse) -> Self {
        let mut b = Self::default();
        b.observe(response);
        b
    }

    /// Takes the values a response carries; values it does not carry are kept.
    pub fn observe(&mut self, response: &ArmResponse) {
        for (name, value) in &response.headers {
            let lower = name.to_ascii_lowercase();
            if let Some(suffix) = lower.strip_prefix(PREFIX) {
                if let Ok(n) = value.trim().parse::<u64>() {
                    self.remaining.insert(suffix.to_owned(), n);
                }
            }
        }
    }

    /// Remaining value for a suffix such as `subscription-reads`.
    #[must_use]
    pub fn get(&self, suffix: &str) -> Option<u64> {
        self.remaining.get(&suffix.to_ascii_lowercase()).copied()
    }

    /// The smallest remaining count among the buckets for `kind` (subscription and tenant).
    #[must_use]
    pub fn lowest(&self, kind: RequestKind) -> Option<u64> {
        let s = kind.suffix();
        [format!("subscription-{s}"), format!("tenant-{s}")]
            .iter()
            .filter_map(|k| self.remaining.get(k).copied())
            .min()
    }

    /// How long to hold back a request of `kind`: `None` while the budget is comfortable,
    /// otherwise the time ARM's bucket needs to refill back above [`LOW_WATER`].
    #[must_use]
    pub fn delay_for(&self, kind: RequestKind) -> Option<Duration> {
        let left = self.lowest(kind)?;
        if left > LOW_WATER {
            return None;
        }
        let missing = LOW_WATER + 1 - left;
        Some(Duration::from_secs(missing.div_ceil(kind.refill_per_sec()).max(1)))
    }

    /// [`RateLimitBudget::delay_for`] reads: what a poller should respect.
    #[must_use]
    pub fn read_delay(&self) -> Option<Duration> {
        self.delay_for(RequestKind::Read)
    }

    /// Whether nothing is known yet.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.remaining.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_headers_case_insensitively_and_keeps_older_values() {
        let mut b = RateLimitBudget::from_response(
            &ArmResponse::new(200, "")
                .with_header("X-Ms-Ratelimit-Remaining-Subscription-Reads", "249")
                .with_header("x-ms-ratelimit-remaining-tenant-reads", "120")
                .with_header("x-ms-ratelimit-remaining-subscription-writes", "not a number"),
        );
        assert_eq!(b.get("subscription-reads"), Some(249));
        assert_eq!(b.lowest(RequestKind::Read), Some(120));
        assert_eq!(b.get("subscription-writes"), None);
        b.observe(
            &ArmResponse::new(200, "")
                .with_header("x-ms-ratelimit-remaining-subscription-writes", "3"),
        );
        assert_eq!(b.get("subscription-reads"), Some(249));
        assert_eq!(b.lowest(RequestKind::Write), Some(3));
    }

    #[test]
    fn delays_only_when_low() {
        let mut b = RateLimitBudget::default();
        assert_eq!(b.read_delay(), None);
        b.remaining.insert("subscription-reads".into(), 200);
        assert_eq!(b.read_delay(), None);
        b.remaining.insert("subscription-reads".into(), 0);
        assert_eq!(b.read_delay(), Some(Duration::from_secs(1)));
        b.remaining.insert("subscription-writes".into(), 0);
        assert_eq!(b.delay_for(RequestKind::Write), Some(Duration::from_secs(2)));
    }
}
