//! View migration details: everything known about one migration volume.

use crate::components::arm_error_panel::ArmErrorPanel;
use crate::components::code_block::CodeBlock;
use crate::components::migrations::after_migration::AfterMigration;
use crate::components::migrations::migration_actions::MigrationActions;
use crate::components::migrations::ontap_commands::OntapCommands;
use crate::components::migrations::phase_pill::PhasePill;
use crate::components::migrations::replications_list::ReplicationsList;
use crate::components::migrations::schedule_change::ScheduleChange;
use crate::components::progress_bar::ProgressBar;
use crate::components::{empty_state::EmptyState, page_header::PageHeader};
use crate::state::live::{use_live_migrations, LiveMigrations, LiveRow, LiveTarget};
use crate::state::operations::{use_operations, OpState, TrackedOperation};
use crate::state::scope::use_scope;
use crate::storage::{self, Area};
use anf_core::migration::{format_bytes, Phase};
use anf_core::migration_meta::{storage_key, MigrationMeta};
use anf_core::wizard::peering::setup_words;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

stylance::import_crate_style!(style, "src/pages/migration_details_page.module.css");

use crate::local_time::local_time as when;

/// One migration at `/migrations/:volume` (a volume name in the current pool).
#[component]
pub fn MigrationDetailsPage() -> impl IntoView {
    let params = use_params_map();
    let scope = use_scope();
    let name = Memo::new(move |_| params.with(|p| p.get("volume").unwrap_or_default()));
    let target = Signal::derive(move || {
        let n = name.get();
        scope
            .with(|s| s.pool_id())
            .filter(|_| !n.is_empty())
            .map(|p| LiveTarget::Volume(p.volume(n)))
    });
    let live = use_live_migrations(target);
    let row = Memo::new(move |_| live.rows.with(|r| r.first().map(|r| r.id.clone())));
    let content = move || {
        if target.with(Option::is_none) {
            return view! {
                <EmptyState title="Choose a scope first">
                    <p>"Migration details are read from the chosen capacity pool. " <a href="/scope">"Choose the scope"</a> "."</p>
                </EmptyState>
            }
            .into_any();
        }
        if live.not_found.get() {
            return view! {
                <EmptyState title="No such volume in this capacity pool">
                    <p>"There is no volume named " <strong class="mono">{name.get()}</strong> " in the chosen pool. "
                        <a href="/migrations">"Back to the migrations"</a> "."</p>
                </EmptyState>
            }
            .into_any();
        }
        match row.get().and_then(|id| live.row(&id)) {
            Some(r) => view! { <Details row=r live=live /> }.into_any(),
            None => view! {
                {move || live.list_error.get().map(|e| view! { <ArmErrorPanel error=e /> })}
                <p class="muted" role="status">"Loading the volume…"</p>
            }
            .into_any(),
        }
    };
    view! {
        <PageHeader title="Migration details" summary="Everything known about this migration volume and its replication, the operations run on it, its checklist and the ONTAP commands that belong to it." />
        <div class="stack">
            <div class="toolbar">
                <a href="/migrations">"← All migrations"</a>
                <button type="button" class="btn" aria-busy=move || live.refreshing.get().then_some("true")
                    on:click=move |_| leptos::task::spawn_local(live.refresh(true))>"Refresh"</button>
            </div>
            {content}
        </div>
    }
}

