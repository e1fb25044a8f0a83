//! The create phase against a simulated ARM write bucket: 200 creates never take more writes
//! than the bucket holds (no 429), and end within 10 % of the time the budget allows.

use anf_core::time::Timestamp;
use anf_core::transport::ArmResponse;
use anf_core::wave::write_budget::{BudgetSettings, WriteBudget, REMAINING_WRITES_HEADER};
use anf_core::wave::RowId;

/// ARM's side: a bucket of 200 writes refilled at 10 a second, in thousandths.
struct Arm {
    milli: i64,
    at: u64,
    throttled: usize,
    lowest: i64,
}

impl Arm {
    fn new(left: i64) -> Self {
        Self { milli: left * 1000, at: 0, throttled: 0, lowest: left * 1000 }
    }

    fn refill(&mut self, now: u64) {
        self.milli = (self.milli + (now - self.at) as i64 * 10).min(200_000);
        self.at = now;
    }

    /// Another client spends `n` writes at `now`.
    fn spend(&mut self, now: u64, n: i64) {
        self.refill(now);
        self.milli -= n * 1000;
    }

    /// One PUT arrives at `now`.
    fn put(&mut self, now: u64) -> ArmResponse {
        self.refill(now);
        if self.milli < 1000 {
            self.throttled += 1;
            let wait = ((1000 - self.milli) as u64).div_ceil(10_000);
            return ArmResponse::new(429, "").with_header("Retry-After", (wait.max(1)).to_string());
        }
        self.milli -= 1000;
        self.lowest = self.lowest.min(self.milli);
        ArmResponse::new(201, "{}")
            .with_header(REMAINING_WRITES_HEADER, (self.milli / 1000).to_string())
            // The create's long-running operation asks to be polled every 10 s: not a throttle.
            .with_header("Retry-After", "10")
    }
}

struct Run {
    last_send_ms: u64,
    sent: usize,
    throttled: usize,
    lowest_milli: i64,
}

/// Runs `n` creates with `latency_ms` per answer; `other` spends writes at given times.
fn run(
    n: u32,
    arm_left: i64,
    latency_ms: u64,
    settings: BudgetSettings,
    other: &[(u64, i64)],
) -> Run {
    let mut arm = Arm::new(arm_left);
    let mut budget = WriteBudget::new(settings, Timestamp(0));
    let mut queue: Vec<RowId> = (0..n).collect();
    let mut in_flight: Vec<(u64, RowId, ArmResponse)> = Vec::new();
    let mut now = 0;
    let mut last_send_ms = 0;
    let mut sent = 0;
    let mut other = other.to_vec();
    let mut created = 0;
    while created < n as usize {
        for (at, spend) in other.iter_mut() {
            if *at <= now && *spend > 0 {
                arm.spend(now, *spend);
                *spend = 0;
            }
        }
        let d = budget.next(Timestamp(now), &queue, in_flight.len());
        for id in &d.send {
            let response = arm.put(now);
            in_flight.push((now + latency_ms, *id, response));
            sent += 1;
            last_send_ms = now;
        }
        queue.retain(|q| !d.send.contains(q));
        // The next thing that happens: an answer, or the scheduler's own time to ask again.
        let next_answer = in_flight.iter().map(|(t, _, _)| *t).min();
        now = match (next_answer, d.ask_again_at) {
            (Some(a), Some(b)) => a.min(b.0),
            (Some(a), None) => a,
            (None, Some(b)) => b.0,
            (None, None) => panic!("stuck at {now} ms with {} queued", queue.len()),
        }
        .max(now);
        while let Some(i) = in_flight.iter().position(|(t, _, _)| *t <= now) {
            let (_, id, response) = in_flight.remove(i);
            budget.observe(Timestamp(now), &response, in_flight.len());
            if response.status == 429 {
                queue.insert(0, id);
            } else {
                created += 1;
            }
        }
    }
    Run { last_send_ms, sent, throttled: arm.throttled, lowest_milli: arm.lowest }
}

#[test]
fn two_hundred_creates_on_a_spent_budget_stay_inside_it_and_finish_on_time() {
    // Other work left ARM's bucket at 12 writes, fewer than the writes allowed in flight, so
    // the first answer must be awaited before more go out. With 10 kept in reserve, the
    // budget allows the 200th write once ARM has refilled 200 - 12 + 10 = 198: after 19.8 s.
    let settings = BudgetSettings::default();
    let r = run(200, 12, 300, settings, &[]);
    assert_eq!(r.throttled, 0, "no 429");
    assert_eq!(r.sent, 200, "nothing sent twice");
    assert!(r.lowest_milli >= 0, "ARM's bucket never went below empty");
    assert!(r.lowest_milli >= 9_000, "the reserve was kept ({} milli-writes left)", r.lowest_milli);
    let allowed_ms = 19_800.0;
    #[allow(clippy::cast_precision_loss)]
    let took = r.last_send_ms as f64;
    assert!(took >= allowed_ms * 0.99, "faster than the budget allows: {took} ms");
    assert!(
        took <= allowed_ms * 1.10,
        "more than 10% over the budget's {allowed_ms} ms: {took} ms"
    );
}

#[test]
fn a_full_bucket_goes_as_fast_as_the_writes_in_flight_allow() {
    // 190 writes are free at once; the other 10 refill in 1 s. With 16 in flight and 300 ms an
    // answer, the slots, not the budget, set the pace: 200 / 16 rounds of 300 ms.
    let r = run(200, 200, 300, BudgetSettings::default(), &[]);
    assert_eq!((r.throttled, r.sent), (0, 200));
    assert!(r.last_send_ms <= 13 * 300 + 300, "{} ms", r.last_send_ms);
}

#[test]
fn another_client_spending_the_bucket_causes_a_pause_not_a_storm() {
    // Someone else spends 150 writes at 2 s while the wave runs: ARM answers 429 with
    // Retry-After; the scheduler stops, waits, and only the writes already in flight hit it.
    let settings = BudgetSettings { max_in_flight: 4, ..BudgetSettings::default() };
    let r = run(200, 60, 300, settings, &[(2_000, 150)]);
    assert!(r.throttled <= settings.max_in_flight, "{} throttled", r.throttled);
    assert_eq!(r.sent, 200 + r.throttled, "each throttled write sent again once");
}

#[test]
fn without_a_reserve_the_last_writes_use_the_whole_bucket() {
    let settings = BudgetSettings { reserve: 0, ..BudgetSettings::default() };
    let r = run(200, 30, 300, settings, &[]);
    assert_eq!(r.throttled, 0);
    // (200 - 30) / 10 = 17 s.
    assert!((16_830..=18_700).contains(&r.last_send_ms), "{} ms", r.last_send_ms);
}
