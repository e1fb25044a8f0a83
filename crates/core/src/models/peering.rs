//! Cluster and SVM peering: the request and both api-versions' response shapes.
//!
//! 2025-12-01 answers `{"peerAcceptCommand": "..."}` (passphrase inside the command);
//! 2026-04-01 answers `{"properties": {"clusterPeeringCommand": "...", "passphrase": "..."}}`;
//! the async-operation status body carries the same fields in its `properties`, and Microsoft's
//! how-to shows `properties.peerAcceptCommand`. Every one of these parses into the same type.

use crate::api_version::ApiVersion;
use serde::{Deserialize, Deserializer, Serialize};
use serde_json::{json, Value};

/// Body of `peerExternalCluster`: the intercluster LIF addresses of the source cluster.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PeerClusterRequest {
    /// IC-LIF IPs (at least one).
    pub peer_ip_addresses: Vec<String>,
}

/// The command to run on the ONTAP cluster to accept the cluster peering.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct ClusterPeerCommand {
    /// `cluster peer create ...`; absent or empty when the clusters are already peered.
    pub command: Option<String>,
    /// The passphrase to type when ONTAP asks for it.
    pub passphrase: Option<String>,
}

#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase")]
struct RawClusterPeer {
    peer_accept_command: Option<String>,
    cluster_peering_command: Option<String>,
    passphrase: Option<String>,
    properties: Option<Box<RawClusterPeer>>,
}

impl<'de> Deserialize<'de> for ClusterPeerCommand {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let raw = Option::<RawClusterPeer>::deserialize(d)?.unwrap_or_default();
        let inner = raw.properties.map(|b| *b).unwrap_or_default();
        let command = non_empty(raw.cluster_peering_command)
            .or(non_empty(raw.peer_accept_command))
            .or(non_empty(inner.cluster_peering_command))
            .or(non_empty(inner.peer_accept_command));
        let passphrase = non_empty(raw.passphrase)
            .or(non_empty(inner.passphrase))
            .or_else(|| command.as_deref().and_then(passphrase_in_command));
        Ok(Self { command, passphrase })
    }
}

impl ClusterPeerCommand {
    /// Reads either api-version's shape (or an async-operation result).
    ///
    /// # Errors
    /// When `value` is not an object of the expected field types.
    pub fn from_value(value: &Value) -> Result<Self, serde_json::Error> {
        Self::deserialize(value)
    }

    /// No command to run: the clusters are already peered.
    #[must_use]
    pub fn is_already_peered(&self) -> bool {
        self.command.is_none()
    }

    /// The response body as the given api-version writes it (used by the simulator).
    #[must_use]
    pub fn to_wire(&self, version: ApiVersion) -> Value {
        match version {
            ApiVersion::V2025_12_01 => match &self.command {
                Some(c) => json!({ "peerAcceptCommand": c }),
                None => json!({}),
            },
            ApiVersion::V2026_04_01 => {
                let mut props = serde_json::Map::new();
                if let Some(c) = &self.command {
                    props.insert("clusterPeeringCommand".into(), Value::String(c.clone()));
                }
                if let Some(p) = &self.passphrase {
                    props.insert("passphrase".into(), Value::String(p.clone()));
                }
                json!({ "properties": props })
            }
        }
    }
}

/// The command to run on the ONTAP cluster to accept the SVM peering.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct SvmPeerCommand {
    /// `vserver peer accept ...`; absent when nothing is pending.
    pub command: Option<String>,
}

#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase")]
struct RawSvmPeer {
    svm_peering_command: Option<String>,
    properties: Option<Box<RawSvmPeer>>,
}

impl<'de> Deserialize<'de> for SvmPeerCommand {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let raw = Option::<RawSvmPeer>::deserialize(d)?.unwrap_or_default();
        let inner = raw.properties.map(|b| *b).unwrap_or_default();
        Ok(Self {
            command: non_empty(raw.svm_peering_command).or(non_empty(inner.svm_peering_command)),
        })
    }
}

impl SvmPeerCommand {
    /// Reads either shape (top level or under `properties`).
    ///
    /// # Errors
    /// When `value` is not an object of the expected field types.
    pub fn from_value(value: &Value) -> Result<Self, serde_json::Error> {
        Self::deserialize(value)
    }

    /// The response body as the given api-version's schema writes it.
    #[must_use]
    pub fn to_wire(&self, version: ApiVersion) -> Value {
        let field = self.command.as_ref().map(|c| json!({ "svmPeeringCommand": c }));
        match (version, field) {
            (_, None) => json!({}),
            (ApiVersion::V2025_12_01, Some(f)) => f,
            (ApiVersion::V2026_04_01, Some(f)) => json!({ "properties": f }),
        }
    }
}

fn non_empty(s: Option<String>) -> Option<String> {
    s.filter(|s| !s.trim().is_empty())
}

/// The word after `-passphrase` in a 2025-12-01 command.
fn passphrase_in_command(command: &str) -> Option<String> {
    let mut words = command.split_whitespace();
    words.by_ref().find(|w| *w == "-passphrase")?;
    words.next().map(str::to_owned)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_2025_shape_and_pulls_passphrase_from_command() {
        let v = json!({"peerAcceptCommand": "cluster peer create -passphrase s3cret -peer-addrs 10.0.0.1"});
        let c = ClusterPeerCommand::from_value(&v).unwrap();
        assert_eq!(
            c.command.as_deref(),
            Some("cluster peer create -passphrase s3cret -peer-addrs 10.0.0.1")
        );
        assert_eq!(c.passphrase.as_deref(), Some("s3cret"));
    }

    #[test]
    fn reads_2026_shape_and_async_result_shape() {
        let v = json!({"properties": {"clusterPeeringCommand": "cluster peer create -peer-addrs 10.0.0.1", "passphrase": "pw"}});
        let c = ClusterPeerCommand::from_value(&v).unwrap();
        assert_eq!(c.passphrase.as_deref(), Some("pw"));
        let flat = json!({"clusterPeeringCommand": "x", "passphrase": "pw2"});
        assert_eq!(
            ClusterPeerCommand::from_value(&flat).unwrap().passphrase.as_deref(),
            Some("pw2")
        );
        let doc = json!({"properties": {"peerAcceptCommand": "y", "passphrase": "pw3"}});
        let c = ClusterPeerCommand::from_value(&doc).unwrap();
        assert_eq!((c.command.as_deref(), c.passphrase.as_deref()), (Some("y"), Some("pw3")));
    }

    #[test]
    fn empty_command_means_already_peered() {
        let c =
            ClusterPeerCommand::from_value(&json!({"properties": {"clusterPeeringCommand": ""}}))
                .unwrap();
        assert!(c.is_already_peered());
        assert!(ClusterPeerCommand::from_value(&Value::Null).unwrap().is_already_peered());
    }

    #[test]
    fn wire_shapes_round_trip() {
        let c = ClusterPeerCommand { command: Some("cmd".into()), passphrase: Some("pw".into()) };
        for v in ApiVersion::ALL {
            let back = ClusterPeerCommand::from_value(&c.to_wire(*v)).unwrap();
            assert_eq!(back.command, c.command);
        }
        assert_eq!(ClusterPeerCommand::from_value(&c.to_wire(ApiVersion::V2026_04_01)).unwrap(), c);
        let s = SvmPeerCommand { command: Some("vserver peer accept".into()) };
        for v in ApiVersion::ALL {
            assert_eq!(SvmPeerCommand::from_value(&s.to_wire(*v)).unwrap(), s);
        }
    }
}
