//! Retry and throttling: pure decisions ([`RetryPolicy::decide`]), a driver over any transport
//! with injected sleep, clock and jitter ([`send_with_retry`], [`RetryTransport`]), and the
//! `x-ms-ratelimit-remaining-*` budget ([`RateLimitBudget`]).

mod budget;
mod driver;
mod policy;

pub use budget::{RateLimitBudget, RequestKind, LOW_WATER};
pub use driver::{send_with_retry, RetryEnv, RetryTransport};
pub use policy::{Attempt, RetryDecision, RetryPolicy};
