//! A time limit for every request the app sends, and an abort when nobody waits any more.
//!
//! `fetch` has no timeout of its own: a request to a host that accepts the connection and
//! never answers (a proxy, a half-open connection after sleep) waits for minutes, and with it
//! the poller, the cut-over or the renewal behind it. Each request carries an
//! `AbortController` whose guard aborts it when the limit passes or when the future awaiting
//! it is dropped (the view that asked went away); after the answer, an abort does nothing.

use std::cell::Cell;
use std::rc::Rc;
use std::time::Duration;

/// How long a read may take, answer included.
pub const READ_TIMEOUT: Duration = Duration::from_secs(30);
/// How long a write may take: ARM answers a write as soon as it has accepted it, so this is
/// generous; a write that times out is not resent unless ARM's retry rules allow it.
pub const WRITE_TIMEOUT: Duration = Duration::from_secs(60);

/// Aborts its request on drop or when its time is up.
pub struct AbortGuard {
    controller: Option<web_sys::AbortController>,
    timed_out: Rc<Cell<bool>>,
    _timer: Option<gloo_timers::callback::Timeout>,
}

impl AbortGuard {
    /// A guard that aborts after `limit`.
    #[must_use]
    pub fn new(limit: Duration) -> Self {
        let controller = web_sys::AbortController::new().ok();
        let timed_out = Rc::new(Cell::new(false));
        let timer = controller.clone().map(|c| {
            let flag = timed_out.clone();
            let ms = u32::try_from(limit.as_millis()).unwrap_or(u32::MAX);
            gloo_timers::callback::Timeout::new(ms, move || {
                flag.set(true);
                c.abort();
            })
        });
        Self { controller, timed_out, _timer: timer }
    }

    /// The signal to give `fetch`.
    #[must_use]
    pub fn signal(&self) -> Option<web_sys::AbortSignal> {
        self.controller.as_ref().map(web_sys::AbortController::signal)
    }

    /// The limit passed before the answer was read.
    #[must_use]
    pub fn timed_out(&self) -> bool {
        self.timed_out.get()
    }
}

impl Drop for AbortGuard {
    fn drop(&mut self) {
        if let Some(c) = &self.controller {
            c.abort();
        }
    }
}
