//! The body of Volumes_Update (PATCH): `VolumePatch` in the spec, a few properties of a volume
//! that may change after it was created.
//!
//! The spec's `VolumePatchProperties` has `usageThreshold`, `throughputMibps`, the share
//! settings and more, but its `dataProtection` holds only backup, snapshot and ransomware
//! protection, not `replication`: a replication schedule is changed with a PUT of the whole
//! volume ([`Client::change_replication_schedule`](crate::arm::Client::change_replication_schedule)),
//! as `az netappfiles volume update --replication-schedule` does (a GET, then
//! Volumes_CreateOrUpdate).

use super::ShareSetting;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// `VolumePatch`: only what is set is sent.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct VolumePatch {
    /// New tags (replace the old ones).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tags: Option<BTreeMap<String, String>>,
    /// The properties to change.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub properties: Option<VolumePatchProperties>,
}

/// `VolumePatchProperties`, the part the console changes.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct VolumePatchProperties {
    /// New quota in bytes (whole GiB, 50 GiB at least).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub usage_threshold: Option<u64>,
    /// New throughput in MiB/s (manual-QoS pools only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub throughput_mibps: Option<f64>,
    /// Access-based enumeration of an SMB share.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub smb_access_based_enumeration: Option<ShareSetting>,
    /// Whether an SMB share is hidden from browsing.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub smb_non_browsable: Option<ShareSetting>,
}

impl VolumePatch {
    /// A patch of the quota alone: `{"properties":{"usageThreshold":bytes}}`.
    #[must_use]
    pub fn quota(bytes: u64) -> Self {
        Self::of(VolumePatchProperties { usage_threshold: Some(bytes), ..Default::default() })
    }

    /// A patch of the throughput alone (manual-QoS pools).
    #[must_use]
    pub fn throughput(mibps: f64) -> Self {
        Self::of(VolumePatchProperties { throughput_mibps: Some(mibps), ..Default::default() })
    }

    fn of(properties: VolumePatchProperties) -> Self {
        Self { tags: None, properties: Some(properties) }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn a_quota_patch_sends_only_the_quota() {
        assert_eq!(
            serde_json::to_value(VolumePatch::quota(100 << 30)).unwrap(),
            json!({ "properties": { "usageThreshold": 107_374_182_400u64 } })
        );
        assert_eq!(
            serde_json::to_value(VolumePatch::throughput(12.5)).unwrap(),
            json!({ "properties": { "throughputMibps": 12.5 } })
        );
        assert_eq!(serde_json::to_value(VolumePatch::default()).unwrap(), json!({}));
    }
}
