//! How long ARM would take to answer, for the in-page transport to wait before handing over the
//! simulator's response: demo mode then shows spinners and races like the real service.

use crate::rng::Rng;
use anf_core::transport::{ArmRequest, Method};

/// A realistic latency for `request`, in real milliseconds, drawn from `rng`: reads 60-250 ms,
/// writes and actions 150-600 ms, and a slow tail (1 in 20) up to 1.5 s.
pub fn draw(rng: &mut Rng, request: &ArmRequest) -> u64 {
    let (low, spread) = match request.method {
        Method::Get => (60, 190),
        _ => (150, 450),
    };
    let base = low + rng.below(spread);
    if rng.chance(50) {
        base + 500 + rng.below(1000)
    } else {
        base
    }
}

#[cfg(test)]
mod tests {
    use crate::scenario::Scenario;
    use crate::simulator::Simulator;
    use anf_core::time::Timestamp;
    use anf_core::transport::{ArmRequest, Method};

    #[test]
    fn latencies_are_in_range_and_seeded() {
        let mut a = Simulator::new(Scenario::HappyPath, 3, Timestamp(0));
        let mut b = Simulator::new(Scenario::HappyPath, 3, Timestamp(0));
        let get = ArmRequest::new(Method::Get, "/tenants");
        let put = ArmRequest::new(Method::Put, "/x");
        let xs: Vec<u64> = (0..200).map(|_| a.latency_ms(&get)).collect();
        let ys: Vec<u64> = (0..200).map(|_| b.latency_ms(&get)).collect();
        assert_eq!(xs, ys);
        assert!(xs.iter().all(|l| (60..1_750).contains(l)));
        assert!(xs.iter().filter(|l| **l < 250).count() > 150);
        assert!((0..200).map(|_| a.latency_ms(&put)).all(|l| l >= 150));
    }
}
