//! NetApp accounts (with their Active Directory connections) and capacity pools (with their
//! quality of service).

use super::{ActiveDirectoryStatus, ProvisioningState, QosType, ServiceLevel};
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

impl NetAppAccount {
    /// The account's Active Directory connection that SMB and dual-protocol volumes join: the
    /// first one listed that is not deleted. An account has at most one unless the
    /// subscription is set up for several (one per account).
    #[must_use]
    pub fn active_directory(&self) -> Option<&ActiveDirectory> {
        self.properties
            .active_directories
            .iter()
            .flatten()
            .find(|ad| ad.status != Some(ActiveDirectoryStatus::Deleted))
    }
}

/// Properties of a NetApp account the console shows.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AccountProperties {
    /// Provisioning state.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub provisioning_state: Option<ProvisioningState>,
    /// Active Directory connections (`activeDirectories`); absent or empty when none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub active_directories: Option<Vec<ActiveDirectory>>,
}

/// One Active Directory connection of an account (`ActiveDirectory`), as far as the console
/// shows it. The password and certificate (`x-ms-secret`) are deliberately not modelled, and
/// nothing unknown is kept, so a secret can never be held or written back by the console.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ActiveDirectory {
    /// Id of the connection.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub active_directory_id: Option<String>,
    /// The AD DNS domain name (`contoso.com`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub domain: Option<String>,
    /// DNS servers, comma-separated.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dns: Option<String>,
    /// Prefix of the SMB server (computer account) names ANF creates.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub smb_server_name: Option<String>,
    /// AD site for domain controller discovery.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub site: Option<String>,
    /// Organizational unit of the computer accounts.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub organizational_unit: Option<String>,
    /// The account that joins the domain.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub username: Option<String>,
    /// State (read-only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<ActiveDirectoryStatus>,
    /// Why the state is what it is (read-only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status_details: Option<String>,
    /// LDAP over TLS.
    #[serde(default, skip_serializing_if = "Option::is_none", rename = "ldapOverTLS")]
    pub ldap_over_tls: Option<bool>,
    /// LDAP signing.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ldap_signing: Option<bool>,
}

impl ActiveDirectory {
    /// "contoso.com (SMB server prefix NAS)" for messages; the id when nothing else is known.
    #[must_use]
    pub fn describe(&self) -> String {
        let domain = self.domain.as_deref().filter(|d| !d.trim().is_empty());
        let server = self.smb_server_name.as_deref().filter(|d| !d.trim().is_empty());
        match (domain, server) {
            (Some(d), Some(s)) => format!("{d} (SMB server prefix {s})"),
            (Some(d), None) => d.to_owned(),
            (None, Some(s)) => format!("SMB server prefix {s}"),
            (None, None) => self.active_directory_id.clone().unwrap_or_else(|| "(unnamed)".into()),
        }
    }
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

impl PoolProperties {
    /// The pool's QoS type; the spec's default, `Auto`, when ARM leaves it out.
    #[must_use]
    pub fn qos(&self) -> QosType {
        self.qos_type.as_deref().map_or(QosType::Auto, QosType::parse)
    }

    /// Whether each volume's throughput is set by hand (`throughputMibps` on the volume).
    #[must_use]
    pub fn is_manual_qos(&self) -> bool {
        self.qos() == QosType::Manual
    }

    /// Throughput not given to any volume yet: `totalThroughputMibps` less
    /// `utilizedThroughputMibps` (never below zero); `None` unless ARM reported the total.
    #[must_use]
    pub fn unallocated_throughput_mibps(&self) -> Option<f64> {
        let total = self.total_throughput_mibps?;
        Some((total - self.utilized_throughput_mibps.unwrap_or(0.0)).max(0.0))
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
    /// `Auto` or `Manual`, as sent; read it with [`PoolProperties::qos`].
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

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn reads_the_active_directory_connection_of_an_account() {
        let a: NetAppAccount = serde_json::from_value(json!({
            "name": "account1",
            "properties": { "activeDirectories": [
                { "activeDirectoryId": "gone", "status": "Deleted" },
                { "activeDirectoryId": "ad1", "domain": "contoso.com", "smbServerName": "NAS",
                  "password": null, "status": "InUse", "ldapOverTLS": false }
            ]}
        }))
        .unwrap();
        let ad = a.active_directory().unwrap();
        assert_eq!(ad.active_directory_id.as_deref(), Some("ad1"));
        assert_eq!(ad.describe(), "contoso.com (SMB server prefix NAS)");
        assert_eq!(ad.ldap_over_tls, Some(false));
        // The secret is not kept, so it cannot be written back.
        assert!(serde_json::to_string(&a).unwrap().find("password").is_none());
        let none: NetAppAccount =
            serde_json::from_value(json!({ "properties": { "activeDirectories": [] } })).unwrap();
        assert!(none.active_directory().is_none());
        assert!(NetAppAccount::default().active_directory().is_none());
    }

    #[test]
    fn reads_the_pool_qos_and_what_throughput_is_left() {
        let p: PoolProperties = serde_json::from_value(json!({
            "qosType": "Manual", "totalThroughputMibps": 128, "utilizedThroughputMibps": 100.5
        }))
        .unwrap();
        assert!(p.is_manual_qos());
        assert_eq!(p.unallocated_throughput_mibps(), Some(27.5));
        let auto = PoolProperties::default();
        assert_eq!(auto.qos(), QosType::Auto);
        assert_eq!(auto.unallocated_throughput_mibps(), None);
        let over = PoolProperties {
            total_throughput_mibps: Some(10.0),
            utilized_throughput_mibps: Some(12.0),
            ..PoolProperties::default()
        };
        assert_eq!(over.unallocated_throughput_mibps(), Some(0.0));
    }
}
