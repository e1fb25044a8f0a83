//! How many status polls of long-running operations go out a second, whatever their number.
//!
//! Each operation's poller asks to be polled after its own `Retry-After`; one operation is
//! nothing, but a wave starts a hundred, and a hundred pollers due every few seconds would take
//! more than ARM's read bucket refills (25 a second per subscription, shared with the live
//! table and every other tab). [`PollPace`] is a token bucket in front of them: at most
//! [`POLLS_PER_SECOND`] polls a second after a burst of [`POLL_BURST`]; a poll that finds no
//! token waits for the next. A few operations never notice it.

use crate::time::Timestamp;
use std::time::Duration;

/// Polls a second at most: a third of ARM's read refill, the rest left to everything else.
pub const POLLS_PER_SECOND: u32 = 8;
/// Polls that may go at once after a quiet spell.
pub const POLL_BURST: u32 = 16;

/// A token bucket of polls.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PollPace {
    capacity: u32,
    per_second: u32,
    /// Thousandths of a poll.
    milli: u64,
    at: Option<Timestamp>,
}

impl Default for PollPace {
    fn default() -> Self {
        Self::new(POLL_BURST, POLLS_PER_SECOND)
    }
}

impl PollPace {
    /// A full bucket of `capacity` polls refilled at `per_second`.
    #[must_use]
    pub fn new(capacity: u32, per_second: u32) -> Self {
        Self {
            capacity: capacity.max(1),
            per_second: per_second.max(1),
            milli: u64::from(capacity.max(1)) * 1000,
            at: None,
        }
    }

    fn refill(&mut self, now: Timestamp) {
        if let Some(at) = self.at {
            let ms = u64::try_from(now.since(at).as_millis()).unwrap_or(u64::MAX);
            let gained = ms.saturating_mul(u64::from(self.per_second));
            self.milli = self.milli.saturating_add(gained).min(u64::from(self.capacity) * 1000);
        }
        self.at = Some(self.at.map_or(now, |a| a.max(now)));
    }

    /// Takes up to `wanted` polls at `now`; how many may go.
    pub fn take(&mut self, now: Timestamp, wanted: usize) -> usize {
        self.refill(now);
        let n = usize::try_from(self.milli / 1000).unwrap_or(usize::MAX).min(wanted);
        self.milli -= n as u64 * 1000;
        n
    }

    /// When the next poll may go, at the earliest.
    #[must_use]
    pub fn next_at(&self, now: Timestamp) -> Timestamp {
        let mut b = self.clone();
        b.refill(now);
        if b.milli >= 1000 {
            return now;
        }
        let ms = (1000 - b.milli).div_ceil(u64::from(b.per_second));
        now.plus(Duration::from_millis(ms))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_burst_then_the_refill_rate() {
        let mut p = PollPace::new(4, 2);
        let t0 = Timestamp(10_000);
        assert_eq!(p.take(t0, 10), 4);
        assert_eq!(p.take(t0, 10), 0);
        assert_eq!(p.next_at(t0), Timestamp(10_500));
        assert_eq!(p.take(Timestamp(10_499), 1), 0);
        assert_eq!(p.take(Timestamp(10_500), 5), 1);
        // Over any long stretch: 2 a second, never more than the burst saved up.
        let mut taken = 0;
        for s in 1..=60 {
            taken += p.take(Timestamp(10_500 + s * 1000), 100);
        }
        assert_eq!(taken, 120);
        assert_eq!(p.take(Timestamp(1_000_000), 100), 4, "the burst, no more");
    }

    #[test]
    fn a_few_polls_never_wait() {
        let mut p = PollPace::default();
        assert_eq!(p.take(Timestamp(0), 3), 3);
        assert_eq!(p.next_at(Timestamp(0)), Timestamp(0));
        // A clock that went back takes nothing back.
        assert_eq!(p.take(Timestamp(0), 1), 1);
    }
}
