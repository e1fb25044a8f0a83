//! Pacing the wave's creates inside ARM's write budget.
//!
//! ARM throttles writes with a token bucket per subscription, principal and region: 200 writes,
//! refilled at 10 a second (Microsoft, "Understand how Azure Resource Manager throttles
//! requests", <https://learn.microsoft.com/en-us/azure/azure-resource-manager/management/request-limits-and-throttling>).
//! [`WriteBudget`] keeps a local copy of that bucket, one per subscription and region, and a
//! pure scheduler on top: given the time, the queue and what is in flight, it says which rows
//! to send now and when to ask again. It never spends more than the local bucket holds, and
//! the local bucket follows what ARM says is left:
//!
//! - The local bucket counts every write the app sends when it sends it, and refills as ARM's
//!   does. `x-ms-ratelimit-remaining-subscription-writes` on an answer checks it. ARM counts a
//!   write when it arrives, so its count covers this write and some of the app's other writes
//!   out at the time, and which of them is not known (over parallel connections the order
//!   they were sent in does not tell). While the app is the only writer, the local bucket is
//!   at most the count plus a write (its rounding) plus what ARM refilled since it counted
//!   (at most since the write went out): then it is kept. Taking the count less every write
//!   out at each answer, as this did before, counted the writes ARM had counted twice, and held
//!   a wave's creates back by as many writes as were out.
//! - Above that, someone else is writing in this subscription and region, and nothing is
//!   assumed about the app's writes: the bucket drops to the count less every write ARM may
//!   not have counted (those out beside this one, those that ended while it was out, and those
//!   sent since it came).
//! - A count never raises the bucket. An answer can be old (a slow one, or one from before a
//!   429) and another writer may have spent since; only the refill raises it.
//! - Another writer's spending that stays within that margin (about as many writes as are out)
//!   is not seen until the answers of the writes out come back with counts below it. The
//!   reserve, and the pause on a 429, are for that.
//! - Until a response has said how much is left, one write goes out at a time: other tabs or
//!   tools may have spent the budget already.
//! - A 429 empties the local bucket and pauses until its `Retry-After` (read with
//!   [`crate::arm::retry_after::retry_after`]). A `Retry-After` on a 201 or 202 is the polling
//!   interval of a long-running operation, not a throttle, and does not pause.
//! - `reserve` writes are always left in the bucket, so the admin's own actions (a sync, a
//!   break on another migration) are not starved by the wave.
//! - At most `max_in_flight` writes wait for their answer at once.

use super::plan::RowId;
use crate::arm::retry_after::retry_after;
use crate::time::Timestamp;
use crate::transport::ArmResponse;
use serde::{Deserialize, Serialize};

/// ARM's write bucket size.
pub const BUCKET_WRITES: u32 = 200;
/// ARM's refill, writes per second.
pub const REFILL_PER_SECOND: u32 = 10;
/// The header with the writes left.
pub const REMAINING_WRITES_HEADER: &str = "x-ms-ratelimit-remaining-subscription-writes";

/// How the scheduler paces.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct BudgetSettings {
    /// Bucket size (writes).
    pub capacity: u32,
    /// Refill per second (writes).
    pub refill_per_second: u32,
    /// Writes always left for the admin's other actions.
    pub reserve: u32,
    /// Writes awaiting their answer at most.
    pub max_in_flight: usize,
}

impl Default for BudgetSettings {
    fn default() -> Self {
        Self {
            capacity: BUCKET_WRITES,
            refill_per_second: REFILL_PER_SECOND,
            reserve: 10,
            // ARM answers a create's PUT in a few hundred milliseconds; to spend the bucket's
            // 200 within the 20 s it takes to refill, the writes must overlap. 32 at 300 ms
            // each is about 100 a second.
            max_in_flight: 32,
        }
    }
}

/// Why nothing more is sent right now.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Waiting {
    /// Nothing is queued.
    Nothing,
    /// The bucket is at its reserve; ask again when it refills.
    Budget,
    /// ARM asked for a pause (429 with `Retry-After`).
    RetryAfter,
    /// Every slot is in flight; ask again on the next answer.
    InFlight,
    /// The first write is out; ask again on its answer, which tells the budget.
    Probe,
}

/// What to do now.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Dispatch {
    /// Rows to send now, in queue order.
    pub send: Vec<RowId>,
    /// When to ask again if no answer comes first (`None`: on the next answer).
    pub ask_again_at: Option<Timestamp>,
    /// Why not more.
    pub waiting: Waiting,
}

/// The local copy of ARM's write bucket for one subscription and region.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct WriteBudget {
    settings: BudgetSettings,
    /// Thousandths of a write, so the 10-a-second refill is exact per millisecond.
    milli: u64,
    at: Timestamp,
    paused_until: Option<Timestamp>,
    known: bool,
}

impl WriteBudget {
    /// A full bucket at `now`, not yet confirmed by ARM.
    #[must_use]
    pub fn new(settings: BudgetSettings, now: Timestamp) -> Self {
        Self {
            settings,
            milli: u64::from(settings.capacity) * 1000,
            at: now,
            paused_until: None,
            known: false,
        }
    }

