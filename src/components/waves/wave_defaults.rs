//! The wave's name, its source cluster and the defaults above the table: what every row that
//! leaves a cell empty takes (pool, subnet, schedule, protocol, quota headroom, export clients).

use super::context::WaveData;
use super::{PlanHandle, WaveSlot};
use crate::components::field::select_field::SelectField;
use crate::components::field::text_field::TextField;
use anf_core::wave::saved::validate_wave_name;
use leptos::prelude::*;

stylance::import_crate_style!(style, "src/components/waves/wave_defaults.module.css");

const SCHEDULES: [(&str, &str); 3] =
    [("_10minutely", "Every 10 minutes"), ("hourly", "Hourly"), ("daily", "Daily")];
const PROTOCOLS: [(&str, &str); 2] = [("NFSv3", "NFSv3"), ("NFSv4.1", "NFSv4.1")];

/// The name, the source cluster and the defaults, as fields.
#[component]
pub fn WaveDefaults(
    /// The wave edited.
    handle: PlanHandle,
    /// The account's pools and subnets.
    data: WaveData,
) -> impl IntoView {
    let plan = Memo::new(move |_| handle.plan());
    let read =
        move |f: fn(&anf_core::wave::WavePlan) -> String| Signal::derive(move || plan.with(f));
    let name_error = RwSignal::new(None::<String>);
    // A kept wave's name is its address: renamed only as a draft.
    let renamable = handle.slot() == WaveSlot::Draft;
    let pools = Signal::derive(move || {
        data.pool_list()
            .into_iter()
            .map(|p| {
                let level = p.info.service_level.to_string();
                let qos = if p.info.manual_qos { ", manual QoS" } else { "" };
                (p.info.name.clone(), format!("{} ({level}{qos})", p.info.name))
            })
            .collect::<Vec<_>>()
    });
    let subnets = Signal::derive(move || {
        data.subnets.with(|s| {
            s.clone()
                .and_then(Result::ok)
                .unwrap_or_default()
                .into_iter()
                .map(|o| (o.subnet.id.clone(), format!("{} / {}", o.vnet_name, o.label())))
                .collect::<Vec<_>>()
        })
    });
    let options = |list: &'static [(&'static str, &'static str)]| {
        Signal::derive(move || {
            list.iter().map(|(v, l)| ((*v).to_owned(), (*l).to_owned())).collect::<Vec<_>>()
        })
    };
    let headroom_error = Signal::derive(move || {
        plan.with(|p| {
            (p.defaults.quota_headroom_percent > 500).then(|| "At most 500 %.".to_owned())
        })
    });
    // Rows without a cluster of their own take this one: with none here, every such row is
    // stopped, and the fix is one field.
    let cluster_error = Signal::derive(move || {
        plan.with(|p| {
            let missing = p.rows.iter().filter(|r| r.source_cluster.trim().is_empty()).count();
            (p.source_cluster.trim().is_empty() && missing > 0).then(|| {
                format!("{missing} rows name no cluster: give the source cluster's name (cluster identity show).")
            })
        })
    });
    let noop = Callback::new(|(): ()| {});
    view! {
        <section class="card stack" aria-labelledby="wave-defaults-title">
            <h2 id="wave-defaults-title">"The wave"</h2>
            <div class=style::grid>
                <TextField id="wave-name" label="Wave name" value=read(|p| p.name.clone())
                    on_input=Callback::new(move |v: String| {
                        if renamable {
                            name_error.set(validate_wave_name(&v).err());
                            handle.change_plan(|p| p.name = v);
                        }
                    })
                    on_blur=noop error=Signal::derive(move || name_error.get())
                    hint=if renamable { "Letters, digits, - and _; it becomes the wave's address." } else { "The wave's address; kept as it is." }
                    mono=true />
                <TextField id="wave-cluster" label="Source cluster" value=read(|p| p.source_cluster.clone())
                    on_input=Callback::new(move |v: String| { handle.change_plan(|p| p.source_cluster = v.trim().to_owned()); })
                    on_blur=noop error=cluster_error
                    hint="For rows that name no cluster; a pasted volume show takes it from the prompt."
                    mono=true />
            </div>
            <h3>"Defaults for rows that leave a cell empty"</h3>
            <div class=style::grid>
                <SelectField id="wave-pool" label="Capacity pool" value=read(|p| p.defaults.pool.clone())
                    options=pools placeholder="Choose a pool"
                    on_change=Callback::new(move |v: String| { handle.change_plan(|p| p.defaults.pool = v); })
                    on_blur=noop error=Signal::derive(|| None::<String>)
                    hint="A row's pool cell may name another pool of the account, or a service level." />
                <SelectField id="wave-subnet" label="Delegated subnet" value=read(|p| p.defaults.subnet_id.clone())
                    options=subnets placeholder="Choose a subnet"
                    on_change=Callback::new(move |v: String| { handle.change_plan(|p| p.defaults.subnet_id = v); })
                    on_blur=noop error=Signal::derive(|| None::<String>)
                    hint="Every volume of the wave uses it (delegated to Microsoft.NetApp/volumes)." />
                <SelectField id="wave-schedule" label="Replication schedule" value=read(|p| p.defaults.schedule.clone())
                    options=options(&SCHEDULES)
                    on_change=Callback::new(move |v: String| { handle.change_plan(|p| p.defaults.schedule = v); })
                    on_blur=noop error=Signal::derive(|| None::<String>) />
                <SelectField id="wave-protocol" label="Protocol" value=read(|p| p.defaults.protocol.clone())
                    options=options(&PROTOCOLS)
                    on_change=Callback::new(move |v: String| { handle.change_plan(|p| p.defaults.protocol = v); })
                    on_blur=noop error=Signal::derive(|| None::<String>) />
                <TextField id="wave-headroom" label="Quota headroom (%)"
                    value=read(|p| p.defaults.quota_headroom_percent.to_string())
                    on_input=Callback::new(move |v: String| {
                        if let Ok(n) = v.trim().trim_end_matches('%').trim().parse::<u32>() {
                            handle.change_plan(|p| p.defaults.quota_headroom_percent = n);
                        }
                    })
                    on_blur=noop error=headroom_error
                    hint="Quota = logical size plus this, whole GiB, at least 50 GiB (Microsoft recommends 20 % or more)." />
                <TextField id="wave-clients" label="Export policy: allowed clients" value=read(|p| p.defaults.export_clients.clone())
                    on_input=Callback::new(move |v: String| { handle.change_plan(|p| p.defaults.export_clients = v); })
                    on_blur=noop error=Signal::derive(|| None::<String>)
                    hint="Addresses or CIDR ranges, comma-separated, e.g. 10.1.0.0/16; empty: no export policy."
                    mono=true />
            </div>
        </section>
    }
}
