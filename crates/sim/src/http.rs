//! ARM's response conventions: JSON bodies, the error envelope and its status codes.

use anf_core::transport::ArmResponse;
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
