//! Many guided cut-overs side by side ([`CutOverBook`]): a tab's, or a wave's cut-over window.

use super::cut_over::{CutOver, CutOverStep, CutOverWork};
use crate::time::Timestamp;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::time::Duration;

/// Many cut-overs side by side, by lower-cased volume id: a tab's guided cut-overs, or a
/// wave's cut-over window.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct CutOverBook {
    sequences: BTreeMap<String, CutOver>,
}

fn key(id: &str) -> String {
    id.trim().to_ascii_lowercase()
}

impl CutOverBook {
    /// The sequence of a volume.
    #[must_use]
    pub fn get(&self, id: &str) -> Option<&CutOver> {
        self.sequences.get(&key(id))
    }

    /// The sequence of a volume, created (not started) when there was none.
    pub fn entry(&mut self, id: &str, name: &str) -> &mut CutOver {
        let seq = self.sequences.entry(key(id)).or_insert_with(|| CutOver::new(name));
        if seq.name.is_empty() {
            name.clone_into(&mut seq.name);
        }
        seq
    }

    /// The sequence of a volume, to report an event to.
    pub fn get_mut(&mut self, id: &str) -> Option<&mut CutOver> {
        self.sequences.get_mut(&key(id))
    }

    /// Where the cut-over of a volume stands; `Offline` when none was started.
    #[must_use]
    pub fn step(&self, id: &str) -> CutOverStep {
        self.get(id).map(|s| s.step().clone()).unwrap_or_default()
    }

    /// Forgets a volume's sequence.
    pub fn remove(&mut self, id: &str) -> Option<CutOver> {
        self.sequences.remove(&key(id))
    }

    /// Ids (lower-cased) of the sequences in motion.
    #[must_use]
    pub fn running(&self) -> Vec<String> {
        self.sequences
            .iter()
            .filter(|(_, s)| s.step().is_running())
            .map(|(k, _)| k.clone())
            .collect()
    }

    /// Every sequence, by lower-cased id.
    pub fn iter(&self) -> impl Iterator<Item = (&String, &CutOver)> {
        self.sequences.iter()
    }

    /// Counts by where they stand: (not started, running, done, failed).
    #[must_use]
    pub fn counts(&self) -> (usize, usize, usize, usize) {
        self.sequences.values().fold((0, 0, 0, 0), |(o, r, d, f), s| match s.step() {
            CutOverStep::Offline => (o + 1, r, d, f),
            CutOverStep::Done => (o, r, d + 1, f),
            CutOverStep::Failed(_) => (o, r, d, f + 1),
            _ => (o, r + 1, d, f),
        })
    }

    /// The earliest time any running sequence wants something done: how long the driver may
    /// sleep. `None` when nothing runs.
    #[must_use]
    pub fn next_due(&self, now: Timestamp) -> Option<Timestamp> {
        self.sequences
            .values()
            .filter_map(|s| match s.work(now) {
                CutOverWork::Idle => None,
                CutOverWork::ReadStatus { at } => Some(at.max(now)),
                // Operations are watched through the registry: look again at the next tick.
                CutOverWork::AwaitOp(_) => Some(now.plus(Duration::from_secs(1))),
                CutOverWork::CheckBroken { at } => Some(at.max(now)),
                CutOverWork::SendForcedBreak => Some(now),
            })
            .min()
    }
}
