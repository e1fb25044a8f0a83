//! ARM's response conventions: JSON bodies, the error envelope and its status codes, and every
//! error constructor that more than one place raises (routes, the engine and the front door
//! take their errors from here; an error raised at exactly one place is written there).

use anf_core::transport::{ArmResponse, Method};
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

/// An error as ARM returns it: `{"error":{code,message,target,details}}` with an HTTP status.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApiError {
    pub status: u16,
    pub code: String,
    pub message: String,
    pub target: Option<String>,
    pub details: Vec<ApiError>,
}

impl ApiError {
    /// An error with a status, code and message.
    #[must_use]
    pub fn new(status: u16, code: &str, message: impl Into<String>) -> Self {
        Self {
            status,
            code: code.into(),
            message: message.into(),
            target: None,
            details: Vec::new(),
        }
    }

    /// The same error pointing at a request field.
    #[must_use]
    pub fn with_target(mut self, target: &str) -> Self {
        self.target = Some(target.into());
        self
    }

    /// 400 for an invalid field, with the field as `target`.
    #[must_use]
    pub fn invalid(target: &str, message: impl Into<String>) -> Self {
        Self::new(400, "InvalidParameter", message).with_target(target)
    }

    /// 409 for a request that conflicts with the resource's current state.
    #[must_use]
    pub fn conflict(code: &str, message: impl Into<String>) -> Self {
        Self::new(409, code, message)
    }

    /// ARM's 404 for a missing resource; `type_path` like `Microsoft.NetApp/netAppAccounts/a`.
    #[must_use]
    pub fn resource_not_found(type_path: &str, resource_group: &str) -> Self {
        Self::new(
            404,
            "ResourceNotFound",
            format!(
                "The Resource '{type_path}' under resource group '{resource_group}' was not found. For more details please go to https://aka.ms/ARMResourceNotFoundFix"
            ),
        )
    }

    /// ARM's 404 for a missing resource group.
    #[must_use]
    pub fn resource_group_not_found(name: &str) -> Self {
        Self::new(
            404,
            "ResourceGroupNotFound",
            format!("Resource group '{name}' could not be found."),
        )
    }

    /// ARM's 404 for a missing subscription.
    #[must_use]
    pub fn subscription_not_found(id: &str) -> Self {
        Self::new(
            404,
            "SubscriptionNotFound",
            format!("The subscription '{id}' could not be found."),
        )
    }

    /// 404 for a path no route serves.
    #[must_use]
    pub fn unknown_route(path: &str) -> Self {
        Self::new(
            404,
            "InvalidResourceType",
            format!("The resource type for path '{path}' could not be found."),
        )
    }

    /// 405 for a method a route does not serve.
    #[must_use]
    pub fn method_not_allowed(m: Method) -> Self {
        Self::new(
            405,
            "MethodNotAllowed",
            format!("The requested resource does not support http method '{m}'."),
        )
    }

    /// 400 for a request without `api-version`, which ARM requires on every request.
    #[must_use]
    pub fn missing_api_version() -> Self {
        Self::new(
            400,
            "MissingApiVersionParameter",
            "The api-version query parameter (?api-version=) is required for all requests.",
        )
    }

    /// 400 for a Microsoft.NetApp api-version the simulator does not serve.
    #[must_use]
    pub fn unsupported_api_version(version: &str) -> Self {
        Self::new(
            400,
            "NoRegisteredProviderFound",
            format!(
                "No registered resource provider found for location 'eastus' and API version '{version}' for type 'netAppAccounts'. The supported api-versions are '2025-12-01, 2026-04-01'."
            ),
        )
    }

    /// 400 for a body that is not what the route reads.
    #[must_use]
    pub fn bad_content(message: &str) -> Self {
        Self::new(
            400,
            "InvalidRequestContent",
            format!("The request content was invalid and could not be deserialized: {message}"),
        )
    }

