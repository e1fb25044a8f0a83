//! Adding volumes by picking them from a list. In demo mode the list is the simulated source
//! cluster's volumes. Azure Resource Manager has no call that lists a source cluster's
//! volumes, so in Azure mode the list holds the volumes pasted or imported into any of this
//! user's waves, and the page says so.

use super::PlanHandle;
use crate::arm::context::use_arm;
use crate::state::waves::use_waves;
use anf_core::wave::{PickedVolume, SourceFacts};
use leptos::prelude::*;
use std::collections::BTreeSet;

stylance::import_crate_style!(style, "src/components/waves/pick_volumes.module.css");

fn key(p: &PickedVolume) -> String {
    format!("{}|{}|{}", p.cluster, p.svm, p.volume).to_ascii_lowercase()
}

/// The simulated cluster's volumes (demo mode).
fn simulated(arm: &crate::arm::context::ArmContext) -> Option<Vec<PickedVolume>> {
    let world = arm.demo()?;
    Some(world.read(|sim| {
        sim.world()
            .clusters
            .values()
            .flat_map(|c| {
                c.volumes.iter().map(|v| PickedVolume {
                    cluster: c.name.clone(),
                    svm: v.svm.clone(),
                    volume: v.name.clone(),
                    logical_bytes: Some(v.logical_used),
                    facts: SourceFacts {
                        ontap_type: v.volume_type.as_str().to_owned(),
                        ontap_style: if v.flexgroup { "flexgroup" } else { "flexvol" }.to_owned(),
                        ontap_root: v.root.to_string(),
                    },
                })
            })
            .collect()
    }))
}

/// The list, a filter, and Add.
#[component]
pub fn PickVolumes(
    /// The wave edited.
    handle: PlanHandle,
) -> impl IntoView {
    let arm = use_arm();
    let waves = use_waves();
    let demo = arm.demo().is_some();
    let listed = Memo::new(move |_| {
        if let Some(list) = simulated(&arm) {
            return list;
        }
        // Azure mode: every source volume this user's waves have seen.
        let mut seen = BTreeSet::new();
        waves.with(|s| {
            s.waves
                .iter()
                .chain(s.draft.iter())
                .flat_map(|w| {
                    w.plan.rows.iter().map(|r| PickedVolume {
                        cluster: w.plan.cluster_of(r).to_owned(),
                        svm: r.svm.clone(),
                        volume: r.source_volume.clone(),
                        logical_bytes: anf_core::wave::parse_ontap_size(&r.logical_size)
                            .ok()
                            .flatten(),
                        facts: r.facts.clone(),
                    })
                })
                .filter(|p| seen.insert(key(p)))
                .collect()
        })
    });
    let in_plan = Memo::new(move |_| {
        let plan = handle.plan();
        plan.rows
            .iter()
            .map(|r| {
                format!("{}|{}|{}", plan.cluster_of(r), r.svm, r.source_volume).to_ascii_lowercase()
            })
            .collect::<BTreeSet<_>>()
    });
    let filter = RwSignal::new(String::new());
    let chosen = RwSignal::new(BTreeSet::<String>::new());
    let shown = Memo::new(move |_| {
        let needle = filter.get().to_ascii_lowercase();
        listed.with(|l| {
            l.iter()
                .filter(|p| needle.is_empty() || key(p).contains(needle.trim()))
                .cloned()
                .collect::<Vec<_>>()
        })
    });
    let add = move |_| {
        let picked: Vec<PickedVolume> = listed.with_untracked(|l| {
            l.iter().filter(|p| chosen.with_untracked(|c| c.contains(&key(p)))).cloned().collect()
        });
        handle.change_plan(|p| p.add_picked(&picked));
        chosen.set(BTreeSet::new());
    };
    let select_shown = move |_| {
        chosen.update(|c| {
            for p in shown.get_untracked() {
                if p.facts.blocker(&p.volume).is_none()
                    && !in_plan.with_untracked(|i| i.contains(&key(&p)))
                {
                    c.insert(key(&p));
                }
            }
        });
    };
    view! {
        <div class="stack">
            {(!demo).then(|| view! {
                <p class="muted">"Azure Resource Manager can't list the source cluster's volumes, so this list holds the volumes you pasted or imported into any of your waves. To add others, paste volume show or import a CSV."</p>
            })}
            <div class="cluster">
                <div class="field">
                    <label for="wave-pick-filter">"Filter"</label>
                    <input id="wave-pick-filter" type="search" placeholder="SVM or volume name"
                        prop:value=move || filter.get() on:input=move |e| filter.set(event_target_value(&e)) />
                </div>
                <button type="button" class="btn" on:click=select_shown>"Select every migratable volume shown"</button>
                <button type="button" class="btn btn-primary" data-add-picked="true"
                    disabled=move || chosen.with(BTreeSet::is_empty) on:click=add>
                    {move || format!("Add {} selected", chosen.with(BTreeSet::len))}
                </button>
            </div>
            <Show when=move || !shown.with(Vec::is_empty)
                fallback=|| view! { <p class="muted">"No volumes to pick from yet."</p> }>
                <ul class=style::list role="list">
                    <For each=move || shown.get() key=key let(p)>
                        {
                            let k = key(&p);
                            let k2 = k.clone();
                            let k3 = k.clone();
                            let blocker = p.facts.blocker(&p.volume);
                            let size = p.logical_bytes.map(anf_core::migration::format_bytes).unwrap_or_default();
                            let id = format!("pick-{}", k.replace(['|', '.'], "-"));
                            let k4 = k.clone();
                            let taken = Memo::new(move |_| in_plan.with(|i| i.contains(&k4)));
                            let blocked = blocker.is_some();
                            view! {
                                <li class=style::item>
                                    <input type="checkbox" id=id.clone()
                                        disabled=move || blocked || taken.get()
                                        prop:checked=move || chosen.with(|c| c.contains(&k2))
                                        on:change=move |e| {
                                            let on = event_target_checked(&e);
                                            chosen.update(|c| { if on { c.insert(k3.clone()); } else { c.remove(&k3); } });
                                        } />
                                    <label for=id class="mono">{format!("{}:{}", p.svm, p.volume)}</label>
                                    <span class="muted">{size}</span>
                                    <span class="muted">{move || taken.get().then_some("in the wave")}</span>
                                    {blocker.clone().map(|b| view! { <span class=style::blocked>{format!("Can't migrate: {b}")}</span> })}
                                </li>
                            }
                        }
                    </For>
                </ul>
            </Show>
        </div>
    }
}
