//! The signed-in session and when to renew it, as pure functions of `now`.
//!
//! MSAL's rules: renew five minutes before the access token expires (or halfway through a token
//! that lives less than ten minutes, as short-lived test tokens do, so not every call renews),
//! and again when a call gets 401. A SPA's refresh token lives 24 hours from sign-in and does not slide: every renewal
//! returns a new refresh token (keep the newest) carrying only the remaining lifetime. After
//! that only an interactive sign-in helps.

use super::authority::Authority;
use super::error::AuthError;
use super::id_token::IdTokenClaims;
use super::token::TokenResponse;
use crate::time::Timestamp;
use serde::{Deserialize, Serialize};
use std::fmt;
use std::time::Duration;

/// Renew this long before the access token expires.
pub const RENEW_BEFORE: Duration = Duration::from_secs(5 * 60);
/// How long a SPA's refresh token lives from the interactive sign-in.
pub const SPA_REFRESH_TOKEN_LIFETIME: Duration = Duration::from_secs(24 * 60 * 60);

/// Who is signed in.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Account {
    /// The sign-in name (UPN or email).
    pub username: Option<String>,
    /// Display name.
    pub name: Option<String>,
    /// The tenant signed in to (the `tid` claim).
    pub tenant_id: String,
    /// The user's object id in that tenant.
    pub object_id: Option<String>,
    /// Entra's `login_hint` claim, for a later sign-in or sign-out.
    pub login_hint: Option<String>,
}

impl Account {
    /// The account an ID token describes; the tenant falls back to the authority's.
    #[must_use]
    pub fn from_claims(claims: &IdTokenClaims, authority: &Authority) -> Self {
        Self {
            username: claims.preferred_username.clone(),
            name: claims.name.clone(),
            tenant_id: claims.tid.clone().unwrap_or_else(|| authority.tenant().to_owned()),
            object_id: claims.oid.clone(),
            login_hint: claims.login_hint.clone(),
        }
    }

    /// What to pass as `login_hint`: Entra's opaque hint, else the user name.
    #[must_use]
    pub fn hint(&self) -> Option<&str> {
        self.login_hint.as_deref().or(self.username.as_deref())
    }
}

/// What to do before a call that needs a token.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TokenDecision {
    /// The access token is good.
    Use,
    /// Renew with the refresh token first. `still_valid`: if renewal fails for a passing reason,
    /// the current token may still be used.
    Renew {
        /// The current access token has not expired yet.
        still_valid: bool,
    },
    /// No token can be had silently: ask the user to sign in (keeping their work).
    SignIn,
}

/// A signed-in session: tokens, their deadlines and the account.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Session {
    /// Who.
    pub account: Account,
    /// The authority of the user's real tenant (never `common`): where renewals go.
    pub authority: Authority,
    /// The scopes asked for.
    pub scopes: Vec<String>,
    access_token: String,
    /// When the access token was received.
    #[serde(default)]
    pub issued_at: Timestamp,
    /// When the access token expires.
    pub expires_at: Timestamp,
    refresh_token: Option<String>,
    /// When the refresh token dies; it never moves later.
    pub refresh_deadline: Option<Timestamp>,
}

// Tokens stay out of logs.
impl fmt::Debug for Session {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Session")
            .field("account", &self.account)
            .field("authority", &self.authority)
            .field("expires_at", &self.expires_at)
            .field("has_refresh_token", &self.refresh_token.is_some())
            .field("refresh_deadline", &self.refresh_deadline)
            .finish_non_exhaustive()
    }
}

impl Session {
    /// The session after an interactive sign-in at `authority`, whose ID token was validated.
    ///
    /// A multi-tenant authority is replaced by the user's own tenant, so renewals and the token
    /// cache belong to one real tenant (as MSAL does).
    ///
    /// # Errors
    /// [`AuthError::InvalidResponse`] when the answer has no ID token.
    pub fn from_sign_in(
        authority: &Authority,
        scopes: Vec<String>,
        response: TokenResponse,
        now: Timestamp,
    ) -> Result<Self, AuthError> {
        let id = response.id_token.as_deref().ok_or_else(|| {
            AuthError::InvalidResponse("no ID token in the sign-in answer".into())
        })?;
        let claims = IdTokenClaims::decode(id)?;
        let account = Account::from_claims(&claims, authority);
        let authority = if authority.is_multi_tenant() {
            authority.with_tenant(&account.tenant_id)
        } else {
            authority.clone()
        };
        let refresh_deadline = response
            .refresh_token
            .as_ref()
            .map(|_| now.plus(refresh_lifetime(response.refresh_token_expires_in)));
        Ok(Self {
            account,
            authority,
            scopes,
            issued_at: now,
            expires_at: now.plus(Duration::from_secs(response.expires_in)),
            access_token: response.access_token,
            refresh_token: response.refresh_token,
            refresh_deadline,
        })
    }

