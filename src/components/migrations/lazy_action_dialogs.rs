//! The actions' dialogs (Dry run, Resume, Finalize, Cancel and the guided cut-over's panel) in
//! a chunk of their own in the split build: the Migrations page, where every visit starts, is
//! interactive without them. A row mounts its dialogs only once an action is picked; the chunk
//! is fetched a moment earlier, when the pointer or the focus reaches the row's actions
//! ([`preload_action_dialogs`]), so it is in by the time a dialog opens. Without the split (the
//! browser tests, `trunk serve`) the dialogs are mounted directly.

use super::action_dialogs::{ActionDialogs, DialogSwitches};
use crate::state::live::LiveRow;
use anf_core::migration::MigrationAction;
use leptos::prelude::*;

#[cfg(anf_split)]
mod split {
    use super::{ActionDialogs, DialogSwitches, LiveRow, MigrationAction};
    use crate::lazy::ChunkError;
    use futures::future::LocalBoxFuture;
    use leptos::prelude::*;

    #[leptos::wasm_split::wasm_split(
        action_dialogs,
        wasm_split_path = ::leptos::wasm_split,
        fallible,
        preload(load_dialogs)
    )]
    pub(super) fn dialogs_view(
        row: LiveRow,
        open: DialogSwitches,
        run: Callback<MigrationAction>,
    ) -> Result<AnyView, ChunkError> {
        Ok(view! { <ActionDialogs row open run /> }.into_any())
    }

    pub(super) fn preload() -> LocalBoxFuture<'static, Result<(), ChunkError>> {
        Box::pin(async { load_dialogs().await.map_err(Into::into) })
    }
}

/// Fetches the dialogs' chunk ahead of need (once loaded, this does nothing).
pub fn preload_action_dialogs() {
    #[cfg(anf_split)]
    leptos::task::spawn_local(async {
        // A failure is shown where a dialog is wanted, with a reload (lazy_view).
        let _ = split::preload().await;
    });
}

/// The dialogs of one migration's actions, from their chunk.
#[component]
pub fn LazyActionDialogs(
    /// The migration.
    row: LiveRow,
    /// Which dialog is open.
    open: DialogSwitches,
    /// Runs an action once its dialog is confirmed.
    run: Callback<MigrationAction>,
) -> impl IntoView {
    #[cfg(anf_split)]
    {
        crate::lazy::lazy_view("Loading…", split::preload, move || {
            Box::pin(split::dialogs_view(row.clone(), open, run))
        })
    }
    #[cfg(not(anf_split))]
    {
        view! { <ActionDialogs row open run /> }
    }
}
