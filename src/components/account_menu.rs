//! Who is signed in, and the way in or out (Azure mode only).

use crate::auth::{use_auth, AuthStatus, SignInOptions};
use leptos::prelude::*;

stylance::import_crate_style!(style, "src/components/account_menu.module.css");

/// In the banner: "Sign in", or the account with "Sign out". Nothing in demo mode.
#[component]
pub fn AccountMenu() -> impl IntoView {
    let Some(auth) = use_auth() else {
        return ().into_any();
    };
    view! {
        <div class=style::menu>
            {move || match auth.status.get() {
                AuthStatus::SignedIn(account) => {
                    let who = account.name.clone().or(account.username.clone()).unwrap_or_else(|| "Signed in".into());
                    view! {
                        <span class=style::who title=account.username.clone().unwrap_or_default() data-account>{who}</span>
                        <button type="button" class="btn btn-subtle" on:click=move |_| auth.sign_out()>"Sign out"</button>
                    }
                    .into_any()
                }
                _ => view! {
                    <button type="button" class="btn btn-primary" data-sign-in
                        on:click=move |_| auth.sign_in(SignInOptions::default())>"Sign in"</button>
                }
                .into_any(),
            }}
        </div>
    }
    .into_any()
}
