//! Preview feature and resource provider registration.

use super::{FeatureState, ProviderRegistrationState};
use serde::{Deserialize, Serialize};

/// A preview feature of a subscription (Microsoft.Features 2021-07-01 `FeatureResult`).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct FeatureResult {
    /// Full id.
    #[serde(default)]
    pub id: String,
    /// `Microsoft.NetApp/ANFMigrationAssistant`.
    #[serde(default)]
    pub name: String,
    /// `{"state": "..."}`.
    #[serde(default)]
    pub properties: FeatureProperties,
}

/// Properties of a feature.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct FeatureProperties {
    /// Registration state (free string in the spec; compared case-insensitively).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub state: Option<FeatureState>,
}

impl FeatureResult {
    /// The state, `NotRegistered` when absent.
    #[must_use]
    pub fn state(&self) -> FeatureState {
        self.properties.state.clone().unwrap_or(FeatureState::NotRegistered)
    }

    /// Whether the feature can be used.
    #[must_use]
    pub fn is_registered(&self) -> bool {
        self.state() == FeatureState::Registered
    }
}

/// A resource provider in a subscription (`GET /subscriptions/{s}/providers/{namespace}`).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ProviderInfo {
    /// Full id.
    #[serde(default)]
    pub id: String,
    /// `Microsoft.NetApp`.
    #[serde(default)]
    pub namespace: String,
    /// Registration state.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub registration_state: Option<ProviderRegistrationState>,
}

impl ProviderInfo {
    /// Whether the provider is registered.
    #[must_use]
    pub fn is_registered(&self) -> bool {
        self.registration_state == Some(ProviderRegistrationState::Registered)
    }
}
