//! Browser tests of the glue's refusals and storage, in headless Chromium. The full round trip
//! (sign in, renew, claims challenge, sign out) is a WebDriver journey against the stand-in.

use super::store::{save_pending, take_pending, SessionStore};
use super::{AuthClient, AuthError, AuthStatus, SignInOptions};
use anf_core::auth::{Authority, PendingSignIn, Session, TokenResponse};
use anf_core::settings::{AuthSettings, TokenStorage};
use anf_core::time::Timestamp;
use leptos::prelude::GetUntracked;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

fn settings(storage: TokenStorage) -> AuthSettings {
    AuthSettings {
        client_id: "cid".into(),
        login_host: "http://127.0.0.1:9".into(),
        tenant: "t1".into(),
        redirect_uri: None,
        post_logout_redirect_uri: None,
        scopes: vec!["https://management.azure.com/user_impersonation".into()],
        token_storage: storage,
    }
}

fn pending(state: &str, return_to: &str) -> PendingSignIn {
    PendingSignIn {
        state: state.into(),
        nonce: "n".into(),
        code_verifier: "v".repeat(43),
        authority: Authority::new("http://127.0.0.1:9", "t1").unwrap(),
        redirect_uri: "http://127.0.0.1/".into(),
        scopes: vec![],
        return_to: return_to.into(),
        started: super::browser::now(),
        client_request_id: "c".into(),
        claims: None,
    }
}

fn set_address(path_and_more: &str) {
    super::browser::replace_url(&format!("{}{}", super::browser::origin(), path_and_more));
}

fn storage(local: bool) -> web_sys::Storage {
    let w = web_sys::window().unwrap();
    if local { w.local_storage() } else { w.session_storage() }.unwrap().unwrap()
}

#[wasm_bindgen_test]
async fn a_tampered_state_is_refused_and_the_code_leaves_the_address_bar() {
    let before = super::browser::route();
    save_pending(&pending("the-real-state", "/migrations?tab=2"));
    set_address("/#code=stolen&state=forged");
    let client = AuthClient::new(&settings(TokenStorage::Session)).unwrap();
    assert_eq!(client.complete_sign_in().await, Err(AuthError::StateMismatch));
    assert_eq!(super::browser::route(), "/migrations?tab=2");
    assert!(client.account().is_none());
    assert!(take_pending().is_none(), "a pending sign-in is used once only");
    set_address(&before);
}

#[wasm_bindgen_test]
async fn a_response_nobody_asked_for_is_refused() {
    let before = super::browser::route();
    let _ = take_pending();
    set_address("/volumes?x=1#code=c&state=s");
    let client = AuthClient::new(&settings(TokenStorage::Session)).unwrap();
    assert_eq!(client.complete_sign_in().await, Err(AuthError::NoPendingSignIn));
    assert_eq!(super::browser::route(), "/volumes?x=1");
    set_address(&before);
}

#[wasm_bindgen_test]
async fn identity_provider_errors_come_back_in_plain_words() {
    let before = super::browser::route();
    save_pending(&pending("s1", "/activity"));
    set_address("/#error=consent_required&error_description=AADSTS65001%3A+no+consent&state=s1");
    let client = AuthClient::new(&settings(TokenStorage::Session)).unwrap();
    let error = client.complete_sign_in().await.unwrap_err();
    assert!(error.requires_sign_in());
    assert!(error.user_message().contains("administrator"), "{}", error.user_message());
    assert_eq!(super::browser::route(), "/activity");
    set_address(&before);
}

#[wasm_bindgen_test]
async fn an_ordinary_page_load_is_not_a_response() {
    let client = AuthClient::new(&settings(TokenStorage::Session)).unwrap();
    assert_eq!(client.complete_sign_in().await, Ok(None));
}

#[wasm_bindgen_test]
async fn without_a_session_a_token_needs_sign_in() {
    let client = AuthClient::new(&settings(TokenStorage::Memory)).unwrap();
    assert!(matches!(client.access_token().await, Err(AuthError::SignInRequired(_))));
    // Never signed in is "signed out", not a lost session that needs signing in again.
    assert_eq!(client.status().get_untracked(), AuthStatus::SignedOut);
}

#[wasm_bindgen_test]
async fn a_failed_discovery_is_reported_not_navigated() {
    // Port 9 (discard) refuses connections: the sign-in must fail in words, not leave the page.
    let client = AuthClient::new(&settings(TokenStorage::Session)).unwrap();
    let error = client.sign_in(SignInOptions::default()).await.unwrap_err();
    assert!(matches!(error, AuthError::Network(_)), "{error:?}");
}

/// base64url without padding (the app has no base64 crate of its own).
fn b64(bytes: &[u8]) -> String {
    const A: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    let mut out = String::new();
    for chunk in bytes.chunks(3) {
        let n = chunk.iter().enumerate().fold(0u32, |n, (i, b)| n | u32::from(*b) << (16 - 8 * i));
        for i in 0..=chunk.len() {
            out.push(char::from(A[(n >> (18 - 6 * i) & 63) as usize]));
        }
    }
    out
}

fn a_session() -> Session {
    let payload = serde_json::json!({"iss": "x", "aud": "cid", "exp": 1, "tid": "t1", "preferred_username": "ada@contoso.test"});
    let answer = TokenResponse {
        access_token: "secret-access-token".into(),
        token_type: "Bearer".into(),
        expires_in: 3600,
        scope: None,
        refresh_token: Some("secret-refresh-token".into()),
        refresh_token_expires_in: None,
        id_token: Some(format!("{}.{}.sig", b64(b"{}"), b64(payload.to_string().as_bytes()))),
    };
    let authority = Authority::new("http://127.0.0.1:9", "t1").unwrap();
    Session::from_sign_in(&authority, vec![], answer, Timestamp(0)).unwrap()
}

fn contents(s: &web_sys::Storage) -> String {
    (0..s.length().unwrap())
        .filter_map(|i| s.key(i).ok().flatten())
        .map(|k| format!("{k}={}", s.get_item(&k).unwrap().unwrap_or_default()))
        .collect()
}

#[wasm_bindgen_test]
fn tokens_go_to_session_storage_or_memory_never_local_storage() {
    let session = a_session();
    let stored = SessionStore::new(TokenStorage::Session, "cid");
    stored.save(Some(&session));
    assert!(contents(&storage(false)).contains("secret-refresh-token"));
    assert_eq!(SessionStore::new(TokenStorage::Session, "cid").load(), Some(session.clone()));
    // Another client's saved session is not picked up (config.json changed).
    assert_eq!(SessionStore::new(TokenStorage::Session, "other-client").load(), None);
    stored.save(None);
    assert!(!contents(&storage(false)).contains("secret"));

    let memory = SessionStore::new(TokenStorage::Memory, "cid");
    memory.save(Some(&session));
    assert_eq!(memory.load(), Some(session));
    assert!(!contents(&storage(false)).contains("secret"), "memory mode writes no storage");
    assert!(!contents(&storage(true)).contains("secret"), "never localStorage");
}