#[component]
fn Details(row: LiveRow, live: LiveMigrations) -> impl IntoView {
    let id = row.id.clone();
    let raw_id = id.clone();
    let raw = move || live.raw(&raw_id).and_then(|r| r.volume);
    // The raw volume isn't reactive: re-read it whenever a refresh completes.
    let volume = Memo::new(move |_| {
        live.last_updated.track();
        raw()
    });
    let status_id = id.clone();
    let (schedule_id, after_id, list_id) = (id.clone(), id.clone(), id.clone());
    let phase_sig = row.phase;
    let status = Memo::new(move |_| {
        live.last_updated.track();
        phase_sig.track();
        live.raw(&status_id).and_then(|r| r.status)
    });
    let meta: Option<MigrationMeta> = storage::load(Area::Local, &storage_key(&id));
    let ops = use_operations();
    let hist_id = id.clone();
    let history = Memo::new(move |_| ops.history_of(&hist_id));
    let name = row.name;
    let phase = row.phase;
    let progress = row.progress;
    let fact = |label: &'static str, value: String| {
        view! { <dt>{label}</dt><dd class="mono">{value}</dd> }
    };
    let volume_facts = move || {
        volume.get().map(|v| {
            let p = v.properties.clone();
            let replicated = v.replication().is_some();
            let rep = v.replication().cloned().unwrap_or_default();
            let rules = p.export_policy.as_ref().map_or_else(
                || "none".to_owned(),
                |e| {
                    e.rules
                        .iter()
                        .map(|r| {
                            format!(
                                "#{} {} {}",
                                r.rule_index.unwrap_or_default(),
                                r.allowed_clients.clone().unwrap_or_default(),
                                if r.unix_read_write == Some(true) { "read-write" } else { "read-only" }
                            )
                        })
                        .collect::<Vec<_>>()
                        .join("; ")
                },
            );
            view! {
                <dl class=style::facts>
                    {fact("ARM id", v.id.clone().unwrap_or_default())}
                    {fact("Location", v.location.clone())}
                    {fact("File path (creation token)", p.creation_token.clone())}
                    {fact("Quota", format!("{} ({} bytes)", format_bytes(p.usage_threshold), p.usage_threshold))}
                    {fact("Service level", p.service_level.as_ref().map(ToString::to_string).unwrap_or_default())}
                    {fact("Protocols", p.protocol_types.clone().unwrap_or_default().join(", "))}
                    {fact("Export policy", rules)}
                    {fact("Subnet", p.subnet_id.clone())}
                    {fact("Network features", p.network_features.as_ref().map(ToString::to_string).unwrap_or_default())}
                    {fact("Provisioning state", p.provisioning_state.as_ref().map(ToString::to_string).unwrap_or_default())}
                    {fact("File system id", p.file_system_id.clone().unwrap_or_default())}
                    {fact("Mount address", p.mount_targets.as_ref().and_then(|m| m.first()?.ip_address.clone()).unwrap_or_else(|| "—".into()))}
                    {fact("Volume type", volume_type_words(p.volume_type.as_deref()))}
                    // A regular volume (finalized) has no replication left to describe.
                    {replicated.then(|| view! {
                        {fact("Replication id", rep.replication_id.clone().unwrap_or_else(|| "—".into()))}
                        {fact("Source (remotePath)", rep.remote_path.as_ref().map_or_else(|| "—".into(), |r| format!("{} / {} / {}", r.external_host_name, r.server_name, r.volume_name)))}
                        {fact("Replication schedule", rep.replication_schedule.as_ref().map_or_else(|| "—".into(), |s| s.label().to_owned()))}
                        {fact("Set-up status", rep.external_replication_setup_status.as_ref().map_or_else(|| "not reported by this api-version".into(), |s| format!("{} ({s})", setup_words(s))))}
                        {fact("Set-up info", rep.external_replication_setup_info.clone().unwrap_or_else(|| "—".into()))}
                    })}
                </dl>
            }
        })
    };
    let finalized = Memo::new(move |_| phase.with(|p| *p == Phase::Finalized));
    let access = move || phase.with(|p| p.access().unwrap_or("—"));
    let source_row = row.clone();
    let status_facts = move || {
        if finalized.get() {
            let source_row = source_row.clone();
            // What it is now; nothing of the replication that no longer exists.
            return view! {
                <dl class=style::facts>
                    <dt>"Phase"</dt><dd><PhasePill phase=phase /></dd>
                    <dt>"Access"</dt><dd data-fact="access">{access}</dd>
                    <dt>"Migrated from"</dt><dd class="mono">{move || source_row.source_text()}</dd>
                </dl>
            }
            .into_any();
        }
        let s = status.get();
        view! {
            <dl class=style::facts>
                <dt>"Phase"</dt><dd><PhasePill phase=phase /></dd>
                <dt>"Access"</dt><dd data-fact="access" class=move || if phase.with(Phase::is_read_write) { style::read_write } else { "" }>{access}</dd>
                <dt>"Mirror state"</dt><dd>{move || row.mirror.get()}</dd>
                <dt>"Relationship status"</dt><dd>{move || row.relationship.get()}</dd>
                <dt>"Health"</dt><dd>{move || match row.healthy.get() { Some(true) => "Healthy", Some(false) => "Unhealthy", None => "—" }}</dd>
                <dt>"Transferred"</dt><dd>{s.as_ref().and_then(|s| s.total_progress_bytes()).map_or_else(|| "—".into(), |b| format!("{} ({b} bytes)", format_bytes(b)))}</dd>
                <dt>"Progress"</dt><dd class=style::bar>
                    <ProgressBar value=progress label=format!("Transfer progress of {}", name.get_untracked()) />
                    <span class="muted">{move || row.progress_text.get()}</span>
                </dd>
                <dt>"Lag since the last transfer"</dt><dd>{move || row.lag_text.get()}</dd>
                <dt>"Last error"</dt>
                <dd class=move || if row.error.with(Option::is_some) { style::error } else { "" }>
                    {move || row.error.get().unwrap_or_else(|| "none".into())}
                </dd>
            </dl>
        }
        .into_any()
    };
    // Paused: what the volume is now, and what resuming costs.
    let paused_note = move || {
        phase.with(|p| *p == Phase::PausedForDryRun).then(|| view! {
            <div class=style::paused data-paused-note>
                <p><strong>{move || name.get()} " is read-write while the migration is paused for a dry run."</strong>
                    " Test your applications on it; the source stays online and keeps its data."</p>
                <p>"Resuming erases everything written to this volume since the pause and resynchronizes it from the source; it is read-only again afterwards. Copy anything you want to keep elsewhere first."</p>
            </div>
        })
    };
    let finalized_note = move || {
        phase.with(|p| matches!(p, Phase::Finalized)).then(|| view! {
            <section class="card stack" aria-labelledby="finalized-h">
                <h2 id="finalized-h">"Finalized: check the source cluster"</h2>
                <p>"Azure removed its side of the peering. Make sure nothing is left on the source: list the peers, and delete the Azure NetApp Files peer if it is still there."</p>
                <CodeBlock code=Signal::stored("cluster peer show".to_owned()) label="Command to list the cluster peers" />
                <CodeBlock code=Signal::stored("cluster peer delete -cluster <peer cluster name from cluster peer show>".to_owned()) label="Command to delete a leftover cluster peer" />
            </section>
        })
    };
    let history_view = move || {
        let list = history.get();
        if list.is_empty() {
            return view! { <p class="muted">"No operation was run on this volume from this browser tab."</p> }.into_any();
        }
        view! {
            <ul class=style::history>
                {list.into_iter().map(history_item).collect_view()}
            </ul>
        }
        .into_any()
    };
    let checklist = match meta {
        Some(m) if !m.checklist.is_empty() => view! {
            <div class="stack">
                <p class="muted">{m.checklist_confirmed_at.map_or_else(|| "Confirmed when the migration was created.".to_owned(), |t| format!("Confirmed {}.", when(t)))}</p>
                <ul class=style::checklist>
                    {m.checklist.iter().map(|i| view! {
                        <li data-confirmed=i.confirmed.to_string()>
                            <span aria-hidden="true">{if i.confirmed { "✓ " } else { "✗ " }}</span>
                            {i.label.clone()}
                            <span class="visually-hidden">{if i.confirmed { " (confirmed)" } else { " (not confirmed)" }}</span>
                        </li>
                    }).collect_view()}
                </ul>
                {m.source_logical_bytes.map(|b| view! { <p>"Source logical size as entered: " {format_bytes(b)} "."</p> })}
            </div>
        }.into_any(),
        _ => view! { <p class="muted" data-no-checklist="true">"No pre-flight checklist was recorded for this migration in this browser."</p> }.into_any(),
    };
    let source = move || row.source.get();
    // A failure the source causes comes with the command that fixes it.
    let remedy = move || {
        let error = row.error.get()?;
        let fix = anf_core::migration::remedy_for(&error, &source()?)?;
        Some(view! {
            <div class="stack" data-remedy=fix.key>
                <p><strong>{fix.title}</strong>". "{fix.why}</p>
                <CodeBlock code=Signal::stored(fix.command) label="Command to run on the source" />
            </div>
        })
    };
    view! {
        <h2 class=style::name>{move || name.get()}</h2>
        <section class="card stack" aria-labelledby="status-h">
            <h2 id="status-h">{move || if finalized.get() { "Regular volume" } else { "Replication" }}</h2>
            {status_facts}
            {paused_note}
            {remedy}
            // Nothing is left to do to a regular volume.
            <Show when=move || !finalized.get()>
                <MigrationActions row=row.clone() />
            </Show>
            {move || phase.with(|p| matches!(p, Phase::Baseline | Phase::Mirrored { .. })).then(|| {
                view! { <ScheduleChange id=schedule_id.clone() volume=volume /> }
            })}
        </section>
        {finalized_note}
        {move || phase.with(|p| matches!(p, Phase::Finalized)).then(|| {
            view! { <AfterMigration id=after_id.clone() volume=volume /> }
        })}
        <section class="card stack" aria-labelledby="replications-h">
            <h2 id="replications-h">"Replications"</h2>
            <ReplicationsList id=list_id.clone() />
        </section>
        <section class="card stack" aria-labelledby="volume-h">
            <h2 id="volume-h">"Volume"</h2>
            {volume_facts}
        </section>
        <section class="card stack" aria-labelledby="history-h">
            <h2 id="history-h">"Operations"</h2>
            {history_view}
        </section>
        <section class="card stack" aria-labelledby="checklist-h">
            <h2 id="checklist-h">"Pre-flight checklist"</h2>
            {checklist}
        </section>
        <section class="card stack" aria-labelledby="ontap-h">
            <h2 id="ontap-h">"ONTAP commands"</h2>
            {move || source().map_or_else(
                || view! { <p class="muted">"The source is not known."</p> }.into_any(),
                |s| view! { <OntapCommands source=s /> }.into_any(),
            )}
        </section>
    }
}

