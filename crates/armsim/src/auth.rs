//! Bearer tokens checked against an OpenID provider's published keys, as ARM checks Entra's:
//! RS256, audience ARM, issuer the provider's, not expired.

use jsonwebtoken::errors::ErrorKind;
use jsonwebtoken::{decode, decode_header, Algorithm, DecodingKey, Validation};
use serde_json::Value;
use std::sync::RwLock;

/// Audiences ARM accepts.
pub const AUDIENCES: [&str; 3] = [
    "https://management.azure.com",
    "https://management.azure.com/",
    "https://management.core.windows.net/",
];

/// Why a token was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refusal {
    pub expired: bool,
    pub description: String,
}

impl Refusal {
    fn new(description: impl Into<String>) -> Self {
        Self { expired: false, description: description.into() }
    }
}

/// The provider's issuer and keys.
pub struct Verifier {
    issuer: String,
    jwks_uri: String,
    keys: RwLock<Vec<(Option<String>, DecodingKey)>>,
}

impl Verifier {
    /// Reads `{issuer}/.well-known/openid-configuration`, then its `jwks_uri`.
    ///
    /// # Errors
    /// The provider can't be reached or answers something unusable.
    pub async fn discover(issuer: &str) -> Result<Self, String> {
        let url = format!("{}/.well-known/openid-configuration", issuer.trim_end_matches('/'));
        let doc: Value = fetch(&url).await?;
        let issuer = doc["issuer"].as_str().ok_or(format!("{url} has no issuer"))?.to_string();
        let jwks_uri =
            doc["jwks_uri"].as_str().ok_or(format!("{url} has no jwks_uri"))?.to_string();
        let v = Self { issuer, jwks_uri, keys: RwLock::new(Vec::new()) };
        v.refresh().await?;
        Ok(v)
    }

    /// The `authorization_uri` to put in challenges: the authority the issuer belongs to.
    #[must_use]
    pub fn authority(&self) -> String {
        self.issuer.trim_end_matches('/').trim_end_matches("/v2.0").to_string()
    }

    /// Fetches the keys again (after a key rotation).
    ///
    /// # Errors
    /// The key set can't be fetched.
    pub async fn refresh(&self) -> Result<(), String> {
        let jwks: Value = fetch(&self.jwks_uri).await?;
        let keys: Vec<(Option<String>, DecodingKey)> = jwks["keys"]
            .as_array()
            .ok_or("the key set has no keys")?
            .iter()
            .filter(|k| k["kty"] == "RSA")
            .filter_map(|k| {
                let key =
                    DecodingKey::from_rsa_components(k["n"].as_str()?, k["e"].as_str()?).ok()?;
                Some((k["kid"].as_str().map(str::to_string), key))
            })
            .collect();
        if keys.is_empty() {
            return Err(format!("{} has no usable RSA keys", self.jwks_uri));
        }
        *self.keys.write().map_err(|_| "key cache poisoned")? = keys;
        Ok(())
    }

    /// Checks a token; a key id not seen yet triggers one refresh of the key set. Returns the
    /// token's `iat` (seconds), so tokens issued before a claims challenge can be refused.
    ///
    /// # Errors
    /// Why the token is refused.
    pub async fn verify(&self, token: &str) -> Result<Option<u64>, Refusal> {
        match self.verify_with_cached(token) {
            Err(r) if r.description == UNKNOWN_KEY => {
                self.refresh().await.map_err(Refusal::new)?;
                self.verify_with_cached(token)
            }
            other => other,
        }
    }

