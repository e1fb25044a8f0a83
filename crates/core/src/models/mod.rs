//! Serde models of the ARM payloads the console reads and writes.
//!
//! Unknown fields are ignored (or kept, on the resources the console writes back), and enums keep
//! values they do not know, so a newer service never breaks a page.

mod enums;
pub mod features;
pub mod netapp;
pub mod network;
pub mod page;
pub mod peering;
pub mod replication;
pub mod subscriptions;
pub mod volume;
pub mod volume_options;
pub mod volume_patch;

pub use enums::{
    ActiveDirectoryStatus, ChownMode, EndpointType, ExternalReplicationSetupStatus, FeatureState,
    MirrorState, NetworkFeatures, ProviderRegistrationState, ProvisioningState, QosType,
    RelationshipStatus, ReplicationSchedule, ReplicationsExclude, SecurityStyle, ServiceLevel,
    ShareSetting, SubscriptionState,
};
pub use features::{FeatureResult, ProviderInfo};
pub use netapp::{ActiveDirectory, CapacityPool, NetAppAccount};
pub use network::{Subnet, SubnetUsage, VirtualNetwork, VirtualNetworkUsage};
pub use page::Page;
pub use peering::{ClusterPeerCommand, PeerClusterRequest, SvmPeerCommand};
pub use replication::{
    BreakReplicationRequest, ListReplicationsRequest, ReestablishReplicationRequest, Replication,
    ReplicationStatus,
};
pub use subscriptions::{ResourceGroup, Subscription, Tenant};
pub use volume::{
    DataProtection, ExportPolicy, ExportPolicyRule, MigrationVolumeSpec, MountTarget, RemotePath,
    ReplicationObject, Volume, VolumeProperties,
};
pub use volume_options::{SmbShareSettings, VolumeOptions};
pub use volume_patch::{VolumePatch, VolumePatchProperties};

/// The last segment of an ARM `name` such as `account1/pool1/volume1`.
#[must_use]
pub fn short_name(name: &str) -> &str {
    name.rsplit('/').next().unwrap_or(name)
}
