//! The typed ARM client: settings, URL building and the checked send every operation uses.
//!
//! One typed method per operation lives in the `ops` modules; this file holds what they share.

use super::error::{ArmError, ClientError};
use super::paging;
use super::retry::RateLimitBudget;
use crate::api_version::{ApiVersion, UnsupportedApiVersion};
use crate::time::Timestamp;
use crate::transport::{ArmRequest, ArmResponse, Method, Transport};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use std::cell::RefCell;

/// Public Azure's ARM endpoint.
pub const DEFAULT_ENDPOINT: &str = "https://management.azure.com";

/// api-versions of the non-NetApp providers the console calls.
pub mod versions {
    /// Microsoft.Resources subscriptions and tenants.
    pub const SUBSCRIPTIONS: &str = "2022-12-01";
    /// Microsoft.Resources resource groups and providers.
    pub const RESOURCES: &str = "2021-04-01";
    /// Microsoft.Features.
    pub const FEATURES: &str = "2021-07-01";
    /// Microsoft.Network virtual networks, subnets and usages.
    pub const NETWORK: &str = "2024-05-01";
}

/// Where and how the client talks to ARM.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ClientSettings {
    /// ARM base URL, without a trailing slash.
    pub endpoint: String,
    /// Microsoft.NetApp api-version.
    pub api_version: ApiVersion,
}

impl ClientSettings {
    /// Settings from the runtime configuration's strings (`armEndpoint`, `apiVersion`).
    ///
    /// # Errors
    /// [`UnsupportedApiVersion`] when `api_version` is neither 2026-04-01 nor 2025-12-01.
    pub fn from_config(endpoint: &str, api_version: &str) -> Result<Self, UnsupportedApiVersion> {
        Ok(Self { endpoint: endpoint.to_owned(), api_version: ApiVersion::parse(api_version)? })
    }
}

impl Default for ClientSettings {
    fn default() -> Self {
        Self { endpoint: DEFAULT_ENDPOINT.to_owned(), api_version: ApiVersion::default() }
    }
}

/// Typed ARM operations over any [`Transport`].
///
/// Methods take `&self`; the last rate-limit budget seen is kept inside, readable with
/// [`Client::budget`].
pub struct Client<T> {
    transport: T,
    settings: ClientSettings,
    budget: RefCell<RateLimitBudget>,
}

impl<T: Transport> Client<T> {
    /// A client with default settings (public cloud, api-version 2026-04-01).
    #[must_use]
    pub fn new(transport: T) -> Self {
        Self::with_settings(transport, ClientSettings::default())
    }

    /// A client with the given settings.
    #[must_use]
    pub fn with_settings(transport: T, mut settings: ClientSettings) -> Self {
        settings.endpoint = settings.endpoint.trim().trim_end_matches('/').to_owned();
        if settings.endpoint.is_empty() {
            settings.endpoint = DEFAULT_ENDPOINT.to_owned();
        }
        Self { transport, settings, budget: RefCell::new(RateLimitBudget::default()) }
    }

    /// The settings in use.
    #[must_use]
    pub fn settings(&self) -> &ClientSettings {
        &self.settings
    }

    /// The Microsoft.NetApp api-version in use.
    #[must_use]
    pub fn api_version(&self) -> ApiVersion {
        self.settings.api_version
    }

    /// The transport (tests read recorded requests through it).
    #[must_use]
    pub fn transport(&self) -> &T {
        &self.transport
    }

    /// The rate-limit budget from the latest response that carried one.
    #[must_use]
    pub fn budget(&self) -> RateLimitBudget {
        self.budget.borrow().clone()
    }

    /// `endpoint + path + ?api-version=... + extra query`, with `path` already encoded.
    pub(crate) fn url(&self, path: &str, api_version: &str, query: &[(&str, &str)]) -> String {
        let mut url = format!("{}{path}?api-version={api_version}", self.settings.endpoint);
        for (k, v) in query {
            url.push('&');
            url.push_str(k);
            url.push('=');
            url.push_str(&encode_segment(v));
        }
        url
    }

    /// A Microsoft.NetApp URL at the configured api-version.
    pub(crate) fn netapp_url(&self, path: &str) -> String {
        self.url(path, self.settings.api_version.as_str(), &[])
    }