    /// The bearer token.
    #[must_use]
    pub fn access_token(&self) -> &str {
        &self.access_token
    }

    /// The newest refresh token.
    #[must_use]
    pub fn refresh_token(&self) -> Option<&str> {
        self.refresh_token.as_deref()
    }

    /// True while the refresh token can still be used at `now`.
    #[must_use]
    pub fn can_refresh(&self, now: Timestamp) -> bool {
        self.refresh_token.is_some() && self.refresh_deadline.is_none_or(|d| now < d)
    }

    /// When renewal is due: [`RENEW_BEFORE`] ahead of expiry, or halfway for a short token.
    #[must_use]
    pub fn renew_at(&self) -> Timestamp {
        let lifetime = self.expires_at.since(self.issued_at);
        let ahead = RENEW_BEFORE.min(lifetime / 2);
        Timestamp(self.expires_at.millis().saturating_sub(ahead.as_millis() as u64))
    }

    /// Before a call: use, renew or sign in again.
    #[must_use]
    pub fn decide(&self, now: Timestamp) -> TokenDecision {
        let still_valid = now < self.expires_at;
        if now < self.renew_at() {
            TokenDecision::Use
        } else if self.can_refresh(now) {
            TokenDecision::Renew { still_valid }
        } else if still_valid {
            // Nothing to renew with, but the token works for a few more minutes.
            TokenDecision::Use
        } else {
            TokenDecision::SignIn
        }
    }

    /// After ARM answered 401 to this token: renew if possible, else sign in. The token is
    /// treated as expired from now on.
    pub fn on_unauthorized(&mut self, now: Timestamp) -> TokenDecision {
        self.expires_at = self.expires_at.min(now);
        if self.can_refresh(now) {
            TokenDecision::Renew { still_valid: false }
        } else {
            TokenDecision::SignIn
        }
    }

    /// Why renewal is impossible at `now`, in plain words, or `None` if it is possible.
    #[must_use]
    pub fn why_no_renewal(&self, now: Timestamp) -> Option<AuthError> {
        if self.can_refresh(now) {
            return None;
        }
        Some(AuthError::SignInRequired(if self.refresh_token.is_some() {
            "Your sign-in is more than 24 hours old.".into()
        } else {
            "Your sign-in cannot be renewed without you.".into()
        }))
    }

    /// Drops a refresh token the identity provider refused (revoked, expired, reused), so
    /// later calls stop trying it and ask for a sign-in once the access token runs out.
    pub fn forget_refresh_token(&mut self) {
        self.refresh_token = None;
    }

    /// Takes in a renewal's answer: the new access token, and the new refresh token if one came
    /// (keeping the newest). The refresh deadline never moves later.
    pub fn apply_refresh(&mut self, response: TokenResponse, now: Timestamp) {
        self.access_token = response.access_token;
        self.issued_at = now;
        self.expires_at = now.plus(Duration::from_secs(response.expires_in));
        if let Some(rt) = response.refresh_token {
            self.refresh_token = Some(rt);
            let offered = now.plus(refresh_lifetime(response.refresh_token_expires_in));
            self.refresh_deadline = Some(self.refresh_deadline.map_or(offered, |d| d.min(offered)));
        }
    }
}

