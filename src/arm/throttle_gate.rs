//! After ARM throttles one call, every call waits: ARM's buckets are per subscription and
//! principal, so a 429 on one request means the others would be refused too.
//!
//! The retry layer above only delays the request that was refused; without this gate, a page
//! polling several volumes (or a user pressing Refresh) would keep calling inside the
//! `Retry-After` window and stretch the throttling out.

use super::browser_env::{sleep, steady_now as now};
use anf_core::arm::retry_after::retry_after;
use anf_core::time::Timestamp;
use anf_core::transport::{ArmRequest, ArmResponse, Method, Transport, TransportError};
use anf_core::wave::write_budget::REMAINING_WRITES_HEADER;
use std::cell::{Cell, RefCell};
use std::collections::VecDeque;

/// Write answers kept for the wave's write budget between two of its turns, at most.
const WRITE_ANSWERS_KEPT: usize = 500;

/// A write's answer, as the wave's write budget reads it
/// ([`anf_core::wave::WriteBudget::observe`]): when it came (steady clock), its status and the
/// headers about the budget. Every attempt counts, the 429s the retry layer above hides too.
#[derive(Clone, Debug)]
pub struct WriteAnswer {
    /// When it came.
    pub at: Timestamp,
    /// The subscription it wrote to (ARM's write bucket is per subscription).
    pub subscription: Option<String>,
    /// Status and budget headers only.
    pub response: ArmResponse,
}

/// The subscription id in an ARM URL, lower-cased.
#[must_use]
pub fn subscription_of(url: &str) -> Option<String> {
    let lower = url.to_ascii_lowercase();
    let (_, rest) = lower.split_once("/subscriptions/")?;
    let id = rest.split(['/', '?']).next()?;
    (!id.is_empty()).then(|| id.to_owned())
}

/// Holds every request until the latest `Retry-After` of a 429 has passed.
pub struct ThrottleGate<T> {
    inner: T,
    hold_until: Cell<Timestamp>,
    writes: RefCell<VecDeque<WriteAnswer>>,
}

impl<T> ThrottleGate<T> {
    /// Wraps `inner`.
    pub fn new(inner: T) -> Self {
        Self { inner, hold_until: Cell::new(Timestamp(0)), writes: RefCell::new(VecDeque::new()) }
    }

    /// When calls may go out again (in the past when they may now).
    pub fn hold_until(&self) -> Timestamp {
        self.hold_until.get()
    }

    /// The write answers since the last call, oldest first.
    pub fn take_write_answers(&self) -> Vec<WriteAnswer> {
        self.writes.borrow_mut().drain(..).collect()
    }

    fn note_write(&self, subscription: Option<String>, response: &ArmResponse) {
        let mut kept = ArmResponse::new(response.status, "");
        for name in
            [REMAINING_WRITES_HEADER, "retry-after", "retry-after-ms", "x-ms-retry-after-ms"]
        {
            if let Some(v) = response.header(name) {
                kept = kept.with_header(name, v);
            }
        }
        let mut writes = self.writes.borrow_mut();
        writes.push_back(WriteAnswer { at: now(), subscription, response: kept });
        while writes.len() > WRITE_ANSWERS_KEPT {
            writes.pop_front();
        }
    }
}

impl<T: Transport> Transport for ThrottleGate<T> {
    async fn send(&self, request: ArmRequest) -> Result<ArmResponse, TransportError> {
        // Loop: another call may have been throttled while this one waited.
        loop {
            let wait = self.hold_until.get().since(now());
            if wait.is_zero() {
                break;
            }
            sleep(wait).await;
        }
        let write = matches!(request.method, Method::Put | Method::Post | Method::Patch)
            .then(|| subscription_of(&request.url));
        let response = self.inner.send(request).await?;
        if let Some(subscription) = write {
            self.note_write(subscription, &response);
        }
        if response.status == 429 {
            // Without a hint, ARM's buckets refill within seconds: hold a little anyway.
            let pause = retry_after(&response, now()).unwrap_or(std::time::Duration::from_secs(2));
            let until = now().plus(pause);
            if until > self.hold_until.get() {
                self.hold_until.set(until);
            }
        }
        Ok(response)
    }
}
