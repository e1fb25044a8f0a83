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