/// The refresh token's lifetime: what the server says, never more than a SPA's 24 hours.
fn refresh_lifetime(seconds: Option<u64>) -> Duration {
    seconds.map_or(SPA_REFRESH_TOKEN_LIFETIME, |s| {
        Duration::from_secs(s).min(SPA_REFRESH_TOKEN_LIFETIME)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::auth::id_token::tests::jwt;

    const HOUR: u64 = 3600;

    fn sign_in_answer(expires_in: u64, rt: Option<&str>) -> TokenResponse {
        TokenResponse {
            access_token: "at1".into(),
            token_type: "Bearer".into(),
            expires_in,
            scope: None,
            refresh_token: rt.map(str::to_owned),
            refresh_token_expires_in: None,
            id_token: Some(jwt(&serde_json::json!({
                "iss": "x", "aud": "cid", "exp": 1, "tid": "t-real", "oid": "o",
                "preferred_username": "ada@contoso.com"
            }))),
        }
    }

    fn session(now: Timestamp) -> Session {
        let a = Authority::new("https://login.microsoftonline.com", "organizations").unwrap();
        Session::from_sign_in(&a, vec!["s".into()], sign_in_answer(HOUR, Some("rt1")), now).unwrap()
    }

    #[test]
    fn multi_tenant_sign_in_settles_on_the_real_tenant() {
        let s = session(Timestamp::from_secs(0));
        assert_eq!(s.authority.tenant(), "t-real");
        assert_eq!(s.account.tenant_id, "t-real");
        assert_eq!(s.account.hint(), Some("ada@contoso.com"));
        assert!(!format!("{s:?}").contains("at1"));
    }

    #[test]
    fn renew_five_minutes_before_expiry() {
        let t0 = Timestamp::from_secs(1_000);
        let s = session(t0);
        assert_eq!(s.decide(t0), TokenDecision::Use);
        assert_eq!(s.decide(Timestamp::from_secs(1_000 + HOUR - 301)), TokenDecision::Use);
        assert_eq!(
            s.decide(Timestamp::from_secs(1_000 + HOUR - 300)),
            TokenDecision::Renew { still_valid: true }
        );
        assert_eq!(
            s.decide(Timestamp::from_secs(1_000 + HOUR + 1)),
            TokenDecision::Renew { still_valid: false }
        );
    }

    #[test]
    fn short_tokens_renew_halfway_not_on_every_call() {
        let a = Authority::new("https://login.microsoftonline.com", "t").unwrap();
        let t0 = Timestamp::from_secs(100);
        let s = Session::from_sign_in(&a, vec![], sign_in_answer(60, Some("rt")), t0).unwrap();
        assert_eq!(s.decide(Timestamp::from_secs(129)), TokenDecision::Use);
        assert_eq!(s.decide(Timestamp::from_secs(130)), TokenDecision::Renew { still_valid: true });
    }

    #[test]
    fn after_24_hours_only_a_sign_in_helps() {
        let t0 = Timestamp::from_secs(0);
        let s = session(t0);
        let day = Timestamp::from_secs(24 * HOUR);
        assert_eq!(s.decide(day), TokenDecision::SignIn);
        assert!(s.why_no_renewal(day).unwrap().user_message().contains("24 hours"));
        assert_eq!(s.why_no_renewal(Timestamp::from_secs(24 * HOUR - 1)), None);
    }

    #[test]
    fn a_401_forces_renewal_or_sign_in() {
        let t0 = Timestamp::from_secs(0);
        let mut s = session(t0);
        assert_eq!(s.on_unauthorized(t0), TokenDecision::Renew { still_valid: false });
        assert_eq!(s.decide(t0), TokenDecision::Renew { still_valid: false });
        let mut s = session(t0);
        assert_eq!(s.on_unauthorized(Timestamp::from_secs(25 * HOUR)), TokenDecision::SignIn);
    }

    #[test]
    fn no_refresh_token_means_use_until_expiry_then_sign_in() {
        let a = Authority::new("https://login.microsoftonline.com", "t").unwrap();
        let t0 = Timestamp::from_secs(0);
        let s = Session::from_sign_in(&a, vec![], sign_in_answer(HOUR, None), t0).unwrap();
        assert_eq!(s.decide(Timestamp::from_secs(HOUR - 10)), TokenDecision::Use);
        assert_eq!(s.decide(Timestamp::from_secs(HOUR)), TokenDecision::SignIn);
    }

    #[test]
    fn refresh_keeps_the_newest_token_and_the_deadline_does_not_slide() {
        let t0 = Timestamp::from_secs(0);
        let mut s = session(t0);
        let deadline = s.refresh_deadline.unwrap();
        let t1 = Timestamp::from_secs(HOUR);
        let mut answer = sign_in_answer(HOUR, Some("rt2"));
        answer.access_token = "at2".into();
        answer.refresh_token_expires_in = Some(24 * HOUR); // a server that would slide it
        s.apply_refresh(answer, t1);
        assert_eq!(s.access_token(), "at2");
        assert_eq!(s.refresh_token(), Some("rt2"));
        assert_eq!(s.refresh_deadline, Some(deadline));
        assert_eq!(s.expires_at, Timestamp::from_secs(2 * HOUR));
        // A renewal without a new refresh token keeps the one we have.
        s.apply_refresh(sign_in_answer(HOUR, None), t1);
        assert_eq!(s.refresh_token(), Some("rt2"));
        // A shorter remaining lifetime from the server is believed.
        s.apply_refresh(
            TokenResponse {
                refresh_token_expires_in: Some(60),
                ..sign_in_answer(HOUR, Some("rt3"))
            },
            t1,
        );
        assert_eq!(s.refresh_deadline, Some(Timestamp::from_secs(HOUR + 60)));
    }

    #[test]
    fn a_refused_refresh_token_is_not_tried_again() {
        let t0 = Timestamp::from_secs(0);
        let mut s = session(t0);
        s.forget_refresh_token();
        assert!(!s.can_refresh(t0));
        assert_eq!(s.decide(Timestamp::from_secs(HOUR - 60)), TokenDecision::Use);
        assert_eq!(s.decide(Timestamp::from_secs(HOUR)), TokenDecision::SignIn);
    }

    #[test]
    fn survives_storage() {
        let s = session(Timestamp::from_secs(0));
        let back: Session = serde_json::from_str(&serde_json::to_string(&s).unwrap()).unwrap();
        assert_eq!(back, s);
    }
}
