//! What ARM calls were received, for load tests and for the trainer's view.

use anf_core::time::Timestamp;
use serde::{Deserialize, Serialize};
use std::collections::VecDeque;

/// One handled request.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LogEntry {
    pub method: String,
    /// Path without the query string.
    pub path: String,
    pub status: u16,
    /// Real time the request was handled.
    pub at: Timestamp,
}

/// A bounded log: the oldest entries are dropped so saved demo state stays small.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RequestLog {
    capacity: usize,
    entries: VecDeque<LogEntry>,
    total: u64,
}

impl RequestLog {
    /// An empty log keeping at most `capacity` entries.
    #[must_use]
    pub fn new(capacity: usize) -> Self {
        Self { capacity, entries: VecDeque::new(), total: 0 }
    }

    /// Records one request.
    pub fn push(&mut self, entry: LogEntry) {
        if self.capacity == 0 {
            return;
        }
        if self.entries.len() == self.capacity {
            self.entries.pop_front();
        }
        self.entries.push_back(entry);
        self.total += 1;
    }

    /// The kept entries, oldest first.
    pub fn entries(&self) -> impl Iterator<Item = &LogEntry> {
        self.entries.iter()
    }

    /// How many requests were ever recorded (including dropped ones).
    #[must_use]
    pub fn total(&self) -> u64 {
        self.total
    }

    /// Keeps at most `capacity` entries from now on, dropping the oldest.
    pub fn set_capacity(&mut self, capacity: usize) {
        self.capacity = capacity;
        while self.entries.len() > capacity {
            self.entries.pop_front();
        }
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

    #[test]
    fn drops_the_oldest_beyond_capacity() {
        let mut log = RequestLog::new(2);
        for i in 0..3 {
            log.push(LogEntry {
                method: "GET".into(),
                path: format!("/{i}"),
                status: 200,
                at: Timestamp(i),
            });
        }
        let paths: Vec<&str> = log.entries().map(|e| e.path.as_str()).collect();
        assert_eq!(paths, vec!["/1", "/2"]);
        assert_eq!(log.total(), 3);
        log.set_capacity(1);
        assert_eq!(log.entries().count(), 1);
    }
}
