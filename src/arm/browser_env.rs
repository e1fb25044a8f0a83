//! The browser's clock, randomness and timers, handed to the pure core.

use anf_core::arm::retry::RetryEnv;
use anf_core::time::{SteadyClock, Timestamp};
use std::cell::RefCell;
use std::time::Duration;

/// Wall-clock time now: for timestamps that are kept (sessionStorage, the ledger) or compared
/// with ARM's.
#[must_use]
pub fn now() -> Timestamp {
    // Date.now() is a whole number of milliseconds, never negative in practice.
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    Timestamp(js_sys::Date::now() as u64)
}

thread_local! {
    static STEADY: RefCell<SteadyClock> = RefCell::new(SteadyClock::default());
}

/// Time for measuring spans within this page (the read budget's refill, retry waits): the wall
/// clock, except that it never runs backwards (see [`SteadyClock`]). Not for timestamps that
/// are kept or compared across pages: after the system clock is set back it runs ahead of
/// [`now`] by the jump.
#[must_use]
pub fn steady_now() -> Timestamp {
    let mono = web_sys::window().and_then(|w| w.performance()).map_or(0.0, |p| p.now());
    STEADY.with_borrow_mut(|c| c.read(js_sys::Date::now(), mono))
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
        steady_now()
    }

    fn jitter(&self) -> f64 {
        js_sys::Math::random()
    }

    async fn sleep(&self, d: Duration) {
        sleep(d).await;
    }
}
