//! ARM's errors, kept whole: status, code, message, target, details, additional info and the
//! request ids support asks for.

use crate::transport::{ArmResponse, TransportError};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::fmt;

/// Header carrying ARM's request id.
pub const REQUEST_ID: &str = "x-ms-request-id";
/// Header carrying ARM's correlation id.
pub const CORRELATION_ID: &str = "x-ms-correlation-request-id";

/// How much of a non-JSON body is kept for display.
const RAW_BODY_LIMIT: usize = 500;

/// ARM's error codes for a bearer token it does not accept: expired, malformed, for another
/// tenant or audience. ARM sends them with 401; they are also taken on a 403, where a proxy or
/// an older front end may put them, because either way the cure is signing in, not a role.
const TOKEN_CODES: [&str; 5] = [
    "InvalidAuthenticationToken",
    "ExpiredAuthenticationToken",
    "AuthenticationFailed",
    "InvalidAuthenticationTokenTenant",
    "InvalidAuthenticationTokenAudience",
];

/// Whether `response` means "sign in again" rather than a refusal of the request itself: any
/// 401, and a 403 with one of ARM's token codes. A 403 `AuthorizationFailed` (a missing role)
/// is a real answer and does not count.
#[must_use]
pub fn needs_sign_in(response: &ArmResponse) -> bool {
    match response.status {
        401 => true,
        403 => ArmError::from_response(response).needs_sign_in(),
        _ => false,
    }
}

/// An error answer from ARM (or an async operation that ended in failure).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ArmError {
    /// HTTP status (of the status response, for a failed async operation).
    pub status: u16,
    /// ARM's error code, e.g. `ResourceNotFound`.
    pub code: Option<String>,
    /// ARM's message, or a description of the status when the body had none.
    pub message: String,
    /// What the error is about, when ARM says.
    pub target: Option<String>,
    /// Nested errors.
    pub details: Vec<ErrorDetail>,
    /// Extra typed information.
    pub additional_info: Vec<AdditionalInfo>,
    /// `x-ms-request-id`.
    pub request_id: Option<String>,
    /// `x-ms-correlation-request-id`.
    pub correlation_id: Option<String>,
    /// The start of a body that was not ARM's error JSON (HTML from a proxy, plain text).
    pub raw_body: Option<String>,
}

/// One nested error.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ErrorDetail {
    /// Code.
    #[serde(default)]
    pub code: Option<String>,
    /// Message.
    #[serde(default)]
    pub message: Option<String>,
    /// Target.
    #[serde(default)]
    pub target: Option<String>,
    /// Deeper details.
    #[serde(default)]
    pub details: Vec<ErrorDetail>,
    /// Additional info.
    #[serde(default)]
    pub additional_info: Vec<AdditionalInfo>,
}

/// `{"type": ..., "info": ...}`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct AdditionalInfo {
    /// Kind of information.
    #[serde(rename = "type", default)]
    pub info_type: String,
    /// The information.
    #[serde(default)]
    pub info: Value,
}

/// The error object as it appears on the wire (fields tolerated in either case).
#[derive(Deserialize, Default)]
struct WireError {
    #[serde(alias = "Code")]
    code: Option<String>,
    #[serde(alias = "Message")]
    message: Option<String>,
    #[serde(alias = "Target")]
    target: Option<String>,
    #[serde(default, alias = "Details")]
    details: Vec<ErrorDetail>,
    #[serde(default, rename = "additionalInfo", alias = "AdditionalInfo")]
    additional_info: Vec<AdditionalInfo>,
}