/// `Migration` or `Regular`, in one case whatever ARM's: it sends the type only for migration
/// volumes, and an api-version that names a regular one may spell it in lower case.
fn volume_type_words(volume_type: Option<&str>) -> String {
    match volume_type.map(str::trim).filter(|t| !t.is_empty()) {
        None => "Regular".to_owned(),
        Some(t) if t.eq_ignore_ascii_case("regular") => "Regular".to_owned(),
        Some(t) if t.eq_ignore_ascii_case("migration") => "Migration".to_owned(),
        Some(t) => t.to_owned(),
    }
}

fn history_item(op: TrackedOperation) -> impl IntoView {
    let state = match &op.state {
        OpState::Starting => "starting".to_owned(),
        OpState::Running { .. } => {
            op.percent().map_or_else(|| "running".to_owned(), |p| format!("running, {p:.0} %"))
        }
        OpState::Unknown { lost: None } => {
            "unknown (the page was reloaded before Azure answered)".to_owned()
        }
        OpState::Unknown { lost: Some(why) } => format!(
            "answer lost: it may have started in Azure, the replication's state above says whether it did ({why})"
        ),
        OpState::NotStarted { .. } => "not started".to_owned(),
        _ if op.succeeded() => "succeeded".to_owned(),
        _ if op.canceled() => "canceled in Azure".to_owned(),
        _ => "failed".to_owned(),
    };
    let error = op.error().cloned();
    let unread = op.unread_note();
    view! {
        <li data-op=op.action.key()>
            <strong>{op.label.clone()}</strong>
            <span class="muted">" · started " {when(op.started_at)}
                {op.finished_at.map(|t| format!(" · ended {}", when(t)))} " · " {state}</span>
            {unread.map(|note| view! { <p class="muted" data-unread-polls>{note}</p> })}
            {error.map(|e| view! { <ArmErrorPanel error=e /> })}
        </li>
    }
}
