//! Where to sign in: the authority (`{host}/{tenant}`) and its OpenID discovery document.
//!
//! Entra's authority carries the tenant as its only path segment (a tenant id or domain,
//! `organizations` or `common`); every endpoint hangs below it. The discovery document of a
//! multi-tenant authority names its issuer with a `{tenantid}` placeholder, filled in from the
//! ID token's `tid` claim before the issuer is compared.

use super::error::AuthError;
use serde::{Deserialize, Serialize};
use url::Url;

/// The tenants that stand for "any": tokens are never cached under these, always under the
/// user's real tenant.
const MULTI_TENANT: [&str; 3] = ["common", "organizations", "consumers"];

/// An Entra authority such as `https://login.microsoftonline.com/contoso.onmicrosoft.com`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Authority {
    host: String,
    tenant: String,
}

impl Authority {
    /// An authority from a sign-in host (`https://login.microsoftonline.com`, or a loopback
    /// stand-in over http) and a tenant.
    ///
    /// # Errors
    /// [`AuthError::InvalidConfig`] when the host is not an https URL (http only on loopback)
    /// or the tenant is empty or not one path segment.
    pub fn new(host: &str, tenant: &str) -> Result<Self, AuthError> {
        let host = host.trim_end_matches('/');
        // The app is built without IDNA's Unicode tables (Cargo.lock pins idna_adapter 1.0, its
        // ASCII-only stub: 51 KB gzip less in every first load). Entra's hosts are ASCII, and
        // browsers give the page's own origin in its `xn--` form, so only a host typed into
        // config.json can be Unicode: it is told how to write it.
        if !host.is_ascii() {
            return Err(AuthError::InvalidConfig(format!(
                "sign-in host {host:?} has letters outside ASCII: write its name in the xn-- \
                 form (what `new URL(host).host` gives in a browser console)"
            )));
        }
        let url = Url::parse(host)
            .map_err(|e| AuthError::InvalidConfig(format!("sign-in host {host:?}: {e}")))?;
        let loopback = matches!(url.host_str(), Some("localhost" | "127.0.0.1" | "[::1]"));
        if !(url.scheme() == "https" || (url.scheme() == "http" && loopback)) {
            return Err(AuthError::InvalidConfig(format!(
                "sign-in host {host:?} must be https (http only on localhost)"
            )));
        }
        let tenant = tenant.trim();
        if tenant.is_empty() || tenant.contains(['/', '?', '#', ' ']) {
            return Err(AuthError::InvalidConfig(format!("tenant {tenant:?} is not one name")));
        }
        Ok(Self { host: host.to_owned(), tenant: tenant.to_owned() })
    }

    /// Parses a full authority URL `{host}/{tenant}`.
    ///
    /// # Errors
    /// [`AuthError::InvalidConfig`] when it is not a URL with exactly one path segment.
    pub fn parse(authority: &str) -> Result<Self, AuthError> {
        let trimmed = authority.trim_end_matches('/');
        let (host, tenant) = trimmed
            .rsplit_once('/')
            .filter(|(h, _)| h.contains("://") && !h.ends_with(':') && !h.ends_with('/'))
            .ok_or_else(|| {
                AuthError::InvalidConfig(format!("authority {authority:?} has no tenant"))
            })?;
        Self::new(host, tenant)
    }

    /// The same sign-in host with another tenant: how a tenant switch re-authenticates.
    #[must_use]
    pub fn with_tenant(&self, tenant: &str) -> Self {
        Self { host: self.host.clone(), tenant: tenant.to_owned() }
    }

    /// The tenant segment as configured.
    #[must_use]
    pub fn tenant(&self) -> &str {
        &self.tenant
    }

    /// The sign-in host without a trailing slash.
    #[must_use]
    pub fn host(&self) -> &str {
        &self.host
    }

    /// `common`, `organizations` or `consumers`: the user's real tenant is known only after
    /// sign-in.
    #[must_use]
    pub fn is_multi_tenant(&self) -> bool {
        MULTI_TENANT.iter().any(|t| t.eq_ignore_ascii_case(&self.tenant))
    }

    /// The authority URL, `{host}/{tenant}`.
    #[must_use]
    pub fn url(&self) -> String {
        format!("{}/{}", self.host, self.tenant)
    }

    /// Where MSAL reads the OpenID configuration: `{authority}/v2.0/.well-known/openid-configuration`.
    #[must_use]
    pub fn discovery_url(&self) -> String {
        format!("{}/v2.0/.well-known/openid-configuration", self.url())
    }

    /// The v2 authorize endpoint, for when discovery is not at hand.
    #[must_use]
    pub fn authorize_endpoint(&self) -> String {
        format!("{}/oauth2/v2.0/authorize", self.url())
    }

    /// The v2 token endpoint, for when discovery is not at hand.
    #[must_use]
    pub fn token_endpoint(&self) -> String {
        format!("{}/oauth2/v2.0/token", self.url())
    }

    /// The v2 end-session endpoint, for when discovery is not at hand.
    #[must_use]
    pub fn logout_endpoint(&self) -> String {
        format!("{}/oauth2/v2.0/logout", self.url())
    }
}

/// The fields of the OpenID discovery document the app uses.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OpenIdConfiguration {
    /// The issuer, possibly with a `{tenantid}` placeholder.
    pub issuer: String,
    /// Where the browser is sent to sign in.
    pub authorization_endpoint: String,
    /// Where codes and refresh tokens are redeemed.
    pub token_endpoint: String,
    /// Where the browser is sent to sign out.
    #[serde(default)]
    pub end_session_endpoint: Option<String>,
}