    fn refill(&mut self, now: Timestamp) {
        let ms = now.since(self.at).as_millis();
        let add = u64::try_from(ms)
            .unwrap_or(u64::MAX)
            .saturating_mul(u64::from(self.settings.refill_per_second));
        self.milli = self.milli.saturating_add(add).min(u64::from(self.settings.capacity) * 1000);
        self.at = self.at.max(now);
    }

    /// Whole writes in the local bucket at `now`.
    #[must_use]
    pub fn available(&self, now: Timestamp) -> u32 {
        let mut b = self.clone();
        b.refill(now);
        u32::try_from(b.milli / 1000).unwrap_or(u32::MAX)
    }

    /// Which of `queued` to send now (their writes are taken from the bucket), with
    /// `in_flight` writes awaiting answers.
    pub fn next(&mut self, now: Timestamp, queued: &[RowId], in_flight: usize) -> Dispatch {
        self.refill(now);
        if queued.is_empty() {
            return Dispatch { send: Vec::new(), ask_again_at: None, waiting: Waiting::Nothing };
        }
        if let Some(until) = self.paused_until.filter(|u| *u > now) {
            return Dispatch {
                send: Vec::new(),
                ask_again_at: Some(until),
                waiting: Waiting::RetryAfter,
            };
        }
        self.paused_until = None;
        let cap = if self.known { self.settings.max_in_flight } else { 1 };
        let slots = cap.saturating_sub(in_flight);
        let spendable = (self.milli / 1000).saturating_sub(u64::from(self.settings.reserve));
        let n = queued.len().min(slots).min(usize::try_from(spendable).unwrap_or(usize::MAX));
        self.milli -= n as u64 * 1000;
        let send = queued[..n].to_vec();
        if n == queued.len() {
            return Dispatch { send, ask_again_at: None, waiting: Waiting::Nothing };
        }
        if n == slots {
            let waiting = if self.known { Waiting::InFlight } else { Waiting::Probe };
            return Dispatch { send, ask_again_at: None, waiting };
        }
        // Time until one write above the reserve is back.
        let need = (u64::from(self.settings.reserve) + 1) * 1000 - self.milli;
        let ms = need.div_ceil(u64::from(self.settings.refill_per_second.max(1)));
        Dispatch { send, ask_again_at: Some(Timestamp(now.0 + ms)), waiting: Waiting::Budget }
    }

