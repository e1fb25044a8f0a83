//! Changing a volume after it was created: Volumes_Update (PATCH) for the quota and throughput,
//! and a PUT of the whole volume for the replication schedule, which `VolumePatch` does not
//! carry (see [`crate::models::volume_patch`]).
//!
//! Both are long-running. Volumes_Update answers 200 with the volume, or 202 with `Location`
//! (the spec's `final-state-via: location`); the poller follows `Location` and then reads the
//! volume once, whose `provisioningState` has the last word, as for every PATCH and PUT.

use crate::arm::lro::{OperationKind, Poller};
use crate::arm::{paths, Client, ClientError};
use crate::ids::VolumeId;
use crate::models::{ReplicationSchedule, Volume, VolumePatch};
use crate::time::Timestamp;
use crate::transport::{ArmRequest, Method, Transport};

impl<T: Transport> Client<T> {
    /// `Volumes_Update`: PATCH the properties `patch` sets; returns the poller (already done
    /// when ARM answers 200 with a finished volume). `now` is when the request is sent.
    ///
    /// # Errors
    /// [`ClientError`] when ARM rejects the request (a quota below the used size, a throughput
    /// the pool does not have) or does not answer.
    pub async fn update_volume(
        &self,
        id: &VolumeId,
        patch: &VolumePatch,
        now: Timestamp,
    ) -> Result<Poller, ClientError> {
        let body = serde_json::to_value(patch).map_err(|e| ClientError::Decode {
            context: "volume patch".into(),
            message: e.to_string(),
        })?;
        let request =
            ArmRequest::new(Method::Patch, self.netapp_url(&paths::volume(id))).with_body(body);
        self.start_operation(OperationKind::UpdateVolume, request, now).await
    }

    /// `Volumes_Update` of the quota alone (`usageThreshold`, in bytes). Check the new size
    /// first with [`validate_new_quota`](crate::validation::quota_change::validate_new_quota).
    ///
    /// # Errors
    /// As [`Client::update_volume`].
    pub async fn change_quota(
        &self,
        id: &VolumeId,
        usage_threshold: u64,
        now: Timestamp,
    ) -> Result<Poller, ClientError> {
        self.update_volume(id, &VolumePatch::quota(usage_threshold), now).await
    }

    /// The replication schedule of a migration volume, as `az netappfiles volume update
    /// --replication-schedule` changes it: the volume is read, its
    /// `dataProtection.replication.replicationSchedule` set, and the whole volume PUT back
    /// (Volumes_CreateOrUpdate over the existing volume; read-only properties in the body are
    /// ignored by ARM). Check the change first with
    /// [`validate_schedule_change`](crate::validation::quota_change::validate_schedule_change).
    ///
    /// # Errors
    /// [`ClientError`] when the read or the PUT fails, or when the volume has no replication
    /// (a 400-like [`ClientError::Decode`] that says so, before anything is written).
    pub async fn change_replication_schedule(
        &self,
        id: &VolumeId,
        schedule: ReplicationSchedule,
        now: Timestamp,
    ) -> Result<Poller, ClientError> {
        let mut volume: Volume = self.get_volume(id).await?;
        let replication = volume
            .properties
            .data_protection
            .as_mut()
            .and_then(|d| d.replication.as_mut())
            .ok_or_else(|| ClientError::Decode {
                context: "replication schedule".into(),
                message: format!("volume {} has no replication to reschedule", id.volume),
            })?;
        replication.replication_schedule = Some(schedule);
        let body = serde_json::to_value(&volume).map_err(|e| ClientError::Decode {
            context: "volume body".into(),
            message: e.to_string(),
        })?;
        let request =
            ArmRequest::new(Method::Put, self.netapp_url(&paths::volume(id))).with_body(body);
        self.start_operation(OperationKind::UpdateVolume, request, now).await
    }
}

#[cfg(test)]
mod tests {
    use crate::arm::Client;
    use crate::ids::SubscriptionId;
    use crate::models::{ReplicationSchedule, VolumePatch};
    use crate::testing::{block_on, RecordingTransport};
    use crate::time::Timestamp;
    use crate::transport::{ArmResponse, Method};
    use serde_json::json;

