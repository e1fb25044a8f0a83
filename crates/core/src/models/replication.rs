//! Replication status, replication lists and the bodies of replication actions.

use super::{
    EndpointType, MirrorState, RelationshipStatus, ReplicationSchedule, ReplicationsExclude,
};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

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

    /// Whether a break needs `forceBreakReplication` now: a transfer is running, and ANF
    /// refuses an unforced break then (the spec: "If replication is in status transferring and
    /// you want to force break the replication, set to true").
    #[must_use]
    pub fn break_needs_force(&self) -> bool {
        self.relationship_status == Some(RelationshipStatus::Transferring)
    }

    /// The warning to show beside a forced break, naming what is lost; `None` when no transfer
    /// runs, where forcing changes nothing and should not be offered.
    #[must_use]
    pub fn force_break_warning(&self) -> Option<String> {
        if !self.break_needs_force() {
            return None;
        }
        let lost = if self.mirror_state == Some(MirrorState::Uninitialized) {
            "The baseline transfer has not finished, so the volume will not hold a complete copy \
             of the source: files not yet copied are missing, and the migration has to start \
             over to get them."
        } else {
            "The volume keeps the data of the last transfer that completed; the changes this \
             transfer was copying (what was written on the source since then) do not arrive."
        };
        Some(format!(
            "A transfer is running. Forcing the break stops it. {lost} Let it finish and break \
             then to lose nothing."
        ))
    }
}

/// One item of `POST .../listReplications` (`Replication` in the spec: the id, the endpoint
/// type, the schedule, the remote volume and region, the mirror state, when it was created
/// and deleted).
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
    /// Anything else the service sends (what `az netappfiles volume replication list` prints
    /// is the whole item), kept as sent.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
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

#[cfg(test)]
mod tests {
    use super::*;

    fn status(rel: RelationshipStatus, mirror: MirrorState) -> ReplicationStatus {
        ReplicationStatus {
            relationship_status: Some(rel),
            mirror_state: Some(mirror),
            ..ReplicationStatus::default()
        }
    }

    #[test]
    fn force_is_offered_only_while_a_transfer_runs_with_what_is_lost() {
        let idle = status(RelationshipStatus::Idle, MirrorState::Mirrored);
        assert!(!idle.break_needs_force());
        assert_eq!(idle.force_break_warning(), None);
        let update = status(RelationshipStatus::Transferring, MirrorState::Mirrored);
        assert!(update.break_needs_force());
        let w = update.force_break_warning().unwrap();
        assert!(w.contains("last transfer that completed"), "{w}");
        let baseline = status(RelationshipStatus::Transferring, MirrorState::Uninitialized);
        assert!(baseline.force_break_warning().unwrap().contains("not hold a complete copy"));
        assert_eq!(
            serde_json::to_value(BreakReplicationRequest { force_break_replication: true })
                .unwrap(),
            serde_json::json!({ "forceBreakReplication": true })
        );
    }

    #[test]
    fn a_listed_replication_keeps_what_the_model_does_not_name() {
        let r: Replication = serde_json::from_value(serde_json::json!({
            "replicationId": "0f1e2d3c-4b5a-4697-8877-665544332211",
            "endpointType": "dst",
            "replicationSchedule": "hourly",
            "remoteVolumeRegion": "westus",
            "mirrorState": "Mirrored",
            "remotePath": { "externalHostName": "cl1", "serverName": "svm1", "volumeName": "v1" }
        }))
        .unwrap();
        assert_eq!(r.endpoint_type, Some(EndpointType::Dst));
        assert_eq!(r.replication_schedule, Some(ReplicationSchedule::Hourly));
        assert_eq!(r.mirror_state, Some(MirrorState::Mirrored));
        assert_eq!(r.extra["remotePath"]["volumeName"], "v1");
        assert_eq!(serde_json::to_value(&r).unwrap()["remotePath"]["serverName"], "svm1");
    }
}
