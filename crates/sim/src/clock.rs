//! The simulator's own clock: real time scaled by a speed factor, plus manual jumps.
//!
//! Callers pass the real time (`Date.now()` in the page, the system clock in armsim); everything
//! the simulated world does (operations, transfers, offer expiry) runs on simulated time, so a
//! trainer can run a demo fast or jump an hour ahead. Throttling stays on real time, because it
//! is about how fast the client really calls.

use anf_core::time::Timestamp;
use serde::{Deserialize, Serialize};

/// Speed at which a baseline transfer of a typical demo volume takes about a minute.
pub const DEMO_SPEED: f64 = 4.0;

/// Maps real time to simulated time.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SimClock {
    real_anchor: u64,
    sim_anchor: u64,
    speed: f64,
}

impl SimClock {
    /// A clock that starts at `now` and runs at `speed`.
    #[must_use]
    pub fn new(now: Timestamp, speed: f64) -> Self {
        Self { real_anchor: now.millis(), sim_anchor: now.millis(), speed: sane(speed) }
    }

    /// Simulated time at real time `now`; never goes backwards if the real clock does.
    #[must_use]
    pub fn sim_now(&self, now: Timestamp) -> Timestamp {
        let elapsed = now.millis().saturating_sub(self.real_anchor) as f64;
        Timestamp(self.sim_anchor + (elapsed * self.speed) as u64)
    }

    /// The current speed factor.
    #[must_use]
    pub fn speed(&self) -> f64 {
        self.speed
    }

    /// Changes the speed from `now` on, keeping the simulated time continuous.
    pub fn set_speed(&mut self, now: Timestamp, speed: f64) {
        self.sim_anchor = self.sim_now(now).millis();
        self.real_anchor = self.real_anchor.max(now.millis());
        self.speed = sane(speed);
    }

    /// Jumps simulated time forward.
    pub fn advance(&mut self, millis: u64) {
        self.sim_anchor = self.sim_anchor.saturating_add(millis);
    }

    /// Real seconds a client should wait for `sim_millis` of simulated time (at least 1).
    #[must_use]
    pub fn real_secs(&self, sim_millis: u64) -> u64 {
        ((sim_millis as f64 / self.speed / 1000.0).ceil() as u64).max(1)
    }
}

fn sane(speed: f64) -> f64 {
    if speed.is_finite() && speed > 0.0 {
        speed
    } else {
        1.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scales_jumps_and_stays_continuous_across_speed_changes() {
        let mut c = SimClock::new(Timestamp(1_000), 4.0);
        assert_eq!(c.sim_now(Timestamp(2_000)), Timestamp(5_000));
        c.set_speed(Timestamp(2_000), 1.0);
        assert_eq!(c.sim_now(Timestamp(3_000)), Timestamp(6_000));
        c.advance(60_000);
        assert_eq!(c.sim_now(Timestamp(3_000)), Timestamp(66_000));
        assert_eq!(c.sim_now(Timestamp(0)), Timestamp(65_000));
        assert_eq!(c.real_secs(10), 1);
        assert_eq!(SimClock::new(Timestamp(0), -3.0).speed(), 1.0);
    }
}