    const LOCATION: &str = "https://management.azure.com/subscriptions/s/providers/Microsoft.NetApp/locations/eastus/operationResults/op1?api-version=2026-04-01&operationResultResponseType=Location";

    fn id() -> crate::ids::VolumeId {
        SubscriptionId::new("s").resource_group("rg").account("a").pool("p").volume("v1")
    }

    #[test]
    fn a_quota_change_is_a_patch_that_follows_location() {
        let t = RecordingTransport::new()
            .with(ArmResponse::new(202, "").with_header("Location", LOCATION));
        let client = Client::new(t);
        let poller = block_on(client.change_quota(&id(), 60 << 30, Timestamp(0))).unwrap();
        let req = client.transport().last_request().unwrap();
        assert_eq!(req.method, Method::Patch);
        assert!(req.url.ends_with("/volumes/v1?api-version=2026-04-01"), "{}", req.url);
        assert_eq!(
            req.body,
            Some(json!({ "properties": { "usageThreshold": 64_424_509_440u64 } }))
        );
        assert_eq!(poller.next_request().unwrap().url, LOCATION);
        assert_eq!(poller.kind(), crate::arm::OperationKind::UpdateVolume);
    }

    #[test]
    fn a_patch_answered_200_with_a_finished_volume_is_done() {
        let body =
            json!({ "properties": { "provisioningState": "Succeeded", "usageThreshold": 1 } });
        let client =
            Client::new(RecordingTransport::new().with(ArmResponse::new(200, body.to_string())));
        let p = block_on(client.update_volume(&id(), &VolumePatch::throughput(8.0), Timestamp(0)))
            .unwrap();
        assert!(p.is_done(), "{p:?}");
    }

    #[test]
    fn a_schedule_change_reads_the_volume_and_puts_it_back_with_the_new_schedule() {
        let got = json!({
            "id": "/subscriptions/s/resourceGroups/rg/providers/Microsoft.NetApp/netAppAccounts/a/capacityPools/p/volumes/v1",
            "location": "eastus",
            "properties": {
                "creationToken": "v1", "usageThreshold": 107_374_182_400u64, "subnetId": "sn",
                "provisioningState": "Succeeded", "snapshotDirectoryVisible": true,
                "dataProtection": { "replication": { "endpointType": "dst", "replicationSchedule": "hourly",
                    "remotePath": { "externalHostName": "c", "serverName": "s", "volumeName": "v" } } }
            }
        });
        let t = RecordingTransport::new()
            .with(ArmResponse::new(200, got.to_string()))
            .with(ArmResponse::new(202, "").with_header("Location", LOCATION));
        let client = Client::new(t);
        block_on(client.change_replication_schedule(
            &id(),
            ReplicationSchedule::Daily,
            Timestamp(0),
        ))
        .unwrap();
        let reqs = client.transport().requests();
        assert_eq!((reqs[0].method, reqs[1].method), (Method::Get, Method::Put));
        let body = reqs[1].body.clone().unwrap();
        assert_eq!(
            body["properties"]["dataProtection"]["replication"]["replicationSchedule"],
            "daily"
        );
        // Nothing of the volume is lost on the way back.
        assert_eq!(body["properties"]["snapshotDirectoryVisible"], true);
        assert_eq!(
            body["properties"]["dataProtection"]["replication"]["remotePath"]["volumeName"],
            "v"
        );
        assert_eq!(reqs[1].header("if-none-match"), None);
    }

    #[test]
    fn a_volume_without_replication_is_not_rescheduled() {
        let got = json!({ "location": "eastus", "properties": { "creationToken": "v1" } });
        let client =
            Client::new(RecordingTransport::new().with(ArmResponse::new(200, got.to_string())));
        let e = block_on(client.change_replication_schedule(
            &id(),
            ReplicationSchedule::Daily,
            Timestamp(0),
        ))
        .unwrap_err();
        assert!(e.to_string().contains("no replication"), "{e}");
        assert_eq!(client.transport().requests().len(), 1);
    }
}
