//! The browser's clock, randomness and timers, handed to the pure core.

use anf_core::arm::retry::RetryEnv;
use anf_core::time::Timestamp;
use std::time::Duration;

/// Wall-clock time now.
#[must_use]
pub fn now() -> Timestamp {
    // Date.now() is a whole number of milliseconds, never negative in practice.
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    Timestamp(js_sys::Date::now() as u64)
}

/// Waits `d` without blocking the page.
pub async fn sleep(d: Duration) {
    let ms = u32::try_from(d.as_millis()).unwrap_or(u32::MAX);
    gloo_timers::future::TimeoutFuture::new(ms).await;
}

/// Clock, jitter and sleep from the browser, for the retry driver.
#[derive(Clone, Copy, Debug, Default)]
pub struct BrowserEnv;

impl RetryEnv for BrowserEnv {
    fn now(&self) -> Timestamp {
        now()
    }

    fn jitter(&self) -> f64 {
        js_sys::Math::random()
    }

    async fn sleep(&self, d: Duration) {
        sleep(d).await;
    }
}
