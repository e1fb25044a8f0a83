//! What a lazy page shows when its code did not arrive.

use leptos::prelude::*;

stylance::import_crate_style!(style, "src/components/chunk_failed.module.css");

/// Says the page's code did not load and why that happens (offline, or a new version deployed
/// since the tab opened, whose files replaced this one's), and offers a reload, which gets the
/// current version. Drafts, running operations and guided cut-overs are in sessionStorage and
/// come back after it; "Try again" fetches the code again without leaving (enough when the line
/// was only down for a moment).
#[component]
pub fn ChunkFailed(
    /// Loads the code again.
    retry: Callback<()>,
) -> impl IntoView {
    let reload = move |_| {
        let _ = window().location().reload();
    };
    view! {
        <section class=style::panel role="alert" aria-labelledby="chunk-failed-title" data-chunk-failed="true">
            <h2 id="chunk-failed-title">"This part of anf-migrate did not load"</h2>
            <p>
                "Its code could not be downloaded: the network may be down, or a new version of "
                "anf-migrate was deployed since this tab was opened. Reload the page to get the "
                "current version."
            </p>
            <p class=style::kept>
                "Your drafts, running operations and guided cut-overs are kept in this tab and "
                "come back after the reload."
            </p>
            <div class=style::actions>
                <button type="button" class="btn btn-primary" data-reload="true" on:click=reload>
                    "Reload"
                </button>
                <button type="button" class="btn" data-retry="true" on:click=move |_| retry.run(())>
                    "Try again"
                </button>
            </div>
        </section>
    }
}
