//! After ARM throttles one call, every call waits: ARM's buckets are per subscription and
//! principal, so a 429 on one request means the others would be refused too.
//!
//! The retry layer above only delays the request that was refused; without this gate, a page
//! polling several volumes (or a user pressing Refresh) would keep calling inside the
//! `Retry-After` window and stretch the throttling out.

use super::browser_env::{sleep, steady_now as now};
use anf_core::arm::retry_after::retry_after;
use anf_core::time::Timestamp;
use anf_core::transport::{ArmRequest, ArmResponse, Transport, TransportError};
use std::cell::Cell;

/// Holds every request until the latest `Retry-After` of a 429 has passed.
pub struct ThrottleGate<T> {
    inner: T,
    hold_until: Cell<Timestamp>,
}

impl<T> ThrottleGate<T> {
    /// Wraps `inner`.
    pub fn new(inner: T) -> Self {
        Self { inner, hold_until: Cell::new(Timestamp(0)) }
    }

    /// When calls may go out again (in the past when they may now).
    pub fn hold_until(&self) -> Timestamp {
        self.hold_until.get()
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
        let response = self.inner.send(request).await?;
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