impl ArmError {
    /// Reads the error of a non-success response. JSON in ARM's `{"error": {...}}` shape, a bare
    /// `{code, message}`, plain text, HTML and empty bodies all give a usable error.
    #[must_use]
    pub fn from_response(response: &ArmResponse) -> Self {
        let mut err = Self::bare(response.status, status_text(response.status));
        err.request_id = response.header(REQUEST_ID).map(str::to_owned);
        err.correlation_id = response.header(CORRELATION_ID).map(str::to_owned);
        let body = response.body.trim();
        if body.is_empty() {
            return err;
        }
        match serde_json::from_str::<Value>(body) {
            Ok(v) => {
                let obj = v.get("error").or_else(|| v.get("Error")).unwrap_or(&v);
                if !err.absorb(obj) {
                    err.raw_body = Some(truncate(body));
                }
            }
            Err(_) => err.raw_body = Some(truncate(body)),
        }
        err
    }

    /// An error from an async-operation status body's `error` object.
    #[must_use]
    pub fn from_status_error(
        response: &ArmResponse,
        error: Option<&Value>,
        fallback: &str,
    ) -> Self {
        let mut err = Self::bare(response.status, fallback.to_owned());
        err.request_id = response.header(REQUEST_ID).map(str::to_owned);
        err.correlation_id = response.header(CORRELATION_ID).map(str::to_owned);
        if let Some(e) = error {
            err.absorb(e);
        }
        err
    }

    /// An error with only a status and a message.
    #[must_use]
    pub fn bare(status: u16, message: String) -> Self {
        Self {
            status,
            code: None,
            message,
            target: None,
            details: Vec::new(),
            additional_info: Vec::new(),
            request_id: None,
            correlation_id: None,
            raw_body: None,
        }
    }

    /// Copies code, message, target and details from a wire error object; false if it had none.
    fn absorb(&mut self, obj: &Value) -> bool {
        let Ok(w) = WireError::deserialize(obj) else { return false };
        if w.code.is_none() && w.message.is_none() {
            return false;
        }
        self.code = w.code.filter(|c| !c.is_empty());
        if let Some(m) = w.message.filter(|m| !m.trim().is_empty()) {
            self.message = m;
        }
        self.target = w.target;
        self.details = w.details;
        self.additional_info = w.additional_info;
        true
    }

    /// Whether ARM's code equals `code`, ignoring case.
    #[must_use]
    pub fn has_code(&self, code: &str) -> bool {
        self.code.as_deref().is_some_and(|c| c.eq_ignore_ascii_case(code))
    }

    /// Whether this is ARM's word that the operation was canceled (`OperationCanceled`), not a
    /// refusal or a failure.
    #[must_use]
    pub fn is_cancellation(&self) -> bool {
        self.has_code("OperationCanceled")
    }

    /// Whether this error asks for a new sign-in: any 401, or a 403 with a token code.
    #[must_use]
    pub fn needs_sign_in(&self) -> bool {
        self.status == 401 || (self.status == 403 && TOKEN_CODES.iter().any(|c| self.has_code(c)))
    }

    /// One message a person can act on, with the ids support needs at the end.
    #[must_use]
    pub fn user_message(&self) -> String {
        let headline = match self.status {
            _ if self.needs_sign_in() => "Your sign-in is no longer valid. Sign in again.",
            // Nothing refused it: the operation ran and was canceled (ARM answers a canceled
            // operation's Location with this code, whatever the status).
            _ if self.is_cancellation() => "The operation was canceled in Azure.",
            403 => "You do not have permission to do this in Azure.",
            404 => "Azure could not find the resource.",
            409 => "Azure refused the request because of the resource's current state.",
            429 => "Azure is throttling requests. Wait a moment and try again.",
            500..=599 => "Azure had a problem handling the request. Try again in a moment.",
            _ => "Azure rejected the request.",
        };
        let mut out = String::from(headline);
        let detail =
            self.details.iter().find_map(|d| d.message.as_deref().filter(|m| !m.trim().is_empty()));
        if !self.message.is_empty() && self.message != status_text(self.status) {
            out.push(' ');
            out.push_str(self.message.trim());
            if let Some(d) = detail.filter(|d| !self.message.contains(d)) {
                out.push_str(" (");
                out.push_str(d.trim());
                out.push(')');
            }
        } else if let Some(raw) = &self.raw_body {
            out.push_str(" The response was: ");
            out.push_str(raw);
        }
        let mut ids = Vec::new();
        if let Some(c) = &self.code {
            ids.push(format!("code {c}"));
        }
        if let Some(t) = &self.target {
            ids.push(format!("target {t}"));
        }
        if let Some(r) = &self.request_id {
            ids.push(format!("request id {r}"));
        }
        if let Some(c) = &self.correlation_id {
            ids.push(format!("correlation id {c}"));
        }
        if !ids.is_empty() {
            out.push_str(" [");
            out.push_str(&ids.join(", "));
            out.push(']');
        }
        out
    }
}