    /// ARM's 429 once a subscription's (or the tenant's) `op` bucket is empty; the caller adds
    /// `Retry-After: secs`.
    #[must_use]
    pub fn throttled(op: &str, scope: &str, secs: u64) -> Self {
        Self::new(
            429,
            "SubscriptionRequestsThrottled",
            format!(
                "Number of '{op}' requests for subscription '{scope}' exceeded the limit. Please try again after '{secs}' seconds."
            ),
        )
    }

    /// 409 while operation `op` runs on the volume.
    #[must_use]
    pub fn operation_in_progress(op: &str) -> Self {
        Self::conflict(
            "AnotherOperationInProgress",
            format!("Another operation ({op}) is in progress on this volume. Retry when it has finished."),
        )
    }

    /// The volume vanished while its operation ran (deleted meanwhile).
    #[must_use]
    pub fn volume_gone() -> Self {
        Self::new(404, "ResourceNotFound", "The volume no longer exists.")
    }

    /// 400 for a migration action on a regular volume.
    #[must_use]
    pub fn not_migration_volume() -> Self {
        Self::new(
            400,
            "VolumeIsNotMigrationVolume",
            "This operation needs a volume with volumeType Migration.",
        )
    }

    /// 409 for a replication action before the relationship exists.
    #[must_use]
    pub fn replication_not_created() -> Self {
        Self::conflict(
            "ReplicationNotCreated",
            "The replication is not set up yet: finish cluster peering, authorization and SVM peering first.",
        )
    }

    /// 409 for authorizing replication before `cluster` is peered.
    #[must_use]
    pub fn cluster_not_peered(cluster: &str) -> Self {
        Self::conflict(
            "ExternalClusterNotPeered",
            format!("Cluster '{cluster}' is not peered yet: call peerExternalCluster and accept the peering on the cluster first."),
        )
    }

    /// 409 for an unforced break while a transfer runs.
    #[must_use]
    pub fn transfer_in_progress() -> Self {
        Self::conflict(
            "ReplicationTransferInProgress",
            "A transfer is in progress. Wait for it to finish, or set forceBreakReplication to true to break anyway.",
        )
        .with_target("forceBreakReplication")
    }

    /// 400 once the source deleted or released the relationship after the break.
    #[must_use]
    pub fn released_on_source() -> Self {
        Self::new(
            400,
            "ReplicationReleasedOnSource",
            "The SnapMirror relationship was deleted or released on the source cluster after the break; the volume is unusable for migration. Delete it and start again.",
        )
    }

    /// The JSON error envelope.
    #[must_use]
    pub fn body(&self) -> Value {
        json!({ "error": self.inner() })
    }

    fn inner(&self) -> Value {
        let mut e = json!({ "code": self.code, "message": self.message });
        if let Some(t) = &self.target {
            e["target"] = json!(t);
        }
        if !self.details.is_empty() {
            e["details"] = Value::Array(self.details.iter().map(Self::inner).collect());
        }
        e
    }

    /// As a response.
    #[must_use]
    pub fn response(&self) -> ArmResponse {
        json_response(self.status, &self.body())
    }
}

/// A JSON response with a content type.
#[must_use]
pub fn json_response(status: u16, body: &Value) -> ArmResponse {
    ArmResponse::new(status, body.to_string())
        .with_header("Content-Type", "application/json; charset=utf-8")
}

/// An empty response.
#[must_use]
pub fn empty(status: u16) -> ArmResponse {
    ArmResponse::new(status, "")
}

/// What route handlers return.
pub type Handled = Result<ArmResponse, ApiError>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn error_envelope_has_arm_shape() {
        let r = ApiError::invalid("properties.usageThreshold", "too small").response();
        assert_eq!(r.status, 400);
        let v: Value = serde_json::from_str(&r.body).unwrap();
        assert_eq!(v["error"]["code"], "InvalidParameter");
        assert_eq!(v["error"]["target"], "properties.usageThreshold");
        assert!(v["error"].get("details").is_none());
    }
}
