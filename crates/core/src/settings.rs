//! Runtime settings, read from `config.json` when the app starts.
//!
//! One build serves every tenant: Static Web Apps deployments replace `config.json` and nothing
//! else. A missing file, or one without a client id, means demo mode on the simulator. A file that
//! is present but wrong is never guessed around: [`SettingsError`] names the field, what was
//! expected and what was found, and the app shows that instead of a blank page.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use std::fmt;

/// The public Azure cloud's sign-in host.
pub const DEFAULT_LOGIN_HOST: &str = "https://login.microsoftonline.com";
/// The public Azure cloud's Resource Manager endpoint.
pub const DEFAULT_ARM_ENDPOINT: &str = "https://management.azure.com";
/// The api-versions of Microsoft.NetApp the client speaks; the first is the default.
pub const API_VERSIONS: [&str; 2] = ["2026-04-01", "2025-12-01"];
/// The delegated permission on Azure Resource Manager that the app asks for.
pub const ARM_SCOPE: &str = "https://management.azure.com/user_impersonation";

const FIELDS: [&str; 10] = [
    "mode",
    "clientId",
    "tenantId",
    "authority",
    "redirectUri",
    "postLogoutRedirectUri",
    "armEndpoint",
    "apiVersion",
    "scopes",
    "tokenStorage",
];

/// Where the app sends its ARM calls.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Mode {
    /// The built-in simulator; no sign-in, nothing leaves the browser.
    Demo,
    /// Real Azure (or armsim) with an Entra ID sign-in.
    Azure,
}

/// Where tokens are kept between page loads.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum TokenStorage {
    /// sessionStorage: survives a reload and the sign-in redirect, gone with the tab.
    #[default]
    Session,
    /// Memory only: a reload means signing in again.
    Memory,
}

/// Why the app runs in demo mode.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum DemoReason {
    /// There is no `config.json`.
    NoFile,
    /// `config.json` has no `clientId`.
    NoClientId,
    /// `config.json` says `"mode": "demo"`.
    Requested,
}

/// Sign-in settings, present in Azure mode.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuthSettings {
    /// The app registration's application (client) id.
    pub client_id: String,
    /// The sign-in host without the tenant, e.g. `https://login.microsoftonline.com`.
    pub login_host: String,
    /// Tenant id, domain, `organizations` or `common`.
    pub tenant: String,
    /// Where Entra sends the browser back; `None` means the page's own origin + `/`.
    pub redirect_uri: Option<String>,
    /// Where Entra sends the browser after sign-out; `None` means the redirect URI.
    pub post_logout_redirect_uri: Option<String>,
    /// Scopes asked for besides `openid profile offline_access`.
    pub scopes: Vec<String>,
    /// Where tokens are kept.
    pub token_storage: TokenStorage,
}

impl AuthSettings {
    /// The authority for the configured tenant, MSAL style: `{host}/{tenant}`.
    #[must_use]
    pub fn authority(&self) -> String {
        self.authority_for(&self.tenant)
    }

    /// The authority for another tenant (tenant switch).
    #[must_use]
    pub fn authority_for(&self, tenant: &str) -> String {
        format!("{}/{}", self.login_host, tenant)
    }
}

/// Everything the app needs to know at start-up.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Settings {
    /// Demo or Azure.
    pub mode: Mode,
    /// Why demo mode was chosen, in demo mode.
    pub demo_reason: Option<DemoReason>,
    /// Sign-in settings, in Azure mode.
    pub auth: Option<AuthSettings>,
    /// Resource Manager base URL without a trailing slash.
    pub arm_endpoint: String,
    /// Microsoft.NetApp api-version.
    pub api_version: String,
}

impl Settings {
    /// Demo mode, for when there is no `config.json` at all.
    #[must_use]
    pub fn demo(reason: DemoReason) -> Self {
        Self {
            mode: Mode::Demo,
            demo_reason: Some(reason),
            auth: None,
            arm_endpoint: DEFAULT_ARM_ENDPOINT.to_owned(),
            api_version: API_VERSIONS[0].to_owned(),
        }
    }

    /// Parses the text of `config.json`.
    ///
    /// # Errors
    /// [`SettingsError`] naming the first field that is wrong and what it should be.
    pub fn parse(text: &str) -> Result<Self, SettingsError> {
        let value: Value = serde_json::from_str(text).map_err(|e| SettingsError {
            field: "(file)".into(),
            expected: "a JSON object".into(),
            found: format!("invalid JSON at line {}, column {}: {e}", e.line(), e.column()),
        })?;
        let Value::Object(obj) = value else {
            return Err(SettingsError::new("(file)", "a JSON object", &value));
        };
        if let Some(unknown) = obj.keys().find(|k| !FIELDS.contains(&k.as_str())) {
            let hint = FIELDS
                .iter()
                .find(|f| f.eq_ignore_ascii_case(unknown))
                .map_or_else(String::new, |f| format!(" (did you mean `{f}`?)"));
            return Err(SettingsError {
                field: unknown.clone(),
                expected: format!("one of the known fields: {}{hint}", FIELDS.join(", ")),
                found: "an unknown field".into(),
            });
        }
        Self::from_object(&obj)
    }

