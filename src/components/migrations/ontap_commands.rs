//! The ONTAP commands that belong to a migration, to copy.

use crate::components::code_block::CodeBlock;
use anf_core::migration::{source_commands, AFTER_BREAK_WARNING};
use anf_core::models::RemotePath;
use leptos::prelude::*;

/// Every command for the migration from `source`, each with when and why.
#[component]
pub fn OntapCommands(
    /// The source volume.
    source: RemotePath,
) -> impl IntoView {
    let cluster = source.external_host_name.clone();
    view! {
        <div class="stack">
            <p class="muted">"Run these on the source cluster " <strong class="mono">{cluster}</strong> "."</p>
            {source_commands(&source).into_iter().map(|c| view! {
                <div class="stack" data-command=c.key>
                    <CodeBlock code=Signal::stored(c.command) label=c.title />
                    <p class="muted">{c.why}</p>
                </div>
            }).collect_view()}
            <p role="note"><strong>"Caution: "</strong>{AFTER_BREAK_WARNING}</p>
        </div>
    }
}