impl fmt::Display for ArmError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.code {
            Some(c) => write!(f, "HTTP {} {c}: {}", self.status, self.message),
            None => write!(f, "HTTP {}: {}", self.status, self.message),
        }
    }
}

impl std::error::Error for ArmError {}

/// Any failure of a client call.
#[derive(Clone, Debug, PartialEq, thiserror::Error, Serialize, Deserialize)]
pub enum ClientError {
    /// ARM answered with an error (boxed: it is large and errors are rare).
    #[error("{0}")]
    Arm(Box<ArmError>),
    /// No answer at all.
    #[error("{0}")]
    Transport(TransportError),
    /// ARM answered success with a body that is not what the spec says.
    #[error("unexpected response for {context}: {message}")]
    Decode {
        /// What was being read.
        context: String,
        /// Why it failed.
        message: String,
    },
}

impl ClientError {
    /// One message a person can act on.
    #[must_use]
    pub fn user_message(&self) -> String {
        match self {
            Self::Arm(e) => e.user_message(),
            Self::Transport(TransportError::Network(m)) => {
                format!("Could not reach Azure ({m}). Check the network connection and try again.")
            }
            Self::Transport(TransportError::Unauthenticated(m)) => {
                format!("You are not signed in ({m}). Sign in and try again.")
            }
            Self::Decode { context, message } => {
                format!("Azure sent an answer this console could not read for {context}: {message}")
            }
        }
    }

    /// Whether the user must sign in (again) before this call can work: the transport had no
    /// token, or ARM refused the one sent. Nothing about the request or an operation is known
    /// from such an error; retry it after sign-in.
    #[must_use]
    pub fn needs_sign_in(&self) -> bool {
        match self {
            Self::Arm(e) => e.needs_sign_in(),
            Self::Transport(TransportError::Unauthenticated(_)) => true,
            Self::Transport(TransportError::Network(_)) | Self::Decode { .. } => false,
        }
    }

    /// The ARM error, if that is what this is.
    #[must_use]
    pub fn arm(&self) -> Option<&ArmError> {
        match self {
            Self::Arm(e) => Some(e.as_ref()),
            _ => None,
        }
    }

    /// HTTP status, if ARM answered.
    #[must_use]
    pub fn status(&self) -> Option<u16> {
        self.arm().map(|e| e.status)
    }
}

impl From<ArmError> for ClientError {
    fn from(e: ArmError) -> Self {
        Self::Arm(Box::new(e))
    }
}

impl From<TransportError> for ClientError {
    fn from(e: TransportError) -> Self {
        Self::Transport(e)
    }
}

fn truncate(s: &str) -> String {
    if s.len() <= RAW_BODY_LIMIT {
        return s.to_owned();
    }
    let mut end = RAW_BODY_LIMIT;
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    format!("{}…", &s[..end])
}

