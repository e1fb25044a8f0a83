//! The ARM calls armsim received, as the wire saw them: what the simulator answered, what armsim
//! answered alone (token refusals, faults), what got no answer at all, and which fault switch
//! acted on each. `GET /_sim/requests` reads it; journeys prove with it that no mutation was
//! sent twice and see what was faulted.

use anf_core::time::Timestamp;
use anf_sim::timefmt::iso8601;
use serde_json::{json, Value};
use std::collections::VecDeque;

/// Calls kept (the oldest are dropped beyond it).
const CAPACITY: usize = 5_000;

/// One ARM call.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    pub method: String,
    /// Path without the query string.
    pub path: String,
    /// The status line sent; `None` when the connection was dropped without one.
    pub status: Option<u16>,
    /// Real time the call arrived.
    pub at: Timestamp,
    /// The fault switches that acted on the call (`throttle`, `operation`, ...).
    pub faults: Vec<&'static str>,
    /// Whether the simulator handled the call (so a mutation took effect), whatever the client
    /// then received.
    pub handled: bool,
}

impl Entry {
    /// The entry as `GET /_sim/requests` lists it; `fault` joins several switches with `+`.
    #[must_use]
    pub fn to_json(&self) -> Value {
        let fault = (!self.faults.is_empty()).then(|| self.faults.join("+"));
        json!({
            "method": self.method,
            "path": self.path,
            "status": self.status,
            "at": iso8601(self.at),
            "fault": fault,
            "handled": self.handled,
        })
    }
}

/// A bounded log of calls, oldest first.
#[derive(Debug, Default)]
pub struct RequestLog {
    entries: VecDeque<Entry>,
    total: u64,
}

impl RequestLog {
    /// Records one call.
    pub fn push(&mut self, entry: Entry) {
        if self.entries.len() == CAPACITY {
            self.entries.pop_front();
        }
        self.entries.push_back(entry);
        self.total += 1;
    }

    /// The kept calls, oldest first.
    pub fn entries(&self) -> impl Iterator<Item = &Entry> {
        self.entries.iter()
    }

    /// Calls recorded since start or the last clear, including those no longer kept.
    #[must_use]
    pub fn total(&self) -> u64 {
        self.total
    }

    /// Forgets everything.
    pub fn clear(&mut self) {
        self.entries.clear();
        self.total = 0;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(i: u64) -> Entry {
        Entry {
            method: "GET".into(),
            path: format!("/{i}"),
            status: None,
            at: Timestamp(i),
            faults: vec!["drop", "operation"],
            handled: true,
        }
    }

    #[test]
    fn keeps_the_newest_and_counts_all() {
        let mut log = RequestLog::default();
        for i in 0..(CAPACITY as u64 + 2) {
            log.push(entry(i));
        }
        assert_eq!(log.entries().count(), CAPACITY);
        assert_eq!(log.entries().next().unwrap().path, "/2");
        assert_eq!(log.total(), CAPACITY as u64 + 2);
        log.clear();
        assert_eq!((log.entries().count(), log.total()), (0, 0));
    }

    #[test]
    fn a_dropped_call_has_a_null_status_and_names_its_faults() {
        let v = entry(1).to_json();
        assert!(v["status"].is_null());
        assert_eq!(v["fault"], "drop+operation");
        assert_eq!(v["handled"], true);
    }
}
