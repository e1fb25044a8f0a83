//! The one seam between the ARM client and the network.
//!
//! The browser sends requests with `fetch`, demo mode hands them to the simulator, and tests
//! record them. All three implement [`Transport`], so the client, paging, polling and retry
//! code is the same everywhere.

use serde::{Deserialize, Serialize};
use std::fmt;

/// HTTP methods ARM uses.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Method {
    Get,
    Put,
    Post,
    Patch,
    Delete,
}

impl Method {
    /// The method as it appears on the wire.
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Get => "GET",
            Self::Put => "PUT",
            Self::Post => "POST",
            Self::Patch => "PATCH",
            Self::Delete => "DELETE",
        }
    }

    /// Parses a wire method name (case-insensitive).
    #[must_use]
    pub fn parse(s: &str) -> Option<Self> {
        match s.to_ascii_uppercase().as_str() {
            "GET" => Some(Self::Get),
            "PUT" => Some(Self::Put),
            "POST" => Some(Self::Post),
            "PATCH" => Some(Self::Patch),
            "DELETE" => Some(Self::Delete),
            _ => None,
        }
    }
}

impl fmt::Display for Method {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A request to ARM: an absolute URL (with its `api-version` query), headers and an optional
/// JSON body. The bearer token is added by the transport, never stored here, so requests can be
/// logged safely.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ArmRequest {
    pub method: Method,
    pub url: String,
    pub headers: Vec<(String, String)>,
    pub body: Option<serde_json::Value>,
}

impl ArmRequest {
    /// A request with no headers and no body.
    #[must_use]
    pub fn new(method: Method, url: impl Into<String>) -> Self {
        Self { method, url: url.into(), headers: Vec::new(), body: None }
    }

    /// The same request with a JSON body.
    #[must_use]
    pub fn with_body(mut self, body: serde_json::Value) -> Self {
        self.body = Some(body);
        self
    }

    /// The same request with one more header.
    #[must_use]
    pub fn with_header(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.headers.push((name.into(), value.into()));
        self
    }

    /// The first header of that name (case-insensitive).
    #[must_use]
    pub fn header(&self, name: &str) -> Option<&str> {
        find_header(&self.headers, name)
    }
}

/// ARM's answer: status, headers and the raw body text (which may be empty or not JSON).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ArmResponse {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: String,
}

impl ArmResponse {
    /// A response with a status and a body and no headers.
    #[must_use]
    pub fn new(status: u16, body: impl Into<String>) -> Self {
        Self { status, headers: Vec::new(), body: body.into() }
    }

    /// The same response with one more header.
    #[must_use]
    pub fn with_header(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.headers.push((name.into(), value.into()));
        self
    }

    /// The first header of that name (case-insensitive).
    #[must_use]
    pub fn header(&self, name: &str) -> Option<&str> {
        find_header(&self.headers, name)
    }

    /// 2xx.
    #[must_use]
    pub const fn is_success(&self) -> bool {
        self.status >= 200 && self.status < 300
    }
}

fn find_header<'a>(headers: &'a [(String, String)], name: &str) -> Option<&'a str> {
    headers.iter().find(|(k, _)| k.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
}

/// Why a request got no HTTP answer at all.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error, Serialize, Deserialize)]
pub enum TransportError {
    /// The request never reached the server or the connection dropped (retryable).
    #[error("network error: {0}")]
    Network(String),
    /// No token could be had for the request (the user must sign in).
    #[error("not signed in: {0}")]
    Unauthenticated(String),
}

/// Sends one ARM request and returns ARM's answer.
///
/// Browser futures are not `Send`, so neither is this trait's future.
#[allow(async_fn_in_trait)] // implemented only inside this workspace; no Send bound wanted
pub trait Transport {
    /// Sends `request`.
    ///
    /// # Errors
    /// [`TransportError`] when no HTTP response was received.
    async fn send(&self, request: ArmRequest) -> Result<ArmResponse, TransportError>;
}
