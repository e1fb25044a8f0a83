//! When to retry, and how long to wait: pure functions of the attempt.

use crate::transport::Method;
use serde::{Deserialize, Serialize};
use std::time::Duration;

/// Limits of the retry loop.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RetryPolicy {
    /// Attempts in total, the first included.
    pub max_attempts: u32,
    /// First back-off delay.
    pub base_delay: Duration,
    /// Longest single back-off delay (a longer `Retry-After` is still honoured within
    /// `max_total`).
    pub max_delay: Duration,
    /// No retry would end later than this after the first attempt.
    pub max_total: Duration,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        Self {
            max_attempts: 4,
            base_delay: Duration::from_millis(800),
            max_delay: Duration::from_secs(30),
            max_total: Duration::from_secs(90),
        }
    }
}

/// What happened to one attempt.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Attempt {
    /// An HTTP status came back.
    Status(u16),
    /// No answer (connection failed or dropped).
    NetworkError,
}

/// The policy's verdict.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RetryDecision {
    /// Send again after this delay.
    RetryAfter(Duration),
    /// Hand the result to the caller.
    Stop,
}

impl RetryPolicy {
    /// Decides about attempt number `attempt` (1 for the first) of a `method` request.
    ///
    /// Retries 429, 500, 502, 503, 504 and network errors for GET, PUT and DELETE (idempotent);
    /// POST and PATCH only on 429, where the service says it did not process the request.
    /// Waits `Retry-After` when given, else exponential back-off scaled by `jitter` (0..1) into
    /// 50–100 % of the step. Stops when attempts run out or the wait would pass `max_total`
    /// (`elapsed` being the time since the first attempt).
    #[must_use]
    pub fn decide(
        &self,
        method: Method,
        attempt_result: Attempt,
        attempt: u32,
        retry_after: Option<Duration>,
        elapsed: Duration,
        jitter: f64,
    ) -> RetryDecision {
        if attempt >= self.max_attempts || !Self::is_retryable(method, attempt_result) {
            return RetryDecision::Stop;
        }
        let delay = retry_after.unwrap_or_else(|| self.backoff(attempt, jitter));
        if elapsed.saturating_add(delay) > self.max_total {
            return RetryDecision::Stop;
        }
        RetryDecision::RetryAfter(delay)
    }

    /// Whether this result of this method may be retried at all.
    #[must_use]
    pub fn is_retryable(method: Method, attempt_result: Attempt) -> bool {
        let idempotent = matches!(method, Method::Get | Method::Put | Method::Delete);
        match attempt_result {
            Attempt::Status(429) => true,
            Attempt::Status(500 | 502 | 503 | 504) | Attempt::NetworkError => idempotent,
            Attempt::Status(_) => false,
        }
    }

    /// Exponential back-off for `attempt` (1-based), capped, with jitter in [0, 1).
    #[must_use]
    pub fn backoff(&self, attempt: u32, jitter: f64) -> Duration {
        let exp = self.base_delay.saturating_mul(1u32 << attempt.saturating_sub(1).min(16));
        let capped = exp.min(self.max_delay);
        let j = if jitter.is_finite() { jitter.clamp(0.0, 1.0) } else { 0.0 };
        capped.mul_f64(0.5 + 0.5 * j)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const S: Duration = Duration::ZERO;

    #[test]
    fn retries_idempotent_methods_on_transient_errors() {
        let p = RetryPolicy::default();
        for m in [Method::Get, Method::Put, Method::Delete] {
            for s in [429, 500, 502, 503, 504] {
                assert!(
                    matches!(
                        p.decide(m, Attempt::Status(s), 1, None, S, 0.0),
                        RetryDecision::RetryAfter(_)
                    ),
                    "{m} {s}"
                );
            }
            assert!(matches!(
                p.decide(m, Attempt::NetworkError, 1, None, S, 0.0),
                RetryDecision::RetryAfter(_)
            ));
            for s in [400, 401, 403, 404, 409, 501] {
                assert_eq!(
                    p.decide(m, Attempt::Status(s), 1, None, S, 0.0),
                    RetryDecision::Stop,
                    "{m} {s}"
                );
            }
        }
    }

    #[test]
    fn post_is_retried_only_on_429() {
        let p = RetryPolicy::default();
        assert!(matches!(
            p.decide(Method::Post, Attempt::Status(429), 1, None, S, 0.5),
            RetryDecision::RetryAfter(_)
        ));
        for s in [500, 502, 503, 504] {
            assert_eq!(
                p.decide(Method::Post, Attempt::Status(s), 1, None, S, 0.5),
                RetryDecision::Stop
            );
        }
        assert_eq!(
            p.decide(Method::Post, Attempt::NetworkError, 1, None, S, 0.5),
            RetryDecision::Stop
        );
        assert_eq!(
            p.decide(Method::Patch, Attempt::Status(503), 1, None, S, 0.5),
            RetryDecision::Stop
        );
    }

    #[test]
    fn honours_retry_after_and_caps() {
        let p = RetryPolicy::default();
        let ra = Some(Duration::from_secs(7));
        assert_eq!(
            p.decide(Method::Get, Attempt::Status(429), 1, ra, S, 0.9),
            RetryDecision::RetryAfter(Duration::from_secs(7))
        );
        assert_eq!(
            p.decide(Method::Get, Attempt::Status(429), p.max_attempts, ra, S, 0.9),
            RetryDecision::Stop
        );
        let late = p.max_total - Duration::from_secs(5);
        assert_eq!(
            p.decide(Method::Get, Attempt::Status(429), 1, ra, late, 0.9),
            RetryDecision::Stop
        );
    }

    #[test]
    fn backoff_grows_with_jitter_inside_bounds() {
        let p = RetryPolicy::default();
        assert_eq!(p.backoff(1, 0.0), Duration::from_millis(400));
        assert_eq!(p.backoff(1, 1.0), Duration::from_millis(800));
        assert_eq!(p.backoff(3, 1.0), Duration::from_millis(3200));
        assert_eq!(p.backoff(30, 1.0), p.max_delay);
        assert!(p.backoff(2, 0.3) > p.backoff(2, 0.1));
    }
}
