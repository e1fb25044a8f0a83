//! Volume get, create (migration) and delete.

use crate::arm::lro::{OperationKind, Poller};
use crate::arm::{paths, Client, ClientError};
use crate::ids::VolumeId;
use crate::models::{MigrationVolumeSpec, Volume};
use crate::time::Timestamp;
use crate::transport::{ArmRequest, Method, Transport};

impl<T: Transport> Client<T> {
    /// `Volumes_Get`.
    ///
    /// # Errors
    /// [`ClientError`] on an ARM error (404 when the volume does not exist), no answer, or an
    /// unreadable body.
    pub async fn get_volume(&self, id: &VolumeId) -> Result<Volume, ClientError> {
        self.get_json(self.netapp_url(&paths::volume(id)), "volume").await
    }

    /// `Volumes_CreateOrUpdate` with any volume body; returns the poller (already done when ARM
    /// answered 200). `now` is when the request is sent.
    ///
    /// # Errors
    /// [`ClientError`] when ARM rejects the request or does not answer.
    pub async fn create_or_update_volume(
        &self,
        id: &VolumeId,
        volume: &Volume,
        now: Timestamp,
    ) -> Result<Poller, ClientError> {
        let body = serde_json::to_value(volume).map_err(|e| ClientError::Decode {
            context: "volume body".into(),
            message: e.to_string(),
        })?;
        let request =
            ArmRequest::new(Method::Put, self.netapp_url(&paths::volume(id))).with_body(body);
        self.start_operation(OperationKind::CreateVolume, request, now).await
    }

    /// `Volumes_CreateOrUpdate` of a migration volume (`volumeType` Migration with
    /// `dataProtection.replication.remotePath`).
    ///
    /// # Errors
    /// [`ClientError`] when ARM rejects the request or does not answer.
    pub async fn create_migration_volume(
        &self,
        id: &VolumeId,
        spec: &MigrationVolumeSpec,
        now: Timestamp,
    ) -> Result<Poller, ClientError> {
        self.create_or_update_volume(id, &spec.to_volume(), now).await
    }

    /// `Volumes_Delete`; `force_delete` adds `forceDelete=true` (deletes even with
    /// replications or snapshots left).
    ///
    /// # Errors
    /// [`ClientError`] when ARM rejects the request or does not answer.
    pub async fn delete_volume(
        &self,
        id: &VolumeId,
        force_delete: bool,
        now: Timestamp,
    ) -> Result<Poller, ClientError> {
        let path = paths::volume(id);
        let query: &[(&str, &str)] = if force_delete { &[("forceDelete", "true")] } else { &[] };
        let url = self.url(&path, self.api_version().as_str(), query);
        self.start_operation(OperationKind::DeleteVolume, ArmRequest::new(Method::Delete, url), now)
            .await
    }
}