    fn from_object(obj: &Map<String, Value>) -> Result<Self, SettingsError> {
        let mode = match opt_str(obj, "mode")? {
            None => None,
            Some(m) if m.eq_ignore_ascii_case("demo") => Some(Mode::Demo),
            Some(m) if m.eq_ignore_ascii_case("azure") => Some(Mode::Azure),
            Some(m) => {
                return Err(SettingsError::text("mode", "\"demo\" or \"azure\"", m));
            }
        };
        let arm_endpoint = match opt_str(obj, "armEndpoint")? {
            None => DEFAULT_ARM_ENDPOINT.to_owned(),
            Some(u) => web_url("armEndpoint", u)?,
        };
        let api_version = match opt_str(obj, "apiVersion")? {
            None => API_VERSIONS[0].to_owned(),
            Some(v) if API_VERSIONS.contains(&v) => v.to_owned(),
            Some(v) => {
                let expected = format!("one of {}", API_VERSIONS.join(", "));
                return Err(SettingsError::text("apiVersion", &expected, v));
            }
        };
        let client_id = opt_str(obj, "clientId")?.map(str::trim).filter(|c| !c.is_empty());
        let auth = match client_id {
            Some(id) => Some(auth_settings(obj, id)?),
            None => None,
        };
        let (mode, demo_reason) = match (mode, &auth) {
            (Some(Mode::Demo), _) => (Mode::Demo, Some(DemoReason::Requested)),
            (Some(Mode::Azure), None) => {
                return Err(SettingsError {
                    field: "clientId".into(),
                    expected: "the application (client) id of the app registration, needed when \
                               \"mode\" is \"azure\""
                        .into(),
                    found: "nothing".into(),
                });
            }
            (_, Some(_)) => (Mode::Azure, None),
            (None, None) => (Mode::Demo, Some(DemoReason::NoClientId)),
        };
        let auth = if mode == Mode::Azure { auth } else { None };
        Ok(Self { mode, demo_reason, auth, arm_endpoint, api_version })
    }
}

fn auth_settings(obj: &Map<String, Value>, client_id: &str) -> Result<AuthSettings, SettingsError> {
    let tenant_field = opt_str(obj, "tenantId")?;
    if let Some(t) = tenant_field {
        check_tenant("tenantId", t)?;
    }
    let (login_host, tenant) = match opt_str(obj, "authority")? {
        None => (DEFAULT_LOGIN_HOST.to_owned(), tenant_field.unwrap_or("organizations").to_owned()),
        Some(a) => {
            let url = web_url("authority", a)?;
            split_authority(&url, tenant_field)?
        }
    };
    let redirect_uri =
        opt_str(obj, "redirectUri")?.map(|u| exact_web_url("redirectUri", u)).transpose()?;
    let post_logout_redirect_uri = opt_str(obj, "postLogoutRedirectUri")?
        .map(|u| exact_web_url("postLogoutRedirectUri", u))
        .transpose()?;
    let scopes = match obj.get("scopes") {
        None | Some(Value::Null) => vec![ARM_SCOPE.to_owned()],
        Some(Value::Array(items)) if !items.is_empty() => items
            .iter()
            .map(|s| match s {
                Value::String(s) if !s.trim().is_empty() => Ok(s.trim().to_owned()),
                other => Err(SettingsError::new("scopes", "a list of scope strings", other)),
            })
            .collect::<Result<_, _>>()?,
        Some(other) => {
            return Err(SettingsError::new("scopes", "a non-empty list of scope strings", other));
        }
    };
    let token_storage = match opt_str(obj, "tokenStorage")? {
        None => TokenStorage::Session,
        Some(s) if s.eq_ignore_ascii_case("session") => TokenStorage::Session,
        Some(s) if s.eq_ignore_ascii_case("memory") => TokenStorage::Memory,
        Some(s) => return Err(SettingsError::text("tokenStorage", "\"session\" or \"memory\"", s)),
    };
    Ok(AuthSettings {
        client_id: client_id.to_owned(),
        login_host,
        tenant,
        redirect_uri,
        post_logout_redirect_uri,
        scopes,
        token_storage,
    })
}

