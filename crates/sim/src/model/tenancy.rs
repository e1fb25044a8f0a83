//! Tenants, subscriptions and resource groups.

use serde::{Deserialize, Serialize};

/// An Entra tenant the signed-in user can see.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tenant {
    pub id: String,
    pub display_name: String,
    pub default_domain: String,
}

/// Registration state of the ANFMigrationAssistant feature, as Microsoft.Features reports it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum FeatureState {
    NotRegistered,
    Registering,
    Registered,
    Unregistering,
    Unregistered,
}

impl FeatureState {
    /// The wire string.
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::NotRegistered => "NotRegistered",
            Self::Registering => "Registering",
            Self::Registered => "Registered",
            Self::Unregistering => "Unregistering",
            Self::Unregistered => "Unregistered",
        }
    }
}

/// A subscription with the per-subscription registration state the migration needs.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Subscription {
    pub id: String,
    pub display_name: String,
    pub tenant_id: String,
    pub feature: FeatureState,
    pub provider_registered: bool,
}

/// A resource group.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ResourceGroup {
    pub subscription: String,
    pub name: String,
    pub location: String,
}

impl ResourceGroup {
    /// Its ARM id.
    #[must_use]
    pub fn id(&self) -> String {
        format!("/subscriptions/{}/resourceGroups/{}", self.subscription, self.name)
    }
}
