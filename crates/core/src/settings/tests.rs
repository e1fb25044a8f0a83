use super::*;

fn err(text: &str) -> SettingsError {
    Settings::parse(text).expect_err("should be refused")
}

#[test]
fn empty_object_is_demo_for_lack_of_client_id() {
    let s = Settings::parse("{}").unwrap();
    assert_eq!(s.mode, Mode::Demo);
    assert_eq!(s.demo_reason, Some(DemoReason::NoClientId));
    assert!(s.auth.is_none());
    assert_eq!(s.arm_endpoint, DEFAULT_ARM_ENDPOINT);
    assert_eq!(s.api_version, "2026-04-01");
}

#[test]
fn blank_client_id_is_demo() {
    let s = Settings::parse(r#"{"clientId": "  "}"#).unwrap();
    assert_eq!(s.mode, Mode::Demo);
}

#[test]
fn client_id_alone_means_azure_with_msal_defaults() {
    let s = Settings::parse(r#"{"clientId": "11111111-2222-3333-4444-555555555555"}"#).unwrap();
    assert_eq!(s.mode, Mode::Azure);
    assert_eq!(s.demo_reason, None);
    let auth = s.auth.unwrap();
    assert_eq!(auth.authority(), "https://login.microsoftonline.com/organizations");
    assert_eq!(auth.scopes, vec![ARM_SCOPE.to_owned()]);
    assert_eq!(auth.token_storage, TokenStorage::Session);
    assert_eq!(auth.redirect_uri, None);
}

#[test]
fn full_file_is_read_field_by_field() {
    let s = Settings::parse(
        r#"{
            "mode": "Azure",
            "clientId": "abc",
            "authority": "https://login.microsoftonline.com/contoso.onmicrosoft.com/",
            "tenantId": "contoso.onmicrosoft.com",
            "redirectUri": "https://anf.contoso.com/",
            "postLogoutRedirectUri": "https://anf.contoso.com/bye",
            "armEndpoint": "https://management.usgovcloudapi.net/",
            "apiVersion": "2025-12-01",
            "scopes": ["https://management.usgovcloudapi.net/user_impersonation"],
            "tokenStorage": "memory"
        }"#,
    )
    .unwrap();
    assert_eq!(s.mode, Mode::Azure);
    assert_eq!(s.arm_endpoint, "https://management.usgovcloudapi.net");
    assert_eq!(s.api_version, "2025-12-01");
    let auth = s.auth.unwrap();
    assert_eq!(auth.login_host, "https://login.microsoftonline.com");
    assert_eq!(auth.tenant, "contoso.onmicrosoft.com");
    assert_eq!(auth.authority_for("common"), "https://login.microsoftonline.com/common");
    // Redirect URIs are kept exactly: Entra compares them character for character.
    assert_eq!(auth.redirect_uri.as_deref(), Some("https://anf.contoso.com/"));
    assert_eq!(auth.post_logout_redirect_uri.as_deref(), Some("https://anf.contoso.com/bye"));
    assert_eq!(auth.token_storage, TokenStorage::Memory);
}

#[test]
fn explicit_demo_wins_over_a_client_id() {
    let s = Settings::parse(r#"{"mode": "demo", "clientId": "abc"}"#).unwrap();
    assert_eq!(s.mode, Mode::Demo);
    assert_eq!(s.demo_reason, Some(DemoReason::Requested));
    assert!(s.auth.is_none());
}

#[test]
fn loopback_http_is_allowed_for_local_stand_ins() {
    let s = Settings::parse(
        r#"{"clientId": "abc", "authority": "http://localhost:5556/tenant-1", "armEndpoint": "http://127.0.0.1:8090"}"#,
    )
    .unwrap();
    assert_eq!(s.auth.unwrap().authority(), "http://localhost:5556/tenant-1");
    assert_eq!(s.arm_endpoint, "http://127.0.0.1:8090");
}

#[test]
fn bad_json_names_the_file_and_position() {
    let e = err(r#"{"clientId": "abc",}"#);
    assert_eq!(e.field, "(file)");
    assert!(e.found.contains("line 1"), "{e}");
}

#[test]
fn not_an_object_is_refused() {
    let e = err("[1, 2]");
    assert_eq!(e.field, "(file)");
    assert_eq!(e.found, "a list");
}

#[test]
fn wrong_types_name_the_field() {
    let e = err(r#"{"clientId": 42}"#);
    assert_eq!(
        (e.field.as_str(), e.expected.as_str(), e.found.as_str()),
        ("clientId", "a string", "the number 42")
    );
    let e = err(r#"{"clientId": "a", "scopes": "openid"}"#);
    assert_eq!(e.field, "scopes");
    let e = err(r#"{"clientId": "a", "scopes": ["ok", 3]}"#);
    assert_eq!(e.field, "scopes");
    let e = err(r#"{"apiVersion": true}"#);
    assert_eq!(e.field, "apiVersion");
}

#[test]
fn authority_must_be_https() {
    let e = err(r#"{"clientId": "a", "authority": "http://login.microsoftonline.com/common"}"#);
    assert_eq!(e.field, "authority");
    assert!(e.expected.contains("https://"));
    let e = err(r#"{"clientId": "a", "authority": "login.microsoftonline.com/common"}"#);
    assert_eq!(e.field, "authority");
}

#[test]
fn authority_with_more_than_a_tenant_is_refused() {
    let e =
        err(r#"{"clientId": "a", "authority": "https://login.microsoftonline.com/common/v2.0"}"#);
    assert_eq!(e.field, "authority");
}

#[test]
fn tenant_disagreeing_with_authority_is_refused() {
    let e = err(
        r#"{"clientId": "a", "authority": "https://login.microsoftonline.com/common", "tenantId": "contoso.com"}"#,
    );
    assert_eq!(e.field, "tenantId");
}

#[test]
fn bad_tenant_is_refused() {
    let e = err(r#"{"clientId": "a", "tenantId": "con toso"}"#);
    assert_eq!(e.field, "tenantId");
}

#[test]
fn unknown_mode_is_refused() {
    let e = err(r#"{"mode": "production"}"#);
    assert_eq!(e.field, "mode");
    assert_eq!(e.found, "\"production\"");
    assert!(e.to_string().contains("\"demo\" or \"azure\""), "{e}");
}

#[test]
fn azure_mode_without_client_id_is_refused() {
    assert_eq!(err(r#"{"mode": "azure"}"#).field, "clientId");
}

#[test]
fn unknown_api_version_is_refused() {
    let e = err(r#"{"apiVersion": "2025-07-01"}"#);
    assert_eq!(e.field, "apiVersion");
    assert!(e.expected.contains("2026-04-01"));
}

#[test]
fn arm_endpoint_must_be_https() {
    assert_eq!(err(r#"{"armEndpoint": "http://management.azure.com"}"#).field, "armEndpoint");
    assert_eq!(err(r#"{"armEndpoint": "https://user@evil.example"}"#).field, "armEndpoint");
}

#[test]
fn unknown_token_storage_is_refused() {
    assert_eq!(err(r#"{"clientId": "a", "tokenStorage": "localStorage"}"#).field, "tokenStorage");
}

#[test]
fn unknown_field_is_refused_with_a_hint() {
    let e = err(r#"{"clientID": "abc"}"#);
    assert_eq!(e.field, "clientID");
    assert!(e.expected.contains("did you mean `clientId`"), "{e}");
}

#[test]
fn message_names_field_expectation_and_value() {
    let e = err(r#"{"clientId": "a", "redirectUri": "ftp://x"}"#);
    assert_eq!(
        e.to_string(),
        "config.json: `redirectUri` should be an https:// URL (http:// only for localhost or 127.0.0.1), but is \"ftp://x\""
    );
}
