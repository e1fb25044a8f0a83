//! Things due at a simulated time. The queue is ordered by time, so each request only pays for
//! the events that fell due since the previous one.

use serde::{Deserialize, Serialize};

/// Something the world does by itself at a given simulated time.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Event {
    /// A long-running operation reaches the end of its work.
    OpDue(String),
    /// A cluster peer offer issued at `issued_at` expires if still not accepted.
    OfferExpiry { backend: String, cluster: String, issued_at: u64 },
    /// A feature registration finishes.
    FeatureRegistered(String),
    /// ANF creates the SnapMirror relationship after SVM peering was accepted.
    CreateRelationship(String),
    /// A transfer ends (ignored if the relationship moved to a newer epoch).
    TransferEnd { volume: String, epoch: u64 },
    /// A scheduled incremental transfer is due.
    Scheduled { volume: String, epoch: u64 },
}

/// JSON maps need string keys; the queue is saved as a list of `[[time, seq], event]`.
pub mod as_list {
    use crate::engine::events::Event;
    use serde::{Deserialize, Deserializer, Serialize, Serializer};
    use std::collections::BTreeMap;

    pub fn serialize<S: Serializer>(
        map: &BTreeMap<(u64, u64), Event>,
        s: S,
    ) -> Result<S::Ok, S::Error> {
        map.iter().collect::<Vec<_>>().serialize(s)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(
        d: D,
    ) -> Result<BTreeMap<(u64, u64), Event>, D::Error> {
        Ok(Vec::<((u64, u64), Event)>::deserialize(d)?.into_iter().collect())
    }
}
