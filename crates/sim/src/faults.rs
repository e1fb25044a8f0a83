//! Short bursts of server errors, drawn from the seeded RNG, for the server-errors scenario.

use crate::http::ApiError;
use crate::rng::Rng;
use anf_core::transport::ArmResponse;
use serde::{Deserialize, Serialize};

/// The 5xx burst generator.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Faults {
    /// Chance per request (per mille) that a burst starts.
    pub burst_per_mille: u64,
    burst_left: u32,
}

impl Faults {
    /// No faults.
    #[must_use]
    pub fn none() -> Self {
        Self { burst_per_mille: 0, burst_left: 0 }
    }

    /// Bursts start on about one request in `1000 / per_mille`.
    #[must_use]
    pub fn bursts(per_mille: u64) -> Self {
        Self { burst_per_mille: per_mille, burst_left: 0 }
    }

    /// A failure for this request, if one is due.
    pub fn next(&mut self, rng: &mut Rng) -> Option<ArmResponse> {
        if self.burst_left == 0 {
            if self.burst_per_mille == 0 || !rng.chance(self.burst_per_mille) {
                return None;
            }
            // One to three consecutive failures, as a flapping front end produces.
            self.burst_left = 1 + rng.below(3) as u32;
        }
        self.burst_left -= 1;
        let err = if rng.chance(500) {
            ApiError::new(500, "InternalServerError", "Encountered internal server error. Diagnostic information: timestamp '', subscription id '', tracking id '', request correlation id ''.")
        } else {
            ApiError::new(
                503,
                "ServiceUnavailable",
                "The service is currently unavailable. Please retry the request later.",
            )
        };
        Some(err.response().with_header("Retry-After", "1"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bursts_come_from_the_seed_and_none_never_fails() {
        let mut rng = Rng::new(3);
        let mut none = Faults::none();
        assert!((0..1000).all(|_| none.next(&mut rng).is_none()));
        let run = |seed| {
            let mut rng = Rng::new(seed);
            let mut f = Faults::bursts(100);
            (0..200).map(|_| f.next(&mut rng).map(|r| r.status)).collect::<Vec<_>>()
        };
        let a = run(9);
        assert_eq!(a, run(9));
        let failures = a.iter().flatten().count();
        assert!(failures > 5 && failures < 120, "{failures}");
        assert!(a.iter().flatten().all(|s| *s == 500 || *s == 503));
    }
}
