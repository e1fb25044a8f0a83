//! While migrating: how often Azure NetApp Files pulls the source's changes. Hourly by
//! default; every ten minutes shortens the final sync of the cut-over; daily spares the link.

use crate::components::field::select_field::SelectField;
use crate::state::operations::use_operations;
use crate::state::toasts::{use_toasts, ToastKind};
use anf_core::ids::VolumeId;
use anf_core::migration::OpAction;
use anf_core::models::{ReplicationSchedule, Volume};
use anf_core::validation::quota_change::validate_schedule_change;
use leptos::prelude::*;

/// The schedule of a migration volume whose replication runs, with a change button.
#[component]
pub fn ScheduleChange(
    /// The volume's id.
    id: String,
    /// The volume as last read.
    #[prop(into)]
    volume: Signal<Option<Volume>>,
) -> impl IntoView {
    let ops = use_operations();
    let toasts = use_toasts();
    let target = StoredValue::new(id);
    let current = Signal::derive(move || {
        volume.with(|v| {
            v.as_ref()
                .and_then(|v| v.replication()?.replication_schedule.clone())
                .map(|s| s.as_str().to_owned())
                .unwrap_or_default()
        })
    });
    let chosen = RwSignal::new(None::<String>);
    let value = Signal::derive(move || chosen.get().unwrap_or_else(|| current.get()));
    let error = Signal::derive(move || {
        let text = chosen.get()?;
        volume
            .with(|v| v.as_ref().and_then(|v| validate_schedule_change(&text, v).err()))
            .map(|e| e.message)
    });
    let options = Signal::derive(|| {
        [ReplicationSchedule::TenMinutely, ReplicationSchedule::Hourly, ReplicationSchedule::Daily]
            .iter()
            .map(|s| (s.as_str().to_owned(), s.label().to_owned()))
            .collect::<Vec<_>>()
    });
    let busy = Signal::derive(move || target.with_value(|t| ops.active_on(t)).is_some());
    let apply = move |_| {
        let Some(text) = chosen.get_untracked() else { return };
        let Some(Ok(schedule)) =
            volume.with_untracked(|v| v.as_ref().map(|v| validate_schedule_change(&text, v)))
        else {
            return;
        };
        let Ok(vid) = VolumeId::parse(&target.get_value()) else { return };
        let label = format!("Replicate {} {}", vid.volume, schedule.label().to_lowercase());
        let started = ops.start(
            target.get_value(),
            OpAction::ChangeSchedule,
            label,
            move |c, t| async move { c.change_replication_schedule(&vid, schedule, t).await },
        );
        match started {
            Ok(_) => chosen.set(None),
            Err(b) => toasts.push(ToastKind::Info, format!("\"{}\" is still running.", b.label)),
        }
    };
    view! {
        <div class="stack" data-schedule-change>
            <SelectField id="sc-schedule" label="Replication schedule"
                value=value options=options
                on_change=Callback::new(move |v: String| chosen.set(Some(v)))
                on_blur=Callback::new(|()| ())
                error=error
                hint="How often the source's changes are transferred until the cut-over. Every 10 minutes keeps the final sync short." />
            <div class="toolbar">
                <button type="button" class="btn" data-change-schedule
                    disabled=move || busy.get() || chosen.with(Option::is_none) || error.with(Option::is_some)
                    on:click=apply>"Change the schedule"</button>
            </div>
        </div>
    }
}
