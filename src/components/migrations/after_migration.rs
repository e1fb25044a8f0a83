//! After the migration: what Microsoft's how-to allows once a volume is finalized (shrink or
//! grow its quota), and what to turn on now that the replication is gone (snapshot policy,
//! backup), which the how-to says to leave until the migration is complete.

use crate::arm::context::use_arm;
use crate::components::field::text_field::TextField;
use crate::state::operations::use_operations;
use crate::state::toasts::{use_toasts, ToastKind};
use anf_core::ids::VolumeId;
use anf_core::migration::{format_bytes, OpAction};
use anf_core::models::Volume;
use anf_core::validation::quota::SizeUnit;
use anf_core::validation::quota_change::{validate_new_quota, VolumeSize};
use leptos::prelude::*;

/// What to set up once a volume is a regular one, with Microsoft's pages.
const TURN_ON_NOW: [(&str, &str, &str); 3] = [
    (
        "Snapshot policy",
        "Scheduled snapshots of the volume, now that no replication brings the source's.",
        "https://learn.microsoft.com/en-us/azure/azure-netapp-files/snapshots-manage-policy",
    ),
    (
        "Azure NetApp Files backup",
        "Backups to Azure storage; the how-to says to turn them on only once the migration is complete.",
        "https://learn.microsoft.com/en-us/azure/azure-netapp-files/backup-configure-policy-based",
    ),
    (
        "Point the clients at the volume",
        "Mount the volume's export (or share) from its mount instructions, and retire the source when all is moved.",
        "https://learn.microsoft.com/en-us/azure/azure-netapp-files/azure-netapp-files-mount-unmount-volumes-for-virtual-machines",
    ),
];

/// The panel for a finalized volume: its quota, with the data it holds, and the checklist.
#[component]
pub fn AfterMigration(
    /// The volume's id.
    id: String,
    /// The volume as last read.
    #[prop(into)]
    volume: Signal<Option<Volume>>,
) -> impl IntoView {
    let arm = use_arm();
    let ops = use_operations();
    let toasts = use_toasts();
    let target = StoredValue::new(id);
    // The data the volume holds: Azure Monitor's VolumeLogicalSize (the volume doesn't say).
    let used = LocalResource::new(move || {
        let _ = ops.generation();
        let client = arm.client();
        let id = VolumeId::parse(&target.get_value()).ok();
        async move {
            let id = id?;
            Some(client.volume_logical_size(&id).await.map_err(|e| e.user_message()))
        }
    });
    let used_bytes = Signal::derive(move || used.get().flatten().and_then(Result::ok).flatten());
    let typed = RwSignal::new(String::new());
    let touched = RwSignal::new(false);
    let size = Signal::derive(move || {
        volume.with(|v| v.as_ref().map(|v| VolumeSize::of(v, used_bytes.get(), None)))
    });
    let checked = Signal::derive(move || {
        let size = size.get()?;
        Some(typed.with(|t| validate_new_quota(t, SizeUnit::GiB, &size)))
    });
    let error = Signal::derive(move || {
        if !touched.get() {
            return None;
        }
        checked.get().and_then(|c| c.err().map(|e| e.message))
    });
    let warning =
        Signal::derive(move || checked.get().and_then(|c| c.ok()?.warning.map(|w| w.message)));
    let busy = Signal::derive(move || target.with_value(|t| ops.active_on(t)).is_some());
    let apply = move |_| {
        touched.set(true);
        let Some(Ok(quota)) = checked.get_untracked() else { return };
        let Ok(vid) = VolumeId::parse(&target.get_value()) else { return };
        let label = format!("Change the quota of {} to {}", vid.volume, format_bytes(quota.bytes));
        let started =
            ops.start(target.get_value(), OpAction::ChangeQuota, label, move |c, t| async move {
                c.change_quota(&vid, quota.bytes, t).await
            });
        match started {
            Ok(_) => typed.set(String::new()),
            Err(b) => toasts.push(ToastKind::Info, format!("\"{}\" is still running.", b.label)),
        }
    };
    let facts = move || {
        let current = volume.with(|v| v.as_ref().map(|v| v.properties.usage_threshold));
        let used_text = match used.get().flatten() {
            None => "reading…".to_owned(),
            Some(Ok(Some(b))) => format_bytes(b),
            Some(Ok(None)) => "not reported yet by Azure Monitor".to_owned(),
            Some(Err(e)) => format!("could not be read ({e})"),
        };
        view! {
            <dl data-quota-facts>
                <dt>"Quota now"</dt><dd>{current.map(format_bytes).unwrap_or_default()}</dd>
                <dt>"Data on the volume"</dt><dd data-used>{used_text}</dd>
            </dl>
        }
    };
    view! {
        <section class="card stack" aria-labelledby="after-h" data-after-migration>
            <h2 id="after-h">"After the migration"</h2>
            <p>"The volume is a regular Azure NetApp Files volume now. Its quota can be made smaller (the migration often needed room the data no longer does) or larger."</p>
            {facts}
            <TextField id="am-newQuota" label="New quota (GiB)"
                value=typed
                on_input=Callback::new(move |v: String| typed.set(v))
                on_blur=Callback::new(move |()| touched.set(true))
                error=error
                warning=warning
                hint=Signal::derive(move || size.get().and_then(|s| s.hint())) />
            <div class="toolbar">
                <button type="button" class="btn btn-primary" data-change-quota
                    disabled=move || busy.get() aria-busy=move || busy.get().to_string()
                    on:click=apply>"Change the quota"</button>
            </div>
            <h3>"Turn on now"</h3>
            <ul class="stack" data-turn-on-now>
                {TURN_ON_NOW.iter().map(|(what, why, href)| view! {
                    <li><strong>{*what}</strong>": " {*why} " "
                        <a href=*href target="_blank" rel="noopener">"How to"</a></li>
                }).collect_view()}
            </ul>
        </section>
    }
}
