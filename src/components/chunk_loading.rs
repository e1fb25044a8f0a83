//! What a lazy page shows while its code arrives.

use leptos::prelude::*;

stylance::import_crate_style!(style, "src/components/chunk_loading.module.css");

/// A quiet line with a spinner, inside the shell. It fades in after a moment, so a chunk that
/// arrives at once (a fast line, or loaded before) does not flash it.
#[component]
pub fn ChunkLoading(
    /// e.g. "Loading the page…".
    message: &'static str,
) -> impl IntoView {
    view! {
        <div class=style::loading role="status" aria-live="polite" data-chunk-loading="true">
            <span class=style::spinner aria-hidden="true"></span>
            <span>{message}</span>
        </div>
    }
}
