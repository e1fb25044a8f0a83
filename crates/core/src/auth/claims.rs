//! ARM's claims challenge (continuous access evaluation, conditional-access step-up).
//!
//! ARM answers 401 with `WWW-Authenticate: Bearer ..., error="insufficient_claims",
//! claims="<base64 JSON>"`. The app signs in again asking for those claims and retries.

use base64::engine::general_purpose::{STANDARD_NO_PAD, URL_SAFE_NO_PAD};
use base64::Engine;
use serde_json::{json, Value};

/// A decoded claims challenge.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ClaimsChallenge {
    /// The claims request as JSON text, to send as `claims` on the next sign-in.
    pub claims: String,
}

impl ClaimsChallenge {
    /// Reads a `WWW-Authenticate` header. `None` unless it is a Bearer challenge with
    /// `error="insufficient_claims"` and a decodable `claims`.
    #[must_use]
    pub fn parse(www_authenticate: &str) -> Option<Self> {
        let header = www_authenticate.trim();
        let rest = header.get(..6).filter(|s| s.eq_ignore_ascii_case("bearer"))?;
        let params = auth_params(&header[rest.len()..]);
        let get = |name: &str| {
            params.iter().find(|(k, _)| k.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
        };
        if get("error") != Some("insufficient_claims") {
            return None;
        }
        let encoded = get("claims")?.trim().trim_end_matches('=');
        let bytes =
            STANDARD_NO_PAD.decode(encoded).or_else(|_| URL_SAFE_NO_PAD.decode(encoded)).ok()?;
        let text = String::from_utf8(bytes).ok()?;
        // Only a JSON object is a claims request; anything else would be refused at sign-in.
        matches!(serde_json::from_str::<Value>(&text), Ok(Value::Object(_)))
            .then_some(Self { claims: text })
    }
}

/// `name=value` and `name="quoted, \"value\""` pairs, comma separated.
fn auth_params(s: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut chars = s.chars().peekable();
    loop {
        while chars.next_if(|c| c.is_whitespace() || *c == ',').is_some() {}
        let name: String = std::iter::from_fn(|| chars.next_if(|c| *c != '=' && *c != ','))
            .collect::<String>()
            .trim()
            .to_owned();
        if name.is_empty() {
            break;
        }
        if chars.next_if_eq(&'=').is_none() {
            continue;
        }
        while chars.next_if(|c| c.is_whitespace()).is_some() {}
        let mut value = String::new();
        if chars.next_if_eq(&'"').is_some() {
            while let Some(c) = chars.next() {
                match c {
                    '\\' => value.extend(chars.next()),
                    '"' => break,
                    c => value.push(c),
                }
            }
        } else {
            value = std::iter::from_fn(|| chars.next_if(|c| *c != ',')).collect::<String>();
            value = value.trim().to_owned();
        }
        out.push((name, value));
    }
    out
}

/// Adds the client capabilities (e.g. `CP1`: "this client handles claims challenges") to a
/// claims request, as MSAL does, so Entra issues tokens that ARM may revoke early.
#[must_use]
pub fn with_client_capabilities(claims: Option<&str>, capabilities: &[&str]) -> Option<String> {
    if capabilities.is_empty() {
        return claims.map(str::to_owned);
    }
    let mut root = claims
        .and_then(|c| serde_json::from_str::<Value>(c).ok())
        .filter(Value::is_object)
        .unwrap_or_else(|| json!({}));
    let access = root.as_object_mut().map(|o| o.entry("access_token").or_insert_with(|| json!({})));
    if let Some(Value::Object(access)) = access {
        access.insert("xms_cc".into(), json!({ "values": capabilities }));
    }
    Some(root.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    // The example ARM documents for continuous access evaluation.
    const ARM_HEADER: &str = r#"Bearer authorization_uri="https://login.microsoftonline.com/common/oauth2/authorize", error="insufficient_claims", claims="eyJhY2Nlc3NfdG9rZW4iOnsibmJmIjp7ImVzc2VudGlhbCI6dHJ1ZSwgInZhbHVlIjoiMTYwNDEwNjY1MSJ9fX0=""#;

    #[test]
    fn arm_claims_challenge() {
        let c = ClaimsChallenge::parse(ARM_HEADER).unwrap();
        assert_eq!(
            c.claims,
            r#"{"access_token":{"nbf":{"essential":true, "value":"1604106651"}}}"#
        );
    }

    #[test]
    fn unpadded_url_safe_and_odd_spacing() {
        let claims =
            URL_SAFE_NO_PAD.encode(r#"{"access_token":{"acrs":{"essential":true,"value":"c1"}}}"#);
        let h = format!(r#"bearer error = "insufficient_claims",claims="{claims}", realm="""#);
        assert!(ClaimsChallenge::parse(&h).unwrap().claims.contains("acrs"));
    }

    #[test]
    fn other_challenges_are_not_claims_challenges() {
        assert_eq!(ClaimsChallenge::parse(r#"Bearer error="invalid_token""#), None);
        assert_eq!(ClaimsChallenge::parse(r#"Basic realm="x""#), None);
        assert_eq!(ClaimsChallenge::parse(r#"Bearer error="insufficient_claims""#), None);
        assert_eq!(
            ClaimsChallenge::parse(r#"Bearer error="insufficient_claims", claims="bm90IGpzb24=""#),
            None
        );
        assert_eq!(ClaimsChallenge::parse(""), None);
    }

    #[test]
    fn quoted_values_may_hold_commas_and_escapes() {
        let p = auth_params(r#" a="x, \"y\"", b=plain , c="""#);
        assert_eq!(
            p,
            [("a", r#"x, "y""#), ("b", "plain"), ("c", "")]
                .map(|(k, v)| (k.to_owned(), v.to_owned()))
        );
    }

    #[test]
    fn client_capabilities_merge_into_claims() {
        let merged = with_client_capabilities(
            Some(r#"{"access_token":{"nbf":{"essential":true,"value":"1"}}}"#),
            &["CP1"],
        )
        .unwrap();
        let v: Value = serde_json::from_str(&merged).unwrap();
        assert_eq!(v["access_token"]["xms_cc"]["values"][0], "CP1");
        assert_eq!(v["access_token"]["nbf"]["value"], "1");
        assert_eq!(
            with_client_capabilities(None, &["CP1"]).unwrap(),
            r#"{"access_token":{"xms_cc":{"values":["CP1"]}}}"#
        );
        assert_eq!(with_client_capabilities(None, &[]), None);
    }
}
