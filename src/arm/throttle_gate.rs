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
/// ([`anf_core::wave::WriteBudget::observe`]): when it went out and came (steady clock), how
/// many other writes ARM may not have counted when it counted this one, its status and the
/// headers about the budget. Every attempt counts, the 429s the retry layer above hides too.
#[derive(Clone, Debug)]
pub struct WriteAnswer {
    /// When it went out.
    pub sent: Timestamp,
    /// When it came.
    pub at: Timestamp,
    /// The app's other writes ARM may not have counted when it counted this one: those out
    /// beside it when it came, those that ended while it was out (they may have reached ARM
    /// after it), and those that went out after it came, until the answers were taken.
    pub others: usize,
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
    /// The answers, each with the count of writes started when it came.
    writes: RefCell<VecDeque<(WriteAnswer, u64)>>,
    /// Writes started so far (a write counts from the moment it is asked for, held or not).
    writes_started: Cell<u64>,
    /// Writes out now.
    writes_out: Cell<usize>,
    /// Writes ended so far (answered or failed).
    writes_ended: Cell<u64>,
}

/// A write on its way: when it went out and how many writes had ended by then.
struct WriteOut {
    subscription: Option<String>,
    sent: Timestamp,
    ended_before: u64,
}

/// Ends a write whose call was dropped before its answer (nobody awaits it any more).
struct Ending<'a, T> {
    gate: &'a ThrottleGate<T>,
    out: Option<WriteOut>,
}

impl<T> Drop for Ending<'_, T> {
    fn drop(&mut self) {
        if let Some(out) = self.out.take() {
            self.gate.write_ended(out, None);
        }
    }
}

impl<T> ThrottleGate<T> {
    /// Wraps `inner`.
    pub fn new(inner: T) -> Self {
        Self {
            inner,
            hold_until: Cell::new(Timestamp(0)),
            writes: RefCell::new(VecDeque::new()),
            writes_started: Cell::new(0),
            writes_out: Cell::new(0),
            writes_ended: Cell::new(0),
        }
    }

    /// When calls may go out again (in the past when they may now).
    pub fn hold_until(&self) -> Timestamp {
        self.hold_until.get()
    }

    /// The write answers since the last call, oldest first.
    pub fn take_write_answers(&self) -> Vec<WriteAnswer> {
        let started = self.writes_started.get();
        self.writes
            .borrow_mut()
            .drain(..)
            .map(|(mut a, started_before)| {
                a.others += usize::try_from(started - started_before).unwrap_or(usize::MAX);
                a
            })
            .collect()
    }

    fn write_out(&self, subscription: Option<String>) -> WriteOut {
        self.writes_out.set(self.writes_out.get() + 1);
        self.writes_started.set(self.writes_started.get() + 1);
        WriteOut { subscription, sent: now(), ended_before: self.writes_ended.get() }
    }

    /// Ends a write; with its answer when there is one. A write cut off may still have been
    /// counted, so it ends like any other for the writes beside it.
    fn write_ended(&self, out: WriteOut, response: Option<&ArmResponse>) {
        self.writes_out.set(self.writes_out.get().saturating_sub(1));
        let ended_since = self.writes_ended.get() - out.ended_before;
        self.writes_ended.set(self.writes_ended.get() + 1);
        let Some(response) = response else { return };
        let others = self.writes_out.get() + usize::try_from(ended_since).unwrap_or(usize::MAX);
        let mut kept = ArmResponse::new(response.status, "");
        for name in
            [REMAINING_WRITES_HEADER, "retry-after", "retry-after-ms", "x-ms-retry-after-ms"]
        {
            if let Some(v) = response.header(name) {
                kept = kept.with_header(name, v);
            }
        }
        let mut writes = self.writes.borrow_mut();
        writes.push_back((
            WriteAnswer {
                sent: out.sent,
                at: now(),
                others,
                subscription: out.subscription,
                response: kept,
            },
            self.writes_started.get(),
        ));
        while writes.len() > WRITE_ANSWERS_KEPT {
            writes.pop_front();
        }
    }
}

impl<T: Transport> Transport for ThrottleGate<T> {
    async fn send(&self, request: ArmRequest) -> Result<ArmResponse, TransportError> {
        // A write is out from here: the wave's budget has spent it, and while it is held it
        // may still reach ARM before the answers that come meanwhile were counted.
        let mut write = Ending {
            gate: self,
            out: matches!(request.method, Method::Put | Method::Post | Method::Patch)
                .then(|| self.write_out(subscription_of(&request.url))),
        };
        // Loop: another call may have been throttled while this one waited.
        loop {
            let wait = self.hold_until.get().since(now());
            if wait.is_zero() {
                break;
            }
            sleep(wait).await;
        }
        let response = self.inner.send(request).await;
        if let Some(out) = write.out.take() {
            self.write_ended(out, response.as_ref().ok());
        }
        let response = response?;
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
