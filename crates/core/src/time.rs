//! Time as a value. The core never reads a clock; callers pass `now` in.

use serde::{Deserialize, Serialize};
use std::time::Duration;

/// Milliseconds since the Unix epoch (UTC).
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
#[serde(transparent)]
pub struct Timestamp(pub u64);

impl Timestamp {
    /// A timestamp from whole seconds since the epoch.
    #[must_use]
    pub const fn from_secs(secs: u64) -> Self {
        Self(secs * 1000)
    }

    /// Milliseconds since the epoch.
    #[must_use]
    pub const fn millis(self) -> u64 {
        self.0
    }

    /// Whole seconds since the epoch.
    #[must_use]
    pub const fn secs(self) -> u64 {
        self.0 / 1000
    }

    /// This instant moved forward by `d` (saturating).
    #[must_use]
    pub fn plus(self, d: Duration) -> Self {
        Self(self.0.saturating_add(u64::try_from(d.as_millis()).unwrap_or(u64::MAX)))
    }

    /// Time elapsed from `earlier` to `self`, zero if `earlier` is later.
    #[must_use]
    pub fn since(self, earlier: Self) -> Duration {
        Duration::from_millis(self.0.saturating_sub(earlier.0))
    }
}

/// Wall-clock time that never runs backwards, for measuring spans within one page.
///
/// The read planner and the retry driver measure spans between two readings. If the system
/// clock is set back (a time-sync correction, a user changing it), a plain wall clock makes
/// every span look negative or frozen, and a bucket that refills "since the last read" stalls
/// for as long as the jump. This clock follows the wall clock's forward steps, which keeps it
/// right across a laptop's sleep (when the page's monotonic clock may not advance), and follows
/// the monotonic clock instead whenever the wall clock steps back. After such a step it runs
/// ahead of the wall clock, so its readings are not for keeping or comparing across pages.
#[derive(Clone, Copy, Debug, Default)]
pub struct SteadyClock {
    last: Option<SteadyReading>,
}

#[derive(Clone, Copy, Debug)]
struct SteadyReading {
    wall_ms: f64,
    mono_ms: f64,
    /// Unrounded, so sub-millisecond monotonic steps add up.
    out_ms: f64,
}

impl SteadyClock {
    /// The time now, from the wall clock (`Date.now()`) and a monotonic clock
    /// (`performance.now()`) read together. The first reading is the wall clock itself.
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    pub fn read(&mut self, wall_ms: f64, mono_ms: f64) -> Timestamp {
        let out_ms = match self.last {
            None => wall_ms.max(0.0),
            Some(last) => {
                let wall_step = wall_ms - last.wall_ms;
                let step =
                    if wall_step >= 0.0 { wall_step } else { (mono_ms - last.mono_ms).max(0.0) };
                last.out_ms + step
            }
        };
        self.last = Some(SteadyReading { wall_ms, mono_ms, out_ms });
        Timestamp(out_ms as u64)
    }
}

#[cfg(test)]
mod steady_clock_tests {
    use super::{SteadyClock, Timestamp};

    #[test]
    fn follows_the_wall_clock_while_it_runs_forward() {
        let mut c = SteadyClock::default();
        assert_eq!(c.read(1_000_000.0, 10.0), Timestamp(1_000_000));
        assert_eq!(c.read(1_000_500.0, 510.0), Timestamp(1_000_500));
        // Asleep for an hour: the monotonic clock may not have moved, the wall clock has.
        assert_eq!(c.read(4_600_500.0, 520.0), Timestamp(4_600_500));
    }

    #[test]
    fn a_wall_clock_set_back_does_not_take_the_time_back() {
        let mut c = SteadyClock::default();
        c.read(10_000_000.0, 0.0);
        // The wall clock is set back ten minutes while 2 s pass.
        let after_jump = c.read(9_402_000.0, 2_000.0);
        assert_eq!(after_jump, Timestamp(10_002_000));
        // From there it keeps the wall clock's pace.
        assert_eq!(c.read(9_403_000.0, 3_000.0), Timestamp(10_003_000));
    }

    #[test]
    fn sub_millisecond_monotonic_steps_add_up() {
        let mut c = SteadyClock::default();
        c.read(5_000.0, 0.0);
        let mut wall = 5_000.0;
        let mut t = Timestamp(0);
        // A wall clock stepping back every reading, 0.5 ms of monotonic time apart: 10 readings
        // are 5 ms, not 0.
        for i in 1..=10 {
            wall -= 1.0;
            t = c.read(wall, f64::from(i) * 0.5);
        }
        assert_eq!(t, Timestamp(5_005));
    }
}