impl OpenIdConfiguration {
    /// Parses the discovery document.
    ///
    /// # Errors
    /// [`AuthError::InvalidResponse`] when it is not JSON or misses a needed endpoint.
    pub fn parse(json: &str) -> Result<Self, AuthError> {
        serde_json::from_str(json)
            .map_err(|e| AuthError::InvalidResponse(format!("OpenID configuration: {e}")))
    }

    /// The issuer a token from tenant `tid` must carry: the placeholder filled in.
    #[must_use]
    pub fn issuer_for_tenant(&self, tid: &str) -> String {
        self.issuer.replace("{tenantid}", tid)
    }

    /// The end-session endpoint, or Entra's usual path below the authority.
    #[must_use]
    pub fn logout_endpoint_or(&self, authority: &Authority) -> String {
        self.end_session_endpoint.clone().unwrap_or_else(|| authority.logout_endpoint())
    }
}

/// The end-session URL: the user signs out at the identity provider and comes back to
/// `post_logout_redirect_uri`; `logout_hint` (the ID token's `login_hint` claim) skips the
/// account picker.
#[must_use]
pub fn logout_url(
    end_session_endpoint: &str,
    post_logout_redirect_uri: &str,
    logout_hint: Option<&str>,
    client_id: &str,
) -> String {
    let mut url = match Url::parse(end_session_endpoint) {
        Ok(u) => u,
        Err(_) => return end_session_endpoint.to_owned(),
    };
    {
        let mut q = url.query_pairs_mut();
        q.append_pair("post_logout_redirect_uri", post_logout_redirect_uri);
        q.append_pair("client_id", client_id);
        if let Some(hint) = logout_hint {
            q.append_pair("logout_hint", hint);
        }
    }
    url.into()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn endpoints_hang_below_the_tenant() {
        let a =
            Authority::parse("https://login.microsoftonline.com/contoso.onmicrosoft.com/").unwrap();
        assert_eq!(a.tenant(), "contoso.onmicrosoft.com");
        assert!(!a.is_multi_tenant());
        assert_eq!(
            a.discovery_url(),
            "https://login.microsoftonline.com/contoso.onmicrosoft.com/v2.0/.well-known/openid-configuration"
        );
        assert_eq!(
            a.token_endpoint(),
            "https://login.microsoftonline.com/contoso.onmicrosoft.com/oauth2/v2.0/token"
        );
        assert_eq!(
            a.authorize_endpoint(),
            "https://login.microsoftonline.com/contoso.onmicrosoft.com/oauth2/v2.0/authorize"
        );
    }

    #[test]
    fn common_and_organizations_are_multi_tenant() {
        let host = "https://login.microsoftonline.com";
        assert!(Authority::new(host, "common").unwrap().is_multi_tenant());
        assert!(Authority::new(host, "Organizations").unwrap().is_multi_tenant());
        let t = Authority::new(host, "organizations").unwrap().with_tenant("72f988bf");
        assert!(!t.is_multi_tenant());
        assert_eq!(t.url(), "https://login.microsoftonline.com/72f988bf");
    }

    #[test]
    fn a_unicode_host_is_asked_in_its_xn_form_which_works() {
        let e = Authority::new("https://anmeldung.bücher.example", "t1").unwrap_err();
        assert!(e.to_string().contains("xn--"), "{e}");
        let a = Authority::new("https://anmeldung.xn--bcher-kva.example", "t1").unwrap();
        assert_eq!(a.url(), "https://anmeldung.xn--bcher-kva.example/t1");
        // The sign-in answer on a page whose origin is such a host (browsers give it so).
        let page = "https://console.xn--bcher-kva.example/#code=c1&state=s1";
        assert!(crate::auth::redirect::parse_redirect(page).is_some());
    }

    #[test]
    fn plain_http_only_on_loopback() {
        assert!(Authority::new("http://127.0.0.1:9400", "t1").is_ok());
        assert!(Authority::new("http://localhost:9400/", "t1").is_ok());
        assert!(Authority::new("http://login.example.com", "t1").is_err());
        assert!(Authority::parse("https://login.microsoftonline.com").is_err());
        assert!(Authority::new("https://login.microsoftonline.com", "a/b").is_err());
    }

    #[test]
    fn issuer_template_is_filled_with_the_tenant() {
        let doc = OpenIdConfiguration::parse(
            r#"{"issuer":"https://login.microsoftonline.com/{tenantid}/v2.0",
                "authorization_endpoint":"https://x/authorize","token_endpoint":"https://x/token"}"#,
        )
        .unwrap();
        assert_eq!(doc.issuer_for_tenant("abc"), "https://login.microsoftonline.com/abc/v2.0");
        assert_eq!(doc.end_session_endpoint, None);
        assert!(OpenIdConfiguration::parse(r#"{"issuer":"x"}"#).is_err());
    }

    #[test]
    fn logout_url_carries_where_to_come_back() {
        let url = logout_url(
            "https://login.microsoftonline.com/t/oauth2/v2.0/logout",
            "https://app.example/",
            Some("hint"),
            "cid",
        );
        assert_eq!(
            url,
            "https://login.microsoftonline.com/t/oauth2/v2.0/logout?post_logout_redirect_uri=https%3A%2F%2Fapp.example%2F&client_id=cid&logout_hint=hint"
        );
    }
}
