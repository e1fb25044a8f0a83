//! Says, above the page, when the app can't reach Azure without the user.

use crate::auth::{use_auth, AuthStatus, SignInOptions};
use leptos::prelude::*;

stylance::import_crate_style!(style, "src/components/sign_in_notice.module.css");

/// Shown when signed out, when the session ran out (24 hours, or revoked), or when sign-in
/// failed: what happened in plain words, and a button. Whatever the user typed stays where it is.
#[component]
pub fn SignInNotice() -> impl IntoView {
    let Some(auth) = use_auth() else {
        return ().into_any();
    };
    let message = move || match auth.status.get() {
        AuthStatus::SignedIn(_) => None,
        AuthStatus::SignedOut => Some((
            false,
            "Sign in with your Microsoft Entra ID account to work with Azure NetApp Files."
                .to_owned(),
        )),
        AuthStatus::SignInRequired { message } => {
            Some((false, format!("{message} Your drafts and running operations are kept.")))
        }
        AuthStatus::Error { message } => Some((true, message)),
    };
    view! {
        {move || message().map(|(error, text)| view! {
            <div class=move || if error { format!("{} {}", style::notice, style::error) } else { style::notice.to_owned() }
                role=if error { "alert" } else { "status" } data-auth-notice>
                <p>{text}</p>
                <button type="button" class="btn btn-primary"
                    on:click=move |_| auth.sign_in(SignInOptions::default())>"Sign in"</button>
            </div>
        })}
    }
    .into_any()
}
