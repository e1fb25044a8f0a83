//! Code that arrives in its own wasm chunk: every page but the Migrations table, demo mode, and
//! (with their own split functions) the interactive sign-in (`auth::sign_in_chunk`), the actions'
//! dialogs with the guided cut-overs' service (`lazy_action_dialogs`, `cut_overs::slot`) and the
//! waves' service (`waves::slot`).
//!
//! The release build (`tools/build/rust-split.mjs`) compiles with `--cfg anf_split`, splits the
//! wasm at every `wasm_split` function (Leptos' `leptos::wasm_split`, stable Rust) and loads a
//! chunk the first time one of its functions is called. Without that cfg (the browser tests, the
//! table benchmark, `trunk serve`), [`lazy_page!`] is the page itself and nothing is split: a
//! split function in a wasm that was not split imports `__wasm_split_placeholder__`, which no
//! browser can load. Demo mode's start is split the same way, in `app.rs` (`demo_app`): the
//! simulator is reached from there alone (`AppTransport::Sim` is a trait object), so an
//! Azure-mode visit never downloads it.
//!
//! Leptos' own `#[lazy]` routes are not used: they load with `wasm_split` without its `fallible`
//! option, so a chunk that does not arrive panics (the whole app aborts, `panic = "abort"`), and
//! the router gives a page no loading state of its own while its chunk loads. Here the shell
//! stays, the page says it is loading, and a chunk that fails says so and offers a reload
//! ([`lazy_view`]).

use crate::components::{chunk_failed::ChunkFailed, chunk_loading::ChunkLoading};
use futures::future::LocalBoxFuture;
use futures::FutureExt;
use leptos::prelude::*;
use leptos::wasm_split::SplitLoaderError;

/// A chunk did not load (the browser console has the reason: offline, a 404 after a new
/// deployment, a wasm that does not instantiate).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ChunkError;

impl From<SplitLoaderError> for ChunkError {
    fn from(_: SplitLoaderError) -> Self {
        Self
    }
}

/// Loads a chunk (does nothing once it is loaded; a failed load is tried afresh).
pub type Preload = fn() -> LocalBoxFuture<'static, Result<(), ChunkError>>;

/// Where a lazy view stands.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Stage {
    Loading,
    Ready,
    Failed,
}

/// The shell-side frame of a lazy view: `loading` while `preload` fetches the chunk, then what
/// `render` builds from it, or the failure with a reload. `render` runs only after `preload`
/// succeeded, in this view's reactive owner (so the page's effects end with it); its future is
/// then ready at once, since the chunk is in.
pub fn lazy_view<R>(loading: &'static str, preload: Preload, render: R) -> impl IntoView
where
    R: Fn() -> LocalBoxFuture<'static, Result<AnyView, ChunkError>> + Send + 'static,
{
    let stage = RwSignal::new(Stage::Loading);
    let attempt = RwSignal::new(0_u32);
    Effect::new(move |_| {
        attempt.track();
        if stage.get_untracked() != Stage::Loading {
            stage.set(Stage::Loading);
        }
        leptos::task::spawn_local(async move {
            let next = if preload().await.is_ok() { Stage::Ready } else { Stage::Failed };
            // The view may be gone by now (the user went elsewhere).
            let _ = stage.try_set(next);
        });
    });
    let retry = Callback::new(move |()| attempt.update(|n| *n += 1));
    move || match stage.get() {
        Stage::Loading => view! { <ChunkLoading message=loading /> }.into_any(),
        Stage::Failed => view! { <ChunkFailed retry /> }.into_any(),
        // Untracked: what the page reads while it is built must not re-run this closure (it
        // would build the page again); the page tracks its own signals.
        Stage::Ready => match untrack(|| render().now_or_never()) {
            Some(Ok(view)) => view,
            // Not reached: the chunk is loaded, so the call does not wait. Said, not hidden.
            Some(Err(ChunkError)) | None => view! { <ChunkFailed retry /> }.into_any(),
        },
    }
}

/// A route's view: in the split build the page in chunk `$chunk` behind [`lazy_view`], else
/// the page itself. One line per route: `view=lazy_page!(chunk, SomePage)`; pages named with the
/// same chunk arrive together.
#[cfg(anf_split)]
#[rustfmt::skip] // rustfmt moves the attribute's lines inside a macro by one step each run
macro_rules! lazy_page {
    ($chunk:ident, $page:ident) => {{
        fn page_view() -> ::leptos::prelude::AnyView {
            ::leptos::prelude::IntoAny::into_any(::leptos::view! { <$page /> })
        }
        {
            // The split function is named after the page (its call-site name keeps the
            // symbols wasm-split pairs unique) and shadows the component only in this block.
            #[::leptos::wasm_split::wasm_split(
                $chunk,
                wasm_split_path = ::leptos::wasm_split,
                fallible,
                preload(load_chunk)
            )]
            #[allow(non_snake_case)]
            fn $page() -> ::core::result::Result<::leptos::prelude::AnyView, $crate::lazy::ChunkError> {
                Ok(page_view())
            }
            fn preload() -> ::futures::future::LocalBoxFuture<'static, Result<(), $crate::lazy::ChunkError>> {
                ::std::boxed::Box::pin(async { load_chunk().await.map_err(::core::convert::Into::into) })
            }
            move || {
                $crate::lazy::lazy_view("Loading the page…", preload, || ::std::boxed::Box::pin($page()))
            }
        }
    }};
}

/// A route's view: in the split build the page in chunk `$chunk` behind [`lazy_view`], else
/// the page itself. One line per route: `view=lazy_page!(chunk, SomePage)`.
#[cfg(not(anf_split))]
macro_rules! lazy_page {
    ($chunk:ident, $page:ident) => {
        $page
    };
}

pub(crate) use lazy_page;
