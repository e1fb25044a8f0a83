//! Test doubles for this crate's and other crates' tests: a transport that plays scripted
//! responses and records requests, a fake clock whose sleeps advance it, and a tiny executor.
//! Always compiled (small, no dependencies) so other crates can use them in their tests.

use crate::arm::retry::RetryEnv;
use crate::time::Timestamp;
use crate::transport::{ArmRequest, ArmResponse, Transport, TransportError};
use std::cell::{Cell, RefCell};
use std::collections::VecDeque;
use std::future::Future;
use std::rc::Rc;
use std::task::{Context, Poll, Waker};
use std::time::Duration;

/// Plays scripted answers in order and records every request.
#[derive(Debug, Default)]
pub struct RecordingTransport {
    script: RefCell<VecDeque<Result<ArmResponse, TransportError>>>,
    requests: RefCell<Vec<ArmRequest>>,
}

impl RecordingTransport {
    /// An empty script.
    #[must_use]
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds a response to the script (builder style).
    #[must_use]
    pub fn with(self, response: ArmResponse) -> Self {
        self.push(response);
        self
    }

    /// Adds a response to the script.
    pub fn push(&self, response: ArmResponse) {
        self.script.borrow_mut().push_back(Ok(response));
    }

    /// Adds a JSON response with status 200.
    pub fn push_json(&self, body: &serde_json::Value) {
        self.push(ArmResponse::new(200, body.to_string()));
    }

    /// Adds a transport failure to the script.
    pub fn push_error(&self, error: TransportError) {
        self.script.borrow_mut().push_back(Err(error));
    }

    /// Every request sent so far.
    #[must_use]
    pub fn requests(&self) -> Vec<ArmRequest> {
        self.requests.borrow().clone()
    }

    /// The latest request.
    #[must_use]
    pub fn last_request(&self) -> Option<ArmRequest> {
        self.requests.borrow().last().cloned()
    }

    /// Scripted answers not yet used.
    #[must_use]
    pub fn remaining(&self) -> usize {
        self.script.borrow().len()
    }
}

impl Transport for RecordingTransport {
    async fn send(&self, request: ArmRequest) -> Result<ArmResponse, TransportError> {
        let desc = format!("{} {}", request.method, request.url);
        self.requests.borrow_mut().push(request);
        self.script.borrow_mut().pop_front().unwrap_or_else(|| {
            Err(TransportError::Network(format!("no scripted response left for {desc}")))
        })
    }
}

/// A clock that only moves when told to (or when something sleeps on it).
#[derive(Clone, Debug, Default)]
pub struct FakeClock {
    now: Rc<Cell<u64>>,
    sleeps: Rc<RefCell<Vec<Duration>>>,
}

impl FakeClock {
    /// A clock at `start`.
    #[must_use]
    pub fn at(start: Timestamp) -> Self {
        let c = Self::default();
        c.now.set(start.millis());
        c
    }

    /// The current fake time.
    #[must_use]
    pub fn now(&self) -> Timestamp {
        Timestamp(self.now.get())
    }

    /// Moves the clock forward.
    pub fn advance(&self, d: Duration) {
        self.now.set(self.now.get() + u64::try_from(d.as_millis()).unwrap_or(u64::MAX));
    }

    /// A sleep that records `d` and advances the clock by it, at once.
    pub fn sleep(&self, d: Duration) -> std::future::Ready<()> {
        self.sleeps.borrow_mut().push(d);
        self.advance(d);
        std::future::ready(())
    }

    /// Every sleep taken, in order.
    #[must_use]
    pub fn sleeps(&self) -> Vec<Duration> {
        self.sleeps.borrow().clone()
    }
}

/// A [`RetryEnv`] on a [`FakeClock`] with a fixed jitter.
#[derive(Clone, Debug, Default)]
pub struct FakeEnv {
    /// The clock sleeps advance.
    pub clock: FakeClock,
    /// The jitter returned every time.
    pub jitter: f64,
}

impl RetryEnv for FakeEnv {
    fn now(&self) -> Timestamp {
        self.clock.now()
    }

    fn jitter(&self) -> f64 {
        self.jitter
    }

    async fn sleep(&self, d: Duration) {
        self.clock.sleep(d).await;
    }
}

/// Runs a future that never waits on anything outside itself (scripted transports, fake
/// clocks) to completion.
///
/// # Panics
/// If the future stays pending for a million polls, which means it waits on something real.
pub fn block_on<F: Future>(future: F) -> F::Output {
    let mut future = std::pin::pin!(future);
    let mut cx = Context::from_waker(Waker::noop());
    for _ in 0..1_000_000 {
        if let Poll::Ready(v) = future.as_mut().poll(&mut cx) {
            return v;
        }
    }
    panic!("block_on: the future never completed; it waits on something the test does not drive")
}
