//! The wave's stages in order, the current one marked.

use anf_core::wave::saved::WaveStage;
use leptos::prelude::*;

stylance::import_crate_style!(style, "src/components/waves/stage_bar.module.css");

const STAGES: [(WaveStage, &str); 7] = [
    (WaveStage::Creating, "Create"),
    (WaveStage::Peering, "Cluster peering"),
    (WaveStage::SvmPeering, "SVM peering"),
    (WaveStage::Replicating, "Baseline"),
    (WaveStage::CutOver, "Cut-over window"),
    (WaveStage::Finalizing, "Finalize"),
    (WaveStage::Done, "Done"),
];

/// Where a stage of the bar sits for the wave's `stage`.
fn position(bar: WaveStage, stage: WaveStage) -> &'static str {
    // Stages the bar folds together: cluster peering's two halves, cut over and finalize.
    let fold = |s: WaveStage| match s {
        WaveStage::ClusterPeering => WaveStage::Peering,
        WaveStage::CutOverDone => WaveStage::Finalizing,
        other => other,
    };
    let (bar, stage) = (fold(bar), fold(stage));
    if stage == WaveStage::Done || bar < stage {
        "done"
    } else if bar == stage {
        "current"
    } else {
        "todo"
    }
}

/// The stages.
#[component]
pub fn StageBar(
    /// Where the wave stands.
    #[prop(into)]
    stage: Signal<Option<WaveStage>>,
) -> impl IntoView {
    view! {
        <ol class=style::bar aria-label="Stages of the wave" data-stage=move || format!("{:?}", stage.get().unwrap_or(WaveStage::Planning))>
            {STAGES.iter().map(|(s, label)| {
                let s = *s;
                let at = move || stage.get().map_or("todo", |st| position(s, st));
                view! {
                    <li class=style::step data-position=at aria-current=move || (at() == "current").then_some("step")>
                        <span class=style::dot aria-hidden="true"></span>
                        <span>{*label}</span>
                        <span class="visually-hidden">{move || match at() { "done" => ", done", "current" => ", now", _ => "" }}</span>
                    </li>
                }
            }).collect_view()}
        </ol>
    }
}
