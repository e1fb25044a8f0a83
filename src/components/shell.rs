//! The frame around every page: banner, navigation, main area.

use crate::components::{
    account_menu::AccountMenu, link_banner::LinkBanner, mode_badge::ModeBadge, nav_bar::NavBar,
    scope_summary::ScopeSummary, sign_in_notice::SignInNotice, theme_toggle::ThemeToggle,
    toast_region::ToastRegion,
};
use leptos::prelude::*;

stylance::import_crate_style!(style, "src/components/shell.module.css");

/// Banner with the product name, the mode badge and the theme toggle; the navigation; and the
/// main landmark that pages render into.
#[component]
pub fn Shell(children: Children) -> impl IntoView {
    // Start-up benchmark (scripts/bench): effects run once the view is mounted, so this mark is
    // when the shell is interactive; bench/bare-app sets the same mark for the baseline.
    Effect::new(|_| {
        if let Some(p) = window().performance() {
            let _ = p.mark("anf-shell-ready");
        }
    });
    view! {
        <div class=style::shell>
            <a class=style::skip_link href="#main">"Skip to main content"</a>
            <header class=style::banner>
                <a class=style::brand href="/migrations">
                    <span class=style::logo aria-hidden="true"></span>
                    <span>"anf-migrate"</span>
                </a>
                <span class=style::tagline>"ONTAP to Azure NetApp Files"</span>
                <div class=style::scope>
                    <ScopeSummary />
                </div>
                <div class=style::banner_end>
                    <ModeBadge />
                    <ThemeToggle />
                    <AccountMenu />
                </div>
            </header>
            <NavBar />
            <main id="main" class=style::main tabindex="-1">
                <SignInNotice />
                <LinkBanner />
                {children()}
            </main>
            <ToastRegion />
        </div>
    }
}