/// A short description of an HTTP status for bodies that carry none.
#[must_use]
pub fn status_text(status: u16) -> String {
    let reason = match status {
        400 => "Bad Request",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "Not Found",
        409 => "Conflict",
        412 => "Precondition Failed",
        429 => "Too Many Requests",
        500 => "Internal Server Error",
        502 => "Bad Gateway",
        503 => "Service Unavailable",
        504 => "Gateway Timeout",
        _ => "",
    };
    if reason.is_empty() {
        format!("HTTP {status}")
    } else {
        format!("HTTP {status} {reason}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_arm_error_json_with_ids() {
        let body = r#"{"error":{"code":"InvalidParameter","message":"Bad size","target":"usageThreshold",
            "details":[{"code":"Inner","message":"Must be at least 50 GiB"}],
            "additionalInfo":[{"type":"PolicyViolation","info":{"policy":"p"}}]}}"#;
        let r = ArmResponse::new(400, body)
            .with_header("x-ms-request-id", "req-1")
            .with_header("X-MS-Correlation-Request-Id", "corr-1");
        let e = ArmError::from_response(&r);
        assert_eq!(e.code.as_deref(), Some("InvalidParameter"));
        assert_eq!(e.target.as_deref(), Some("usageThreshold"));
        assert_eq!(e.details[0].message.as_deref(), Some("Must be at least 50 GiB"));
        assert_eq!(e.additional_info[0].info_type, "PolicyViolation");
        assert_eq!(e.correlation_id.as_deref(), Some("corr-1"));
        let m = e.user_message();
        assert!(m.contains("Bad size") && m.contains("Must be at least 50 GiB"), "{m}");
        assert!(m.contains("request id req-1") && m.contains("correlation id corr-1"), "{m}");
    }

    #[test]
    fn handles_empty_and_non_json_bodies() {
        let e = ArmError::from_response(&ArmResponse::new(503, ""));
        assert_eq!(e.message, "HTTP 503 Service Unavailable");
        assert!(e.code.is_none() && e.raw_body.is_none());
        assert!(e.user_message().contains("Try again"));
        let html = ArmResponse::new(502, "<html><body>Bad gateway</body></html>");
        let e = ArmError::from_response(&html);
        assert_eq!(e.raw_body.as_deref(), Some("<html><body>Bad gateway</body></html>"));
        assert!(e.user_message().contains("<html>"));
        let long = "x".repeat(2000);
        assert!(
            ArmError::from_response(&ArmResponse::new(500, long)).raw_body.unwrap().len() < 600
        );
    }

    #[test]
    fn reads_bare_and_pascal_case_errors() {
        let e = ArmError::from_response(&ArmResponse::new(
            404,
            r#"{"Code":"NotFound","Message":"gone"}"#,
        ));
        assert_eq!((e.code.as_deref(), e.message.as_str()), (Some("NotFound"), "gone"));
        let e = ArmError::from_response(&ArmResponse::new(400, r#"{"unrelated":true}"#));
        assert!(e.code.is_none());
        assert_eq!(e.raw_body.as_deref(), Some(r#"{"unrelated":true}"#));
    }

    #[test]
    fn client_error_messages_name_the_cause() {
        let e = ClientError::Transport(TransportError::Network("offline".into()));
        assert!(e.user_message().contains("offline"));
        assert!(ClientError::from(ArmError::bare(401, "x".into()))
            .user_message()
            .contains("Sign in"));
    }

    #[test]
    fn sign_in_is_needed_on_401_and_on_token_codes_only() {
        let token = |status, code: &str| {
            ArmResponse::new(status, format!(r#"{{"error":{{"code":"{code}","message":"m"}}}}"#))
        };
        assert!(needs_sign_in(&ArmResponse::new(401, "")));
        assert!(needs_sign_in(&token(403, "ExpiredAuthenticationToken")));
        assert!(needs_sign_in(&token(403, "invalidauthenticationtoken")));
        assert!(!needs_sign_in(&token(403, "AuthorizationFailed")));
        assert!(!needs_sign_in(&token(400, "InvalidAuthenticationToken")));
        let e = ArmError::from_response(&token(403, "InvalidAuthenticationTokenTenant"));
        assert!(e.user_message().starts_with("Your sign-in is no longer valid"));
        assert!(ClientError::from(e).needs_sign_in());
        assert!(ClientError::Transport(TransportError::Unauthenticated("x".into())).needs_sign_in());
        assert!(!ClientError::Transport(TransportError::Network("x".into())).needs_sign_in());
    }
}
