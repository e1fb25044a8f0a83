//! NetApp accounts and capacity pools.

use super::{ProvisioningState, ServiceLevel};
use serde::{Deserialize, Serialize};

/// A NetApp account (`Microsoft.NetApp/netAppAccounts`).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct NetAppAccount {
    /// Full ARM id.
    #[serde(default)]
    pub id: String,
    /// Name.
    #[serde(default)]
    pub name: String,
    /// Region.
    #[serde(default)]
    pub location: String,
    /// Account properties.
    #[serde(default)]
    pub properties: AccountProperties,
}

/// Properties of a NetApp account the console shows.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AccountProperties {
    /// Provisioning state.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub provisioning_state: Option<ProvisioningState>,
}

/// A capacity pool (`.../capacityPools/{pool}`).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CapacityPool {
    /// Full ARM id.
    #[serde(default)]
    pub id: String,
    /// `account/pool`.
    #[serde(default)]
    pub name: String,
    /// Region.
    #[serde(default)]
    pub location: String,
    /// Pool properties.
    #[serde(default)]
    pub properties: PoolProperties,
}

impl CapacityPool {
    /// The pool's own name (last segment of `name`).
    #[must_use]
    pub fn short_name(&self) -> &str {
        super::short_name(&self.name)
    }
}

/// Properties of a capacity pool the console shows.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PoolProperties {
    /// Pool GUID.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pool_id: Option<String>,
    /// Provisioned size in bytes (multiples of 1 TiB).
    #[serde(default)]
    pub size: u64,
    /// Service level.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub service_level: Option<ServiceLevel>,
    /// `Auto` or `Manual`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub qos_type: Option<String>,
    /// Total throughput in MiB/s.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub total_throughput_mibps: Option<f64>,
    /// Utilized throughput in MiB/s.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub utilized_throughput_mibps: Option<f64>,
    /// Provisioning state.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub provisioning_state: Option<ProvisioningState>,
}
