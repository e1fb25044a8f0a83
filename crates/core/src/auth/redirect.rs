//! The browser's return from the identity provider: the code (or an error) in the fragment or
//! the query, and the address without them.
//!
//! The page must complete this before anything else on every load (MSAL's rule): otherwise the
//! app may start a new sign-in and loop.

use super::error::IdpError;
use url::Url;

/// Parameters Entra may add on the way back; all are removed from the address bar.
const AUTH_PARAMS: [&str; 11] = [
    "code",
    "state",
    "session_state",
    "client_info",
    "error",
    "error_description",
    "error_uri",
    "error_codes",
    "suberror",
    "iss",
    "correlation_id",
];

/// What came back.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RedirectResponse {
    /// Success: a code to redeem, with the `state` to check first.
    Code {
        /// The authorization code (short-lived, one use).
        code: String,
        /// The `state` echoed back.
        state: String,
    },
    /// The identity provider refused or failed.
    Error {
        /// What it said.
        error: IdpError,
        /// The `state` echoed back, if any.
        state: Option<String>,
    },
}

impl RedirectResponse {
    /// The `state` echoed back.
    #[must_use]
    pub fn state(&self) -> Option<&str> {
        match self {
            Self::Code { state, .. } => Some(state),
            Self::Error { state, .. } => state.as_deref(),
        }
    }
}

/// Reads a sign-in response from the page URL: the fragment first (the default response mode),
/// then the query. `None` when the URL carries no response.
#[must_use]
pub fn parse_redirect(page_url: &str) -> Option<RedirectResponse> {
    let url = Url::parse(page_url).ok()?;
    let fragment = url.fragment().map(pairs).unwrap_or_default();
    let query = url.query().map(pairs).unwrap_or_default();
    from_pairs(&fragment).or_else(|| from_pairs(&query))
}

fn pairs(s: &str) -> Vec<(String, String)> {
    url::form_urlencoded::parse(s.as_bytes()).into_owned().collect()
}

fn get<'a>(p: &'a [(String, String)], name: &str) -> Option<&'a str> {
    p.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str())
}

fn from_pairs(p: &[(String, String)]) -> Option<RedirectResponse> {
    let state = get(p, "state").map(str::to_owned);
    if let Some(error) = get(p, "error") {
        let error_codes = get(p, "error_codes")
            .map(|c| {
                c.trim_matches(['[', ']'])
                    .split(',')
                    .filter_map(|n| n.trim().parse().ok())
                    .collect()
            })
            .unwrap_or_default();
        let idp = IdpError {
            error: error.to_owned(),
            error_description: get(p, "error_description").map(str::to_owned),
            error_codes,
            suberror: get(p, "suberror").map(str::to_owned),
            trace_id: None,
            correlation_id: get(p, "correlation_id").map(str::to_owned),
        };
        return Some(RedirectResponse::Error { error: idp, state });
    }
    let code = get(p, "code")?;
    Some(RedirectResponse::Code { code: code.to_owned(), state: state.unwrap_or_default() })
}

/// The page URL without the sign-in parameters, for `history.replaceState`: the code must not
/// stay in the address bar, the history or a bookmark.
#[must_use]
pub fn clean_url(page_url: &str) -> String {
    let Ok(mut url) = Url::parse(page_url) else {
        return page_url.to_owned();
    };
    let keep = |s: &str| -> Option<String> {
        let kept: Vec<(String, String)> =
            pairs(s).into_iter().filter(|(k, _)| !AUTH_PARAMS.contains(&k.as_str())).collect();
        if kept.is_empty() {
            None
        } else {
            Some(url::form_urlencoded::Serializer::new(String::new()).extend_pairs(kept).finish())
        }
    };
    // A fragment that is not form-encoded parameters belongs to the app: leave it alone.
    if let Some(f) = url.fragment().map(str::to_owned) {
        if from_pairs(&pairs(&f)).is_some() {
            url.set_fragment(keep(&f).as_deref());
        }
    }
    if let Some(q) = url.query().map(str::to_owned) {
        url.set_query(keep(&q).as_deref());
    }
    url.into()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn code_from_the_fragment() {
        let r = parse_redirect(
            "https://app.example/#code=0.AX%2Fabc&client_info=eyJ&state=s1&session_state=x",
        );
        assert_eq!(r, Some(RedirectResponse::Code { code: "0.AX/abc".into(), state: "s1".into() }));
    }

    #[test]
    fn code_from_the_query() {
        let r = parse_redirect("http://localhost:8080/?code=c&state=s");
        assert_eq!(r.unwrap().state(), Some("s"));
    }

    #[test]
    fn errors_from_the_identity_provider() {
        let r = parse_redirect(
            "https://app.example/#error=interaction_required&error_description=AADSTS50076%3A+MFA+needed&state=s2",
        )
        .unwrap();
        let RedirectResponse::Error { error, state } = r else { panic!("not an error") };
        assert_eq!(error.error, "interaction_required");
        assert_eq!(error.aadsts(), Some(50_076));
        assert_eq!(state.as_deref(), Some("s2"));
    }

    #[test]
    fn ordinary_urls_are_not_responses() {
        assert_eq!(parse_redirect("https://app.example/volumes?tab=2#section"), None);
        assert_eq!(parse_redirect("not a url"), None);
    }

    #[test]
    fn cleaning_removes_only_sign_in_parameters() {
        assert_eq!(
            clean_url("https://app.example/#code=c&state=s&session_state=x"),
            "https://app.example/"
        );
        assert_eq!(
            clean_url("https://app.example/volumes?tab=2&code=c&state=s"),
            "https://app.example/volumes?tab=2"
        );
        assert_eq!(
            clean_url("https://app.example/volumes?tab=2#section"),
            "https://app.example/volumes?tab=2#section"
        );
    }
}
