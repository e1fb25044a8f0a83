//! Volume get, create (migration) and delete.

use crate::arm::lro::{OperationKind, Poller};
use crate::arm::{paths, ArmError, Client, ClientError};
use crate::ids::VolumeId;
use crate::models::{MigrationVolumeSpec, ProvisioningState, Volume};
use crate::time::Timestamp;
use crate::transport::{ArmRequest, ArmResponse, Method, Transport};

impl<T: Transport> Client<T> {
    /// `Volumes_Get`.
    ///
    /// # Errors
    /// [`ClientError`] on an ARM error (404 when the volume does not exist), no answer, or an
    /// unreadable body.
    pub async fn get_volume(&self, id: &VolumeId) -> Result<Volume, ClientError> {
        self.get_json(self.netapp_url(&paths::volume(id)), "volume").await
    }

    /// `Volumes_CreateOrUpdate` with any volume body, over an existing volume too; returns the
    /// poller (already done when ARM's answer says Succeeded). `now` is when the request is
    /// sent. To create, use [`Client::create_volume`], which never rewrites another volume.
    ///
    /// # Errors
    /// [`ClientError`] when ARM rejects the request or does not answer.
    pub async fn create_or_update_volume(
        &self,
        id: &VolumeId,
        volume: &Volume,
        now: Timestamp,
    ) -> Result<Poller, ClientError> {
        let request = ArmRequest::new(Method::Put, self.netapp_url(&paths::volume(id)))
            .with_body(volume_body(volume)?);
        self.start_operation(OperationKind::CreateVolume, request, now).await
    }

    /// `Volumes_CreateOrUpdate` as a create only: `If-None-Match: *` makes ARM refuse with 412
    /// when a volume of that name exists, where a plain PUT would rewrite that volume.
    ///
    /// A 412 has one innocent cause: this very create, sent a moment ago, whose answer was lost
    /// (the connection dropped and the retry layer sent it again). So on a 412 the volume is
    /// read, and one still provisioning with this request's name, source and subnet is taken
    /// for this create: its poller follows it, and nothing is sent twice.
    ///
    /// # Errors
    /// [`ClientError::Arm`] with status 412 and a message saying the name is taken when another
    /// volume has it; [`ClientError`] when ARM rejects the request otherwise or does not answer.
    pub async fn create_volume(
        &self,
        id: &VolumeId,
        volume: &Volume,
        now: Timestamp,
    ) -> Result<Poller, ClientError> {
        let url = self.netapp_url(&paths::volume(id));
        let request = ArmRequest::new(Method::Put, url.clone())
            .with_header("If-None-Match", "*")
            .with_body(volume_body(volume)?);
        match self.start_operation(OperationKind::CreateVolume, request, now).await {
            Err(ClientError::Arm(error)) if error.status == 412 => {
                self.after_name_taken(id, &url, volume, *error, now).await
            }
            other => other,
        }
    }

    /// `Volumes_CreateOrUpdate` of a migration volume (`volumeType` Migration with
    /// `dataProtection.replication.remotePath`), as a create only ([`Client::create_volume`]).
    ///
    /// # Errors
    /// As [`Client::create_volume`].
    pub async fn create_migration_volume(
        &self,
        id: &VolumeId,
        spec: &MigrationVolumeSpec,
        now: Timestamp,
    ) -> Result<Poller, ClientError> {
        self.create_volume(id, &spec.to_volume(), now).await
    }

    /// ARM said a volume named like `id` exists: this create in flight, or another volume.
    async fn after_name_taken(
        &self,
        id: &VolumeId,
        url: &str,
        volume: &Volume,
        mut error: ArmError,
        now: Timestamp,
    ) -> Result<Poller, ClientError> {
        // A failed read leaves the 412 as it is: the name is taken either way.
        if let Ok(existing) = self.send_raw(ArmRequest::new(Method::Get, url)).await {
            if existing.is_success() && is_this_create(&existing, volume) {
                return Poller::start(
                    OperationKind::CreateVolume,
                    Method::Put,
                    url,
                    &existing,
                    now,
                );
            }
        }
        error.message = format!(
            "A volume named \"{}\" already exists in capacity pool \"{}\". Choose another name.",
            id.volume, id.pool
        );
        Err(error.into())
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

fn volume_body(volume: &Volume) -> Result<serde_json::Value, ClientError> {
    serde_json::to_value(volume)
        .map_err(|e| ClientError::Decode { context: "volume body".into(), message: e.to_string() })
}

/// Whether `existing` (a GET of the volume) is the volume `sent` describes, still being
/// created: same creation token, ONTAP source and subnet, and `Creating` or `Accepted`. A
/// finished volume is not taken for this create even when it matches: it may be an older one,
/// and the user should decide.
fn is_this_create(existing: &ArmResponse, sent: &Volume) -> bool {
    let Ok(got) = serde_json::from_str::<Volume>(&existing.body) else { return false };
    let remote_path = |v: &Volume| {
        v.properties.data_protection.as_ref()?.replication.as_ref()?.remote_path.clone()
    };
    let creating = matches!(
        got.properties.provisioning_state,
        Some(ProvisioningState::Creating | ProvisioningState::Accepted)
    );
    creating
        && got.properties.creation_token.eq_ignore_ascii_case(&sent.properties.creation_token)
        && got.properties.subnet_id.eq_ignore_ascii_case(&sent.properties.subnet_id)
        && remote_path(&got).is_some()
        && remote_path(&got) == remote_path(sent)
}
