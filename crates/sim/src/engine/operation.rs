//! ARM's long-running operations as records: what each does, its status, its result, and how
//! an accepted request tells the client to poll. The engine's `ops` module runs them.

use crate::api::ApiVersion;
use crate::http::ApiError;
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// What an operation does when its work is done.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum OpKind {
    CreateVolume,
    UpdateVolume,
    DeleteVolume,
    PeerExternalCluster { addresses: Vec<String> },
    AuthorizeExternalReplication,
    PerformReplicationTransfer,
    BreakReplication { force: bool },
    ResyncReplication,
    FinalizeExternalReplication,
    DeleteReplication,
}

/// ARM's operation status.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum OpStatus {
    InProgress,
    Succeeded,
    Failed,
    Canceled,
}

impl OpStatus {
    /// The wire value.
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::InProgress => "InProgress",
            Self::Succeeded => "Succeeded",
            Self::Failed => "Failed",
            Self::Canceled => "Canceled",
        }
    }
}

/// One operation.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Operation {
    pub id: String,
    pub subscription: String,
    pub location: String,
    pub api: ApiVersion,
    pub kind: OpKind,
    /// Key of the volume the operation works on.
    pub resource: String,
    pub started_at: u64,
    /// When the work is done; `None` while it waits for a transfer.
    pub due_at: Option<u64>,
    pub status: OpStatus,
    pub ended_at: Option<u64>,
    /// The status body's `properties`.
    pub properties: Option<Value>,
    /// The body the `Location` URL answers once the operation succeeded.
    pub final_body: Option<Value>,
    pub error: Option<ApiError>,
    /// A fault switch armed on the request that started it: when its work would be done, it
    /// ends with this status instead, the work undone.
    #[serde(default)]
    pub doomed: Option<OpStatus>,
}

/// What finishing an operation's work gave.
pub enum Outcome {
    /// Done: status `properties` and the final body for the `Location` URL.
    Done(Option<Value>, Option<Value>),
    /// The work continues (a transfer runs); the operation finishes with it.
    Waiting,
}

/// Which polling headers an accepted request carries.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Poll {
    /// `Azure-AsyncOperation` and `Location` (PUT, peer, authorize).
    AsyncAndLocation,
    /// `Location` only (delete, break, resync, transfer, finalize), as the spec's examples show.
    LocationOnly,
}

/// How long a finished operation can still be polled.
pub const OP_RETENTION_MS: u64 = 24 * 3600 * 1000;
