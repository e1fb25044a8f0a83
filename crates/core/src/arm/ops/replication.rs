//! The migration assistant's replication actions on a migration volume.

use crate::arm::lro::{OperationKind, Poller};
use crate::arm::{paths, Client, ClientError};
use crate::ids::VolumeId;
use crate::models::{
    BreakReplicationRequest, ListReplicationsRequest, PeerClusterRequest,
    ReestablishReplicationRequest, Replication, ReplicationStatus, ReplicationsExclude,
};
use crate::time::Timestamp;
use crate::transport::{ArmRequest, Method, Transport};
use serde::Serialize;

impl<T: Transport> Client<T> {
    fn action_url(&self, id: &VolumeId, action: &str) -> String {
        self.netapp_url(&format!("{}/{action}", paths::volume(id)))
    }

    async fn post_action(
        &self,
        id: &VolumeId,
        action: &str,
        body: Option<serde_json::Value>,
        kind: OperationKind,
        now: Timestamp,
    ) -> Result<Poller, ClientError> {
        let mut request = ArmRequest::new(Method::Post, self.action_url(id, action));
        request.body = body;
        self.start_operation(kind, request, now).await
    }

    /// `Volumes_PeerExternalCluster`: POST the source's intercluster LIF addresses. The result
    /// ([`ClusterPeerCommand`](crate::models::ClusterPeerCommand)) holds the command and passphrase
    /// to run on ONTAP; read it with `outcome.into_result::<ClusterPeerCommand>()`.
    ///
    /// # Errors
    /// [`ClientError`] when ARM rejects the request or does not answer.
    pub async fn peer_external_cluster(
        &self,
        id: &VolumeId,
        peer_ip_addresses: &[String],
        now: Timestamp,
    ) -> Result<Poller, ClientError> {
        let body = to_body(&PeerClusterRequest { peer_ip_addresses: peer_ip_addresses.to_vec() });
        self.post_action(
            id,
            "peerExternalCluster",
            Some(body),
            OperationKind::PeerExternalCluster,
            now,
        )
        .await
    }

    /// `Volumes_AuthorizeExternalReplication`: starts SVM peering; the result
    /// ([`SvmPeerCommand`](crate::models::SvmPeerCommand)) is the command to run on ONTAP.
    ///
    /// # Errors
    /// [`ClientError`] when ARM rejects the request or does not answer.
    pub async fn authorize_external_replication(
        &self,
        id: &VolumeId,
        now: Timestamp,
    ) -> Result<Poller, ClientError> {
        self.post_action(
            id,
            "authorizeExternalReplication",
            None,
            OperationKind::AuthorizeExternalReplication,
            now,
        )
        .await
    }

    /// `Volumes_PerformReplicationTransfer`: an ad-hoc transfer.
    ///
    /// # Errors
    /// [`ClientError`] when ARM rejects the request or does not answer.
    pub async fn perform_replication_transfer(
        &self,
        id: &VolumeId,
        now: Timestamp,
    ) -> Result<Poller, ClientError> {
        self.post_action(
            id,
            "performReplicationTransfer",
            None,
            OperationKind::PerformReplicationTransfer,
            now,
        )
        .await
    }

    /// `Volumes_BreakReplication` (cut-over); `force` breaks even during a transfer.
    ///
    /// # Errors
    /// [`ClientError`] when ARM rejects the request or does not answer.
    pub async fn break_replication(
        &self,
        id: &VolumeId,
        force: bool,
        now: Timestamp,
    ) -> Result<Poller, ClientError> {
        let body = to_body(&BreakReplicationRequest { force_break_replication: force });
        self.post_action(id, "breakReplication", Some(body), OperationKind::BreakReplication, now)
            .await
    }

    /// `Volumes_ResyncReplication`.
    ///
    /// # Errors
    /// [`ClientError`] when ARM rejects the request or does not answer.
    pub async fn resync_replication(
        &self,
        id: &VolumeId,
        now: Timestamp,
    ) -> Result<Poller, ClientError> {
        self.post_action(id, "resyncReplication", None, OperationKind::ResyncReplication, now).await
    }

    /// `Volumes_FinalizeExternalReplication`: releases the replication and removes the cluster
    /// peering when no other migration uses it.
    ///
    /// # Errors
    /// [`ClientError`] when ARM rejects the request or does not answer.
    pub async fn finalize_external_replication(
        &self,
        id: &VolumeId,
        now: Timestamp,
    ) -> Result<Poller, ClientError> {
        self.post_action(
            id,
            "finalizeExternalReplication",
            None,
            OperationKind::FinalizeExternalReplication,
            now,
        )
        .await
    }

    /// `Volumes_ReestablishReplication` from `source_volume_id`.
    ///
    /// # Errors
    /// [`ClientError`] when ARM rejects the request or does not answer.
    pub async fn reestablish_replication(
        &self,
        id: &VolumeId,
        source_volume_id: &str,
        now: Timestamp,
    ) -> Result<Poller, ClientError> {
        let body = to_body(&ReestablishReplicationRequest {
            source_volume_id: source_volume_id.to_owned(),
        });
        self.post_action(
            id,
            "reestablishReplication",
            Some(body),
            OperationKind::ReestablishReplication,
            now,
        )
        .await
    }

    /// `Volumes_DeleteReplication`.
    ///
    /// # Errors
    /// [`ClientError`] when ARM rejects the request or does not answer.
    pub async fn delete_replication(
        &self,
        id: &VolumeId,
        now: Timestamp,
    ) -> Result<Poller, ClientError> {
        self.post_action(id, "deleteReplication", None, OperationKind::DeleteReplication, now).await
    }

    /// `Volumes_ReplicationStatus` (GET, not long-running).
    ///
    /// # Errors
    /// [`ClientError`] on an ARM error, no answer, or an unreadable body.
    pub async fn replication_status(
        &self,
        id: &VolumeId,
    ) -> Result<ReplicationStatus, ClientError> {
        self.get_json(self.action_url(id, "replicationStatus"), "replication status").await
    }

    /// `Volumes_ListReplications` (POST, pageable); `exclude` is sent as the filter body when given.
    ///
    /// # Errors
    /// [`ClientError`] on an ARM error, no answer, or an unreadable page.
    pub async fn list_replications(
        &self,
        id: &VolumeId,
        exclude: Option<ReplicationsExclude>,
    ) -> Result<Vec<Replication>, ClientError> {
        let mut request = ArmRequest::new(Method::Post, self.action_url(id, "listReplications"));
        if exclude.is_some() {
            request.body = Some(to_body(&ListReplicationsRequest { exclude }));
        }
        self.list_all(request, "replications").await
    }
}

fn to_body<B: Serialize>(b: &B) -> serde_json::Value {
    // These request types are plain structs of strings and booleans: serialising cannot fail.
    serde_json::to_value(b).unwrap_or(serde_json::Value::Null)
}
