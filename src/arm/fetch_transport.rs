//! Azure's way to ARM: `fetch` from the browser with the signed-in user's token.

use super::abort::{AbortGuard, READ_TIMEOUT, WRITE_TIMEOUT};
use crate::auth::{AfterUnauthorized, AuthClient, AuthError};
use anf_core::transport::{ArmRequest, ArmResponse, Transport, TransportError};
use std::rc::Rc;

/// Sends ARM requests with `Authorization: Bearer`; on 401 lets the session renew the token
/// (or answer a claims challenge) and retries once.
pub struct FetchTransport {
    auth: Rc<AuthClient>,
}

impl FetchTransport {
    /// A transport that takes its tokens from `auth`.
    #[must_use]
    pub fn new(auth: Rc<AuthClient>) -> Self {
        Self { auth }
    }

    async fn send_once(&self, request: &ArmRequest) -> Result<ArmResponse, TransportError> {
        let token = self.auth.access_token().await.map_err(|e| match e {
            // The network was down while the token was renewed (a laptop waking up): a passing
            // fault, retried like any other, never "signed out".
            AuthError::Network(m) => {
                TransportError::Network(format!("the token could not be renewed: {m}"))
            }
            other => TransportError::Unauthenticated(other.to_string()),
        })?;
        let method = match request.method {
            anf_core::transport::Method::Get => gloo_net::http::Method::GET,
            anf_core::transport::Method::Put => gloo_net::http::Method::PUT,
            anf_core::transport::Method::Post => gloo_net::http::Method::POST,
            anf_core::transport::Method::Patch => gloo_net::http::Method::PATCH,
            anf_core::transport::Method::Delete => gloo_net::http::Method::DELETE,
        };
        let limit = if request.method == anf_core::transport::Method::Get {
            READ_TIMEOUT
        } else {
            WRITE_TIMEOUT
        };
        // Lives until the body is read: dropping the future aborts the request.
        let guard = AbortGuard::new(limit);
        let signal = guard.signal();
        let mut builder = gloo_net::http::RequestBuilder::new(&request.url)
            .method(method)
            .abort_signal(signal.as_ref())
            .header("Authorization", &format!("Bearer {token}"));
        for (name, value) in &request.headers {
            builder = builder.header(name, value);
        }
        let sent = match &request.body {
            Some(body) => {
                builder
                    .body(body.to_string())
                    .map_err(|e| TransportError::Network(e.to_string()))?
                    .send()
                    .await
            }
            None => builder.send().await,
        };
        let timed_out = |guard: &AbortGuard| {
            guard.timed_out().then(|| {
                TransportError::Network(format!(
                    "Azure did not answer within {} s",
                    limit.as_secs()
                ))
            })
        };
        let response = sent.map_err(|e| {
            timed_out(&guard).unwrap_or_else(|| {
                TransportError::Network(format!(
                    "{e} (if this persists, check the network and that the site's content \
                     security policy allows {} in connect-src)",
                    origin_of(&request.url)
                ))
            })
        })?;
        let headers = response.headers().entries().collect();
        let status = response.status();
        // A body cut off mid-way is a failed request, never an empty success.
        let body = response.text().await.map_err(|e| {
            timed_out(&guard)
                .unwrap_or_else(|| TransportError::Network(format!("the answer was cut off ({e})")))
        })?;
        Ok(ArmResponse { status, headers, body })
    }
}

fn origin_of(url: &str) -> &str {
    let after = url.find("://").map_or(0, |i| i + 3);
    url[after..].find('/').map_or(url, |j| &url[..after + j])
}

impl Transport for FetchTransport {
    async fn send(&self, request: ArmRequest) -> Result<ArmResponse, TransportError> {
        let response = self.send_once(&request).await?;
        if response.status != 401 {
            return Ok(response);
        }
        let challenge = response.header("www-authenticate").unwrap_or_default().to_owned();
        match self.auth.on_unauthorized(&challenge) {
            AfterUnauthorized::RetryWithNewToken => self.send_once(&request).await,
            AfterUnauthorized::RedirectingToSignIn => Err(TransportError::Unauthenticated(
                "signing in again to answer ARM's claims challenge".into(),
            )),
            AfterUnauthorized::SignInRequired => Ok(response),
        }
    }
}
