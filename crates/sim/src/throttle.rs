//! ARM's throttling: a token bucket per subscription and kind of request, refilled over real
//! time. ARM's limits apply in every scenario; the throttling scenario only makes them tighter.

use anf_core::time::Timestamp;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Which bucket a request draws from, and the suffix of its `x-ms-ratelimit-remaining-*` header.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Kind {
    Reads,
    Writes,
    Deletes,
}

impl Kind {
    /// `reads`, `writes` or `deletes`, as in the header names and ARM's 429 message.
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Reads => "reads",
            Self::Writes => "writes",
            Self::Deletes => "deletes",
        }
    }
}

/// Burst size and refill rate of one bucket.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Limit {
    pub burst: f64,
    pub per_sec: f64,
}

/// The limits for the three kinds.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Limits {
    pub reads: Limit,
    pub writes: Limit,
    pub deletes: Limit,
}

impl Limits {
    /// ARM's published per-subscription limits.
    pub const ARM: Self = Self {
        reads: Limit { burst: 250.0, per_sec: 25.0 },
        writes: Limit { burst: 200.0, per_sec: 10.0 },
        deletes: Limit { burst: 200.0, per_sec: 10.0 },
    };

    /// Small enough that an ordinary session with polling runs into 429s within a minute.
    pub const TIGHT: Self = Self {
        reads: Limit { burst: 20.0, per_sec: 1.0 },
        writes: Limit { burst: 8.0, per_sec: 0.5 },
        deletes: Limit { burst: 8.0, per_sec: 0.5 },
    };

    fn of(&self, kind: Kind) -> Limit {
        match kind {
            Kind::Reads => self.reads,
            Kind::Writes => self.writes,
            Kind::Deletes => self.deletes,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
struct Bucket {
    tokens: f64,
    at: u64,
}

/// All buckets, keyed by scope (a subscription id or `tenant`) and kind.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Throttle {
    limits: Limits,
    buckets: BTreeMap<String, Bucket>,
}

/// The outcome of taking a token.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Decision {
    /// Allowed; this many whole tokens remain.
    Allowed(u64),
    /// Refused; retry after this many seconds.
    Throttled(u64),
}

impl Throttle {
    /// Buckets with these limits, all full.
    #[must_use]
    pub fn new(limits: Limits) -> Self {
        Self { limits, buckets: BTreeMap::new() }
    }

    /// The limits in force.
    #[must_use]
    pub fn limits(&self) -> Limits {
        self.limits
    }

    /// Takes one token for `scope`/`kind` at real time `now`.
    pub fn take(&mut self, scope: &str, kind: Kind, now: Timestamp) -> Decision {
        let limit = self.limits.of(kind);
        let key = format!("{}|{}", scope.to_ascii_lowercase(), kind.as_str());
        let b = self.buckets.entry(key).or_insert(Bucket { tokens: limit.burst, at: now.millis() });
        let elapsed = now.millis().saturating_sub(b.at) as f64 / 1000.0;
        b.tokens = (b.tokens + elapsed * limit.per_sec).min(limit.burst);
        b.at = b.at.max(now.millis());
        if b.tokens >= 1.0 {
            b.tokens -= 1.0;
            Decision::Allowed(b.tokens as u64)
        } else {
            let wait = ((1.0 - b.tokens) / limit.per_sec).ceil() as u64;
            Decision::Throttled(wait.max(1))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arm_read_bucket_allows_a_burst_of_250_then_refills_25_per_second() {
        let mut t = Throttle::new(Limits::ARM);
        let now = Timestamp(1_000_000);
        for i in 0..250 {
            assert_eq!(t.take("s1", Kind::Reads, now), Decision::Allowed(249 - i));
        }
        assert_eq!(t.take("s1", Kind::Reads, now), Decision::Throttled(1));
        // Other subscriptions and kinds have their own buckets.
        assert!(matches!(t.take("s2", Kind::Reads, now), Decision::Allowed(_)));
        assert!(matches!(t.take("s1", Kind::Writes, now), Decision::Allowed(199)));
        let later = Timestamp(1_001_000);
        for _ in 0..25 {
            assert!(matches!(t.take("s1", Kind::Reads, later), Decision::Allowed(_)));
        }
        assert!(matches!(t.take("s1", Kind::Reads, later), Decision::Throttled(_)));
    }

    #[test]
    fn write_bucket_refills_ten_per_second() {
        let mut t = Throttle::new(Limits::ARM);
        let now = Timestamp(0);
        for _ in 0..200 {
            t.take("s", Kind::Writes, now);
        }
        assert_eq!(t.take("s", Kind::Writes, now), Decision::Throttled(1));
        let mut allowed = 0;
        for _ in 0..20 {
            if matches!(t.take("s", Kind::Writes, Timestamp(1_000)), Decision::Allowed(_)) {
                allowed += 1;
            }
        }
        assert_eq!(allowed, 10);
    }
}