    /// Sends one request; any HTTP answer is `Ok`, whatever its status.
    ///
    /// # Errors
    /// [`ClientError::Transport`] when there was no answer.
    pub async fn send_raw(&self, mut request: ArmRequest) -> Result<ArmResponse, ClientError> {
        // ARM rejects a JSON body without its media type; transports need not know that.
        if request.body.is_some() && request.header("content-type").is_none() {
            request = request.with_header("Content-Type", "application/json");
        }
        let response = self.transport.send(request).await?;
        self.budget.borrow_mut().observe(&response);
        Ok(response)
    }

    /// Sends and turns a non-2xx answer into [`ClientError::Arm`].
    pub(crate) async fn send_checked(
        &self,
        request: ArmRequest,
    ) -> Result<ArmResponse, ClientError> {
        let response = self.send_raw(request).await?;
        if response.is_success() {
            Ok(response)
        } else {
            Err(ArmError::from_response(&response).into())
        }
    }

    /// GETs `url` and reads the body as `R`.
    pub(crate) async fn get_json<R: DeserializeOwned>(
        &self,
        url: String,
        what: &str,
    ) -> Result<R, ClientError> {
        let response = self.send_checked(ArmRequest::new(Method::Get, url)).await?;
        decode(&response, what)
    }

    /// Sends `method url body` and follows every `nextLink` (GET, api-version kept).
    pub(crate) async fn list_all<R: DeserializeOwned>(
        &self,
        first: ArmRequest,
        what: &str,
    ) -> Result<Vec<R>, ClientError> {
        let api_version = query_value(&first.url, "api-version").unwrap_or_default().to_owned();
        let mut items = Vec::new();
        let mut seen = Vec::new();
        let mut request = first;
        for _ in 0..paging::MAX_PAGES {
            let response = self.send_checked(request).await?;
            let page: crate::models::Page<R> = decode(&response, what)?;
            items.extend(page.value);
            let Some(next) = page.next_link.as_deref().filter(|s| !s.trim().is_empty()) else {
                return Ok(items);
            };
            let next = paging::next_url(&self.settings.endpoint, next, &api_version);
            if seen.contains(&next) {
                return Err(ClientError::Decode {
                    context: what.to_owned(),
                    message: format!("the service repeated the page link {next}"),
                });
            }
            seen.push(next.clone());
            request = ArmRequest::new(Method::Get, next);
        }
        Err(ClientError::Decode {
            context: what.to_owned(),
            message: format!("more than {} pages", paging::MAX_PAGES),
        })
    }

    /// Sends the first request of a long-running operation and returns its poller.
    pub(crate) async fn start_operation(
        &self,
        kind: super::lro::OperationKind,
        request: ArmRequest,
        now: Timestamp,
    ) -> Result<super::lro::Poller, ClientError> {
        let method = request.method;
        let url = request.url.clone();
        let response = self.send_raw(request).await?;
        super::lro::Poller::start(kind, method, &url, &response, now)
    }
}

/// Reads a JSON body as `R`; an empty body reads as JSON `null` (for `Option` or unit results).
pub(crate) fn decode<R: DeserializeOwned>(
    response: &ArmResponse,
    what: &str,
) -> Result<R, ClientError> {
    let body = if response.body.trim().is_empty() { "null" } else { response.body.as_str() };
    serde_json::from_str(body)
        .map_err(|e| ClientError::Decode { context: what.to_owned(), message: e.to_string() })
}

/// The value of query parameter `key` in `url`, undecoded.
#[must_use]
pub fn query_value<'a>(url: &'a str, key: &str) -> Option<&'a str> {
    let query = url.split_once('?')?.1;
    let query = query.split('#').next().unwrap_or(query);
    query
        .split('&')
        .filter_map(|kv| kv.split_once('=').or(Some((kv, ""))))
        .find(|(k, _)| k.eq_ignore_ascii_case(key))
        .map(|(_, v)| v)
}

/// Percent-encodes one path segment or query value (RFC 3986 unreserved characters and
/// parentheses stay as they are; resource group names may contain parentheses).
#[must_use]
pub fn encode_segment(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~' | b'(' | b')') {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encodes_segments() {
        assert_eq!(encode_segment("rg (prod)"), "rg%20(prod)");
        assert_eq!(encode_segment("a/b?c"), "a%2Fb%3Fc");
        assert_eq!(encode_segment("é"), "%C3%A9");
    }

    #[test]
    fn reads_query_values() {
        let u = "https://x/y?api-version=2026-04-01&$skipToken=abc";
        assert_eq!(query_value(u, "api-version"), Some("2026-04-01"));
        assert_eq!(query_value(u, "$skiptoken"), Some("abc"));
        assert_eq!(query_value("https://x/y", "api-version"), None);
    }
}