    /// Takes what a write's answer says about the budget. The write went out at `sent`;
    /// `others` is how many other writes ARM may not have counted when it counted this one:
    /// those still out when it came, those that ended while it was out (they may have reached
    /// ARM after it), and those sent since it came.
    pub fn observe(
        &mut self,
        now: Timestamp,
        sent: Timestamp,
        response: &ArmResponse,
        others: usize,
    ) {
        self.refill(now);
        if let Some(left) =
            response.header(REMAINING_WRITES_HEADER).and_then(|v| v.trim().parse::<u64>().ok())
        {
            let low = left.saturating_sub(others as u64).saturating_mul(1000);
            // The most ARM can hold now while the app is its only writer: the count, a write
            // for its rounding, and what it refilled since it counted (which was at the
            // earliest when the write went out).
            let flight = u64::try_from(now.since(sent).as_millis()).unwrap_or(u64::MAX);
            let high = left
                .saturating_add(1)
                .saturating_mul(1000)
                .saturating_add(flight.saturating_mul(u64::from(self.settings.refill_per_second)));
            // The first count replaces the full bucket assumed until then (a guess, not a
            // count); after it, a count only ever lowers the bucket.
            if !self.known || self.milli > high {
                self.milli = self.milli.min(low);
            }
            self.known = true;
        }
        if response.status == 429 {
            self.known = true;
            self.milli = 0;
            if let Some(wait) = retry_after(response, now) {
                let until = now.plus(wait);
                self.paused_until = Some(self.paused_until.map_or(until, |p| p.max(until)));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids(n: u32) -> Vec<RowId> {
        (0..n).collect()
    }

    fn answer(left: u32) -> ArmResponse {
        ArmResponse::new(201, "{}")
            .with_header(REMAINING_WRITES_HEADER, left.to_string())
            .with_header("Retry-After", "30")
    }

    #[test]
    fn one_write_goes_out_until_arm_tells_the_budget() {
        let mut b = WriteBudget::new(BudgetSettings::default(), Timestamp(0));
        let d = b.next(Timestamp(0), &ids(50), 0);
        assert_eq!((d.send, d.waiting), (vec![0], Waiting::Probe));
        assert_eq!(b.next(Timestamp(10), &ids(49), 1).send, Vec::<RowId>::new());
        // The answer says 25 left (and carries an LRO's Retry-After, which is no pause).
        b.observe(Timestamp(300), Timestamp(0), &answer(25), 0);
        let d = b.next(Timestamp(300), &ids(49), 0);
        assert_eq!(d.send.len(), 15, "25 left, 10 kept in reserve");
        assert_eq!(d.waiting, Waiting::Budget);
        // One write above the reserve takes 100 ms to come back.
        assert_eq!(d.ask_again_at, Some(Timestamp(400)));
    }

    /// A bucket ARM has said holds 199, with 32 writes then sent (167 left in it).
    fn with_32_out() -> WriteBudget {
        let mut b = WriteBudget::new(BudgetSettings::default(), Timestamp(0));
        b.observe(Timestamp(0), Timestamp(0), &answer(199), 0);
        assert_eq!(b.available(Timestamp(0)), 199);
        assert_eq!(b.next(Timestamp(0), &ids(100), 0).send.len(), 32);
        b
    }

    #[test]
    fn the_header_bounds_the_bucket_and_writes_in_flight_are_not_counted_twice() {
        // 32 go out; ARM counts each on arrival, so every answer says 167 while the others are
        // still out. The local bucket (167) is inside [167 - others, 167]: kept. Taking the
        // low end at each answer (the rule before) left 136.
        let mut b = with_32_out();
        for others in (0..32).rev() {
            b.observe(Timestamp(0), Timestamp(0), &answer(167), others);
        }
        assert_eq!(b.available(Timestamp(0)), 167);
        assert_eq!(b.available(Timestamp(1_000)), 177, "10 a second");
        assert_eq!(b.available(Timestamp(100_000)), 200, "never above the bucket");
        // The refill while a write was out is no sign of another writer: 151 held at 100 ms
        // against a count of 150 taken when the write went out at 0.
        let mut c = WriteBudget::new(BudgetSettings::default(), Timestamp(0));
        c.observe(Timestamp(0), Timestamp(0), &answer(150), 0);
        c.observe(Timestamp(100), Timestamp(0), &answer(150), 20);
        assert_eq!(c.available(Timestamp(100)), 151);
    }

    #[test]
    fn a_count_below_the_bucket_means_another_writer_and_the_writes_out_are_taken_as_uncounted() {
        let mut b = with_32_out();
        // Someone else spent 50: ARM says 117 with 31 of ours out. Which of them ARM counted
        // is not known, so the bucket takes the low end.
        b.observe(Timestamp(0), Timestamp(0), &answer(117), 31);
        assert_eq!(b.available(Timestamp(0)), 86);
        // The last of them answers with nothing else out, 100 left: a count never raises the
        // bucket (only the refill does).
        b.observe(Timestamp(0), Timestamp(0), &answer(100), 0);
        assert_eq!(b.available(Timestamp(0)), 86);
    }

    #[test]
    fn an_old_answer_does_not_undo_what_later_ones_showed() {
        let mut b = WriteBudget::new(BudgetSettings::default(), Timestamp(0));
        b.observe(Timestamp(0), Timestamp(0), &answer(199), 0);
        // Two writes out at 0; ARM counts the first at once (197 left). Another writer spends
        // 100 at 100 ms; the second's answer at 500 ms says 97 (ARM refilled 5 meanwhile).
        assert_eq!(b.next(Timestamp(0), &ids(2), 0).send.len(), 2);
        b.observe(Timestamp(500), Timestamp(0), &answer(97), 1);
        assert_eq!(b.available(Timestamp(500)), 96, "the count less the write still out");
        // The first one's answer, slow, at 3,000 ms says what ARM held when it counted it.
        b.observe(Timestamp(3_000), Timestamp(0), &answer(197), 0);
        assert_eq!(b.available(Timestamp(3_000)), 121, "only the refill since: 96 + 25");
        // Nor does an answer from before a 429 undo it.
        let mut c = WriteBudget::new(BudgetSettings::default(), Timestamp(0));
        c.observe(Timestamp(0), Timestamp(0), &answer(150), 0);
        c.observe(
            Timestamp(1_000),
            Timestamp(900),
            &ArmResponse::new(429, "").with_header("Retry-After", "2"),
            0,
        );
        c.observe(Timestamp(1_100), Timestamp(0), &answer(140), 3);
        assert_eq!(c.available(Timestamp(1_100)), 1, "the 429 emptied it: 100 ms of refill");
    }

    #[test]
    fn a_429_empties_the_bucket_and_pauses_for_retry_after() {
        let mut b = WriteBudget::new(BudgetSettings::default(), Timestamp(0));
        b.observe(
            Timestamp(1_000),
            Timestamp(900),
            &ArmResponse::new(429, "").with_header("Retry-After", "7"),
            0,
        );
        let d = b.next(Timestamp(2_000), &ids(3), 0);
        assert_eq!(
            (d.send.len(), d.ask_again_at, d.waiting),
            (0, Some(Timestamp(8_000)), Waiting::RetryAfter)
        );
        // After the pause the bucket has refilled for 7 s: 70 writes, 60 above the reserve.
        let d = b.next(Timestamp(8_000), &ids(100), 0);
        assert_eq!(d.send.len(), 32, "bounded by the writes in flight");
        assert_eq!(d.waiting, Waiting::InFlight);
        assert_eq!(d.ask_again_at, None);
    }
}