    fn verify_with_cached(&self, token: &str) -> Result<Option<u64>, Refusal> {
        let header =
            decode_header(token).map_err(|_| Refusal::new("The access token is malformed."))?;
        if header.alg != Algorithm::RS256 {
            return Err(Refusal::new("The access token must be signed with RS256."));
        }
        let keys = self.keys.read().map_err(|_| Refusal::new("key cache poisoned"))?;
        let key = match &header.kid {
            Some(kid) => keys.iter().find(|(k, _)| k.as_deref() == Some(kid)),
            None if keys.len() == 1 => keys.first(),
            None => None,
        }
        .map(|(_, k)| k.clone())
        .ok_or_else(|| Refusal::new(UNKNOWN_KEY))?;
        drop(keys);
        let mut validation = Validation::new(Algorithm::RS256);
        validation.set_audience(&AUDIENCES);
        // Multi-tenant discovery documents carry a {tenantid} placeholder: check it by hand.
        let templated = self.issuer.contains("{tenantid}");
        if !templated {
            validation.set_issuer(&accepted_issuers(&self.issuer));
        }
        let data = decode::<Value>(token, &key, &validation).map_err(|e| match e.kind() {
            ErrorKind::ExpiredSignature => {
                Refusal { expired: true, description: "The access token has expired.".into() }
            }
            ErrorKind::InvalidAudience => Refusal::new("The access token has an invalid audience."),
            ErrorKind::InvalidIssuer => {
                Refusal::new("The access token is from an unexpected issuer.")
            }
            ErrorKind::InvalidSignature => Refusal::new("The access token signature is invalid."),
            _ => Refusal::new("The access token is invalid."),
        })?;
        if templated {
            let tid = data.claims["tid"].as_str().unwrap_or_default();
            let accepted = accepted_issuers(&self.issuer.replace("{tenantid}", tid));
            if !data.claims["iss"].as_str().is_some_and(|iss| accepted.iter().any(|a| a == iss)) {
                return Err(Refusal::new("The access token is from an unexpected issuer."));
            }
        }
        Ok(data.claims["iat"].as_u64())
    }
}

/// The tenant an issuer belongs to (`{authority}/{tenant-id}/v2.0`), so armsim's world can sit
/// in the tenant the user signs in to; `None` for multi-tenant issuers (`{tenantid}`, `common`).
#[must_use]
pub fn tenant_of_issuer(issuer: &str) -> Option<String> {
    let path = issuer.trim_end_matches('/');
    let path = path.strip_suffix("/v2.0").unwrap_or(path);
    let last = path.rsplit('/').next()?;
    let is_guid = last.len() == 36
        && last.char_indices().all(|(i, c)| {
            if matches!(i, 8 | 13 | 18 | 23) {
                c == '-'
            } else {
                c.is_ascii_hexdigit()
            }
        });
    is_guid.then(|| last.to_ascii_lowercase())
}

/// The issuers a token may carry: the provider's, and for Entra's v2.0 endpoint also the v1
/// issuer, because ARM's access tokens are v1 tokens whichever endpoint issued them.
fn accepted_issuers(issuer: &str) -> Vec<String> {
    let mut out = vec![issuer.to_string()];
    let tenant = issuer
        .strip_prefix("https://login.microsoftonline.com/")
        .and_then(|rest| rest.trim_end_matches('/').strip_suffix("/v2.0"));
    if let Some(tid) = tenant {
        out.push(format!("https://sts.windows.net/{tid}/"));
    }
    out
}

const UNKNOWN_KEY: &str = "The access token is signed by an unknown key.";

async fn fetch(url: &str) -> Result<Value, String> {
    let resp = reqwest::get(url).await.map_err(|e| format!("can't fetch {url}: {e}"))?;
    if !resp.status().is_success() {
        return Err(format!("{url} answered {}", resp.status()));
    }
    resp.json().await.map_err(|e| format!("{url} is not JSON: {e}"))
}

#[cfg(test)]
mod tests {
    use super::{accepted_issuers, tenant_of_issuer};

    #[test]
    fn the_tenant_comes_from_a_single_tenant_issuer_only() {
        let t = "72f988bf-86f1-41af-91ab-2d7cd011db47";
        assert_eq!(tenant_of_issuer(&format!("http://127.0.0.1:5/{t}/v2.0")).as_deref(), Some(t));
        assert_eq!(
            tenant_of_issuer(&format!(
                "https://login.microsoftonline.com/{}/v2.0/",
                t.to_uppercase()
            ))
            .as_deref(),
            Some(t)
        );
        assert_eq!(tenant_of_issuer("https://login.microsoftonline.com/{tenantid}/v2.0"), None);
        assert_eq!(tenant_of_issuer("https://login.microsoftonline.com/common/v2.0"), None);
        assert_eq!(tenant_of_issuer("http://127.0.0.1:9/"), None);
    }

    #[test]
    fn entra_v2_issuers_also_accept_the_v1_issuer_of_arm_tokens() {
        assert_eq!(
            accepted_issuers("https://login.microsoftonline.com/t1/v2.0"),
            vec!["https://login.microsoftonline.com/t1/v2.0", "https://sts.windows.net/t1/"]
        );
        assert_eq!(accepted_issuers("http://127.0.0.1:9/"), vec!["http://127.0.0.1:9/"]);
    }
}
