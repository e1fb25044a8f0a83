//! What the sign-in keeps while the page lives: the app registration's settings, the session
//! and where it is stored, ARM's pending claims, the discovery documents and the status the UI
//! follows. Both the token logic ([`super::client`]) and the interactive flows
//! ([`super::interactive`]) work on it; neither owns the other.

use super::browser::origin;
use super::http;
use super::store::SessionStore;
use super::types::AuthStatus;
use anf_core::auth::authorize::request_scopes;
use anf_core::auth::{Account, AuthError, Authority, OpenIdConfiguration, Session};
use anf_core::settings::AuthSettings;
use leptos::prelude::{ArcRwSignal, Set};
use std::cell::RefCell;

/// "This client handles claims challenges" (continuous access evaluation), declared as MSAL's
/// `clientCapabilities: ["CP1"]` does.
pub(crate) const CLIENT_CAPABILITIES: [&str; 1] = ["CP1"];

/// The sign-in's state in this page.
pub(crate) struct AuthState {
    pub(crate) client_id: String,
    pub(crate) redirect_uri: String,
    pub(crate) post_logout_redirect_uri: String,
    pub(crate) scopes: Vec<String>,
    /// The configured authority (tenant).
    pub(crate) authority: Authority,
    store: SessionStore,
    session: RefCell<Option<Session>>,
    discovery: RefCell<Vec<(String, OpenIdConfiguration)>>,
    /// Claims asked for by ARM's last challenge, until a token with them is obtained.
    pub(crate) pending_claims: RefCell<Option<String>>,
    pub(crate) status: ArcRwSignal<AuthStatus>,
}

impl AuthState {
    /// The state for these settings, with the session saved in this tab (if any).
    pub(crate) fn new(settings: &AuthSettings) -> Result<Self, AuthError> {
        let authority = Authority::new(&settings.login_host, &settings.tenant)?;
        let redirect_uri =
            settings.redirect_uri.clone().unwrap_or_else(|| format!("{}/", origin()));
        let post_logout_redirect_uri =
            settings.post_logout_redirect_uri.clone().unwrap_or_else(|| redirect_uri.clone());
        let store = SessionStore::new(settings.token_storage, &settings.client_id);
        let session = store.load();
        let status = ArcRwSignal::new(match &session {
            Some(s) => AuthStatus::SignedIn(s.account.clone()),
            None => AuthStatus::SignedOut,
        });
        Ok(Self {
            client_id: settings.client_id.clone(),
            redirect_uri,
            post_logout_redirect_uri,
            scopes: request_scopes(&settings.scopes),
            authority,
            store,
            session: RefCell::new(session),
            discovery: RefCell::new(Vec::new()),
            pending_claims: RefCell::new(None),
            status,
        })
    }

    /// A copy of the session.
    pub(crate) fn session(&self) -> Option<Session> {
        self.session.borrow().clone()
    }

    /// Changes the session in place and stores it (`f` returns what it read).
    pub(crate) fn with_session_mut<R>(&self, f: impl FnOnce(Option<&mut Session>) -> R) -> R {
        let mut session = self.session.borrow_mut();
        let r = f(session.as_mut());
        self.store.save(session.as_ref());
        r
    }

    /// Who is signed in.
    pub(crate) fn account(&self) -> Option<Account> {
        self.session.borrow().as_ref().map(|s| s.account.clone())
    }

    /// The authority tokens come from now: the signed-in tenant's, else the configured one.
    pub(crate) fn current_authority(&self) -> Authority {
        self.session
            .borrow()
            .as_ref()
            .map_or_else(|| self.authority.clone(), |s| s.authority.clone())
    }

    /// Replaces the session, stores it, and says so to the UI.
    pub(crate) fn set_session(&self, session: Option<Session>) {
        self.store.save(session.as_ref());
        self.status.set(match &session {
            Some(s) => AuthStatus::SignedIn(s.account.clone()),
            None => AuthStatus::SignedOut,
        });
        *self.session.borrow_mut() = session;
    }

    /// The user must sign in again; the status says why.
    pub(crate) fn require_sign_in(&self, error: &AuthError) {
        self.status.set(AuthStatus::SignInRequired { message: error.user_message() });
    }

    /// The discovery document of `authority`, fetched once per page.
    pub(crate) async fn discovery(
        &self,
        authority: &Authority,
    ) -> Result<OpenIdConfiguration, AuthError> {
        if let Some(c) = self.cached_discovery(authority) {
            return Ok(c);
        }
        let config = fetch_discovery(authority).await?;
        self.discovery.borrow_mut().push((authority.url(), config.clone()));
        Ok(config)
    }

    /// The discovery document of `authority` if this page has it already.
    pub(crate) fn cached_discovery(&self, authority: &Authority) -> Option<OpenIdConfiguration> {
        let key = authority.url();
        self.discovery.borrow().iter().find(|(k, _)| *k == key).map(|(_, c)| c.clone())
    }
}

/// Fetches the OpenID discovery document of `authority`.
pub(crate) async fn fetch_discovery(
    authority: &Authority,
) -> Result<OpenIdConfiguration, AuthError> {
    let url = authority.discovery_url();
    let (status, body) = http::get(&url).await?;
    if status != 200 {
        return Err(AuthError::InvalidResponse(format!("HTTP {status} from {url}")));
    }
    OpenIdConfiguration::parse(&body)
}
