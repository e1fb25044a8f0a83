//! Replication status, replication lists and the bodies of replication actions.

use super::{
    EndpointType, MirrorState, RelationshipStatus, ReplicationSchedule, ReplicationsExclude,
};
use serde::{Deserialize, Serialize};

/// `GET .../replicationStatus`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ReplicationStatus {
    /// Replication health check.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub healthy: Option<bool>,
    /// Idle or Transferring.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub relationship_status: Option<RelationshipStatus>,
    /// Uninitialized, Mirrored or Broken.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mirror_state: Option<MirrorState>,
    /// Progress as the service reports it (bytes transferred, as a string).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub total_progress: Option<String>,
    /// Error text when the replication is in an error state (often empty).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error_message: Option<String>,
}

impl ReplicationStatus {
    /// `totalProgress` as a number of bytes, when it is one.
    #[must_use]
    pub fn total_progress_bytes(&self) -> Option<u64> {
        self.total_progress.as_deref()?.trim().parse().ok()
    }

    /// The error message, unless empty.
    #[must_use]
    pub fn error(&self) -> Option<&str> {
        self.error_message.as_deref().map(str::trim).filter(|m| !m.is_empty())
    }
}

/// One item of `POST .../listReplications`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Replication {
    /// Replication GUID.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub replication_id: Option<String>,
    /// `src` or `dst`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub endpoint_type: Option<EndpointType>,
    /// Schedule.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub replication_schedule: Option<ReplicationSchedule>,
    /// The other volume.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub remote_volume_resource_id: Option<String>,
    /// The other region.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub remote_volume_region: Option<String>,
    /// Mirror state.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mirror_state: Option<MirrorState>,
    /// When the replication was created (RFC 3339).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub replication_creation_time: Option<String>,
    /// When it was deleted (RFC 3339).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub replication_deletion_time: Option<String>,
}

/// Body of `listReplications`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ListReplicationsRequest {
    /// Filter; the service defaults to `None` (everything).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub exclude: Option<ReplicationsExclude>,
}

/// Body of `breakReplication`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct BreakReplicationRequest {
    /// Break even while a transfer is running.
    pub force_break_replication: bool,
}

/// Body of `reestablishReplication`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ReestablishReplicationRequest {
    /// ARM id of the source volume.
    pub source_volume_id: String,
}