/// Splits `https://host/tenant` into host and tenant. MSAL authorities carry the tenant as their
/// one path segment; without one, `tenantId` (or `organizations`) is used.
fn split_authority(
    url: &str,
    tenant_field: Option<&str>,
) -> Result<(String, String), SettingsError> {
    let after_scheme = url.find("://").map_or(0, |i| i + 3);
    let (host, path) = match url[after_scheme..].find('/') {
        Some(i) => url.split_at(after_scheme + i),
        None => (url, ""),
    };
    let segments: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
    let tenant = match (segments.as_slice(), tenant_field) {
        ([], t) => t.unwrap_or("organizations").to_owned(),
        ([t], None) => (*t).to_owned(),
        ([t], Some(f)) if t.eq_ignore_ascii_case(f) => (*t).to_owned(),
        ([t], Some(f)) => {
            return Err(SettingsError {
                field: "tenantId".into(),
                expected: format!("the same tenant as the authority's ({t})"),
                found: format!("\"{f}\""),
            });
        }
        _ => {
            return Err(SettingsError::text(
                "authority",
                "the sign-in host followed by one tenant, e.g. https://login.microsoftonline.com/contoso.onmicrosoft.com",
                url,
            ));
        }
    };
    check_tenant("authority", &tenant)?;
    Ok((host.to_owned(), tenant))
}

fn check_tenant(field: &str, tenant: &str) -> Result<(), SettingsError> {
    let ok = !tenant.is_empty()
        && tenant.len() <= 128
        && tenant.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '.' | '_'));
    if ok {
        Ok(())
    } else {
        Err(SettingsError::text(
            field,
            "a tenant id (GUID), a domain such as contoso.onmicrosoft.com, \"organizations\" or \"common\"",
            tenant,
        ))
    }
}

/// An absolute URL the browser may call: https, or http on loopback only (local stand-ins).
/// Base URLs lose a trailing slash; redirect URIs don't go through here as-is, because Entra
/// compares them to the registered ones character for character.
fn web_url(field: &str, raw: &str) -> Result<String, SettingsError> {
    exact_web_url(field, raw).map(|u| u.trim_end_matches('/').to_owned())
}

/// [`web_url`] without touching the URL's text.
fn exact_web_url(field: &str, raw: &str) -> Result<String, SettingsError> {
    let url = raw.trim();
    let expected = "an https:// URL (http:// only for localhost or 127.0.0.1)";
    let (scheme, rest) =
        url.split_once("://").ok_or_else(|| SettingsError::text(field, expected, raw))?;
    let host_port = rest.split(['/', '?', '#']).next().unwrap_or_default();
    let host = host_port.rsplit_once(':').map_or(host_port, |(h, _)| h);
    let host_ok = !host.is_empty()
        && !host_port.contains('@')
        && host
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '.' | '[' | ']' | ':'));
    let loopback = matches!(host, "localhost" | "127.0.0.1" | "[::1]");
    let scheme_ok =
        scheme.eq_ignore_ascii_case("https") || (scheme.eq_ignore_ascii_case("http") && loopback);
    if scheme_ok && host_ok && !url.contains(char::is_whitespace) {
        Ok(url.to_owned())
    } else {
        Err(SettingsError::text(field, expected, raw))
    }
}

fn opt_str<'a>(obj: &'a Map<String, Value>, field: &str) -> Result<Option<&'a str>, SettingsError> {
    match obj.get(field) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => Ok(Some(s.as_str())),
        Some(other) => Err(SettingsError::new(field, "a string", other)),
    }
}

/// A `config.json` that is present but wrong.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SettingsError {
    /// The field at fault, or `(file)` when the file as a whole is unreadable.
    pub field: String,
    /// What the field should hold.
    pub expected: String,
    /// What it holds.
    pub found: String,
}

impl SettingsError {
    fn new(field: &str, expected: &str, found: &Value) -> Self {
        let found = match found {
            Value::Null => "null".to_owned(),
            Value::Bool(b) => format!("the boolean {b}"),
            Value::Number(n) => format!("the number {n}"),
            Value::String(s) => format!("the text \"{s}\""),
            Value::Array(_) => "a list".to_owned(),
            Value::Object(_) => "an object".to_owned(),
        };
        Self { field: field.to_owned(), expected: expected.to_owned(), found }
    }

    fn text(field: &str, expected: &str, found: &str) -> Self {
        Self {
            field: field.to_owned(),
            expected: expected.to_owned(),
            found: format!("\"{found}\""),
        }
    }
}

impl fmt::Display for SettingsError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "config.json: `{}` should be {}, but is {}",
            self.field, self.expected, self.found
        )
    }
}

impl std::error::Error for SettingsError {}

#[cfg(test)]
mod tests;
