//! Azure's way to ARM: `fetch` from the browser with the signed-in user's token.

use crate::auth::{AfterUnauthorized, AuthClient};
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
        let token = self
            .auth
            .access_token()
            .await
            .map_err(|e| TransportError::Unauthenticated(e.to_string()))?;
        let method = match request.method {
            anf_core::transport::Method::Get => gloo_net::http::Method::GET,
            anf_core::transport::Method::Put => gloo_net::http::Method::PUT,
            anf_core::transport::Method::Post => gloo_net::http::Method::POST,
            anf_core::transport::Method::Patch => gloo_net::http::Method::PATCH,
            anf_core::transport::Method::Delete => gloo_net::http::Method::DELETE,
        };
        let mut builder = gloo_net::http::RequestBuilder::new(&request.url)
            .method(method)
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
        let response = sent.map_err(|e| {
            TransportError::Network(format!(
                "{e} (if this persists, check the network and that the site's content security \
                 policy allows {} in connect-src)",
                origin_of(&request.url)
            ))
        })?;
        let headers = response.headers().entries().collect();
        let status = response.status();
        let body = response.text().await.unwrap_or_default();
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
