//! The browser's clock, randomness and timers, handed to the pure core.

use anf_core::arm::retry::RetryEnv;
use anf_core::time::{SteadyClock, Timestamp};
use std::cell::RefCell;
use std::time::Duration;

thread_local! {
    static CLOCK: RefCell<SteadyClock> = RefCell::new(SteadyClock::default());
}

/// Wall-clock time now, except that it never runs backwards: the read budget, retries and
/// countdowns measure spans with it, and a clock set back would stall them (see
/// [`SteadyClock`]).
#[must_use]
pub fn now() -> Timestamp {
    let mono = web_sys::window().and_then(|w| w.performance()).map_or(0.0, |p| p.now());
    CLOCK.with_borrow_mut(|c| c.read(js_sys::Date::now(), mono))
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
