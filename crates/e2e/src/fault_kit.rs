//! What the fault journeys share: arming armsim's switches, counting the mutations the
//! simulator applied, reading the app's operations from sessionStorage, and recording every
//! notice the page showed (a banner that lasts a second is still seen).
//!
//! The checks are the fault suite's promises: no mutation applied twice (armsim's request log,
//! `handled: true`), no operation reported failed that did not fail (the app's own record), and
//! the user told in words (what the page said).

use crate::armsim_app::{AzureApp, Logged};
use crate::migration_flow::wait_js;
use crate::{http, Browser};
use std::collections::BTreeMap;
use std::time::{Duration, Instant};

impl AzureApp {
    /// Arms armsim's fault switch `kind` with `query` (`count=1&path=...&method=GET&...`); the
    /// switch as armed.
    ///
    /// # Panics
    /// When armsim refuses it.
    pub async fn fault(&self, kind: &str, query: &str) -> serde_json::Value {
        let r = self.armsim.control(&format!("/_sim/fault/{kind}?{query}"), "").await;
        assert_eq!(r.status, 200, "fault {kind}?{query}: {}", r.text());
        serde_json::from_slice(&r.body).expect("JSON")
    }

    /// armsim's switches still armed (the simulator's `operation` ones included).
    pub async fn armed(&self) -> Vec<serde_json::Value> {
        let r = http::get(&format!("{}/_sim/faults", self.armsim.origin)).await;
        let v: serde_json::Value = serde_json::from_slice(&r.body).expect("faults JSON");
        v["faults"].as_array().cloned().unwrap_or_default()
    }

    /// Waits until every armed switch has acted.
    ///
    /// # Panics
    /// When some are still armed after `secs`; they and the page are in the message.
    pub async fn wait_faults_spent(&self, secs: u64) {
        let deadline = Instant::now() + Duration::from_secs(secs);
        loop {
            let left = self.armed().await;
            if left.is_empty() {
                return;
            }
            assert!(
                Instant::now() < deadline,
                "switches still armed after {secs}s: {left:#?}\nthe page says:\n{}",
                self.browser.failure_text().await
            );
            tokio::time::sleep(Duration::from_millis(200)).await;
        }
    }

    /// Moves armsim's simulated time on by `seconds`.
    pub async fn advance(&self, seconds: u64) {
        let r = self.armsim.control(&format!("/_sim/clock/advance?seconds={seconds}"), "").await;
        assert_eq!(r.status, 200, "advance: {}", r.text());
    }

    /// Holds armsim's scheduled transfers: simulated time runs many times faster than the
    /// wall clock, so a schedule's slot (an hour, a day) lands at a moment the time of day of
    /// the run picks, and a step that needs the relationship idle would pass or fail by it.
    pub async fn hold_schedules(&self) {
        let r = self.armsim.control("/_sim/schedules?hold=true", "").await;
        assert_eq!(r.status, 200, "hold the schedules: {}", r.text());
    }

    /// Sets armsim's speed factor.
    pub async fn speed(&self, factor: f64) {
        let r = self.armsim.control(&format!("/_sim/speed?factor={factor}"), "").await;
        assert_eq!(r.status, 200, "speed: {}", r.text());
    }
}

/// The mutations the simulator applied, `"METHOD path"` -> how many times: ARM writes it
/// handled (`handled: true`) and did not refuse, whatever the browser heard of them. A write
/// whose connection was cut after the simulator handled it (`status: null`) counts: that is
/// the lost answer the journeys are about.
#[must_use]
pub fn applied(log: &[Logged]) -> BTreeMap<String, usize> {
    let mut out = BTreeMap::new();
    let took_effect = |r: &&Logged| r.status == 0 || (200..300).contains(&r.status);
    for r in log.iter().filter(|r| r.is_write() && r.handled).filter(took_effect) {
        *out.entry(format!("{} {}", r.method, r.path)).or_insert(0) += 1;
    }
    out
}

/// Fails unless the simulator applied exactly `expected` (`(method, path, times)`) and no
/// other mutation: nothing sent twice, nothing sent that the user did not ask for.
///
/// # Panics
/// When it did not; the writes in the log are in the message.
pub fn assert_applied(log: &[Logged], expected: &[(&str, &str, usize)]) {
    let want: BTreeMap<String, usize> =
        expected.iter().map(|(m, p, n)| (format!("{m} {p}"), *n)).collect();
    let writes: Vec<&Logged> = log.iter().filter(|r| r.is_write()).collect();
    assert_eq!(applied(log), want, "mutations applied; every write armsim saw: {writes:#?}");
}

/// How many duplicated mutations the log shows against `expected`: the journeys' figure.
#[must_use]
pub fn duplicates(log: &[Logged], expected: &[(&str, &str, usize)]) -> usize {
    let got = applied(log);
    expected
        .iter()
        .map(|(m, p, n)| got.get(&format!("{m} {p}")).copied().unwrap_or(0).saturating_sub(*n))
        .sum()
}

/// Calls in `log` of `method` on `path`, in order.
#[must_use]
pub fn calls<'a>(log: &'a [Logged], method: &str, path: &str) -> Vec<&'a Logged> {
    log.iter().filter(|r| r.method == method && r.path.eq_ignore_ascii_case(path)).collect()
}

/// The script that keeps every notice the page shows, in sessionStorage under `e2e.notices`
/// (the app only reads its own `anf-migrate.` keys): banners, the sign-in notice, toasts and
/// alerts. Installed once per page load; returns what was kept.
const RECORDER: &str = r#"
const KEY = 'e2e.notices';
const kept = () => JSON.parse(sessionStorage.getItem(KEY) || '[]');
if (!window.__e2eRecorder) {
  window.__e2eRecorder = true;
  const sel = "[data-link], [data-auth-notice], [role='status'][aria-live='polite'] > div, [role='alert'], [data-create-status] p, [data-unread-polls]";
  const look = () => {
    const all = kept();
    const seen = new Set(all.map((n) => n.text));
    let changed = false;
    for (const e of document.querySelectorAll(sel)) {
      const text = (e.innerText || e.textContent || '').trim();
      if (text && !seen.has(text)) {
        seen.add(text);
        all.push({ at: Date.now(), text });
        changed = true;
      }
    }
    if (changed) sessionStorage.setItem(KEY, JSON.stringify(all));
  };
  new MutationObserver(look).observe(document.documentElement, { subtree: true, childList: true, characterData: true });
  look();
}
return JSON.stringify(kept());
"#;

/// Starts recording the page's notices (again after each page load; [`notices`] does it too).
pub async fn record_notices(b: &Browser) {
    let _ = b.driver.execute(RECORDER, vec![]).await;
}

/// Every notice the page showed since recording started, oldest first.
pub async fn notices(b: &Browser) -> Vec<String> {
    let Ok(ret) = b.driver.execute(RECORDER, vec![]).await else { return Vec::new() };
    let text = ret.json().as_str().unwrap_or("[]").to_owned();
    let v: serde_json::Value = serde_json::from_str(&text).unwrap_or_default();
    v.as_array()
        .map(|a| a.iter().filter_map(|n| n["text"].as_str().map(str::to_owned)).collect())
        .unwrap_or_default()
}

/// Waits until the page has shown a notice saying `needle`; that notice.
///
/// # Panics
/// When it has not within `secs`; every notice seen is in the message.
pub async fn wait_told(b: &Browser, needle: &str, secs: u64) -> String {
    let deadline = Instant::now() + Duration::from_secs(secs);
    loop {
        let seen = notices(b).await;
        if let Some(n) = seen.iter().find(|n| n.contains(needle)) {
            return n.clone();
        }
        assert!(
            Instant::now() < deadline,
            "the page never said {needle:?} in {secs}s; it said: {seen:#?}\nit says now:\n{}",
            b.failure_text().await
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// Forgets the notices recorded so far (the next checks see only what comes after).
pub async fn clear_notices(b: &Browser) {
    let _ = b.driver.execute("sessionStorage.removeItem('e2e.notices');", vec![]).await;
}

/// The app's operations as this tab keeps them: `(storage key, operations)` for each key of
/// the form `anf-migrate.operations@<tenant>.<object id>`. Read once the registry's saves have
/// settled: a change within 200 ms of its last save is saved at the end of those 200 ms
/// (`src/state/operations/mod.rs`, `save_shortly`), so what the page shows may be that far ahead.
pub async fn stored_operations(b: &Browser) -> Vec<(String, Vec<serde_json::Value>)> {
    tokio::time::sleep(std::time::Duration::from_millis(400)).await;
    let script = "return JSON.stringify(Object.keys(sessionStorage).filter((k) => k.startsWith('anf-migrate.operations@')).map((k) => [k, JSON.parse(sessionStorage.getItem(k))]));";
    let Ok(ret) = b.driver.execute(script, vec![]).await else { return Vec::new() };
    let v: serde_json::Value =
        serde_json::from_str(ret.json().as_str().unwrap_or("[]")).unwrap_or_default();
    v.as_array()
        .map(|a| {
            a.iter()
                .map(|pair| {
                    let key = pair[0].as_str().unwrap_or_default().to_owned();
                    (key, pair[1].as_array().cloned().unwrap_or_default())
                })
                .collect()
        })
        .unwrap_or_default()
}

/// The signed-in user's operations: those under `anf-migrate.operations@<tenant>.<oid>`.
///
/// # Panics
/// When the tab holds operations under any other key (another user's, or unowned).
pub async fn operations_of(b: &Browser, tenant: &str, oid: &str) -> Vec<serde_json::Value> {
    let want = format!("anf-migrate.operations@{tenant}.{oid}").to_ascii_lowercase();
    let mut mine = Vec::new();
    for (key, ops) in stored_operations(b).await {
        assert_eq!(key, want, "operations kept under another key than the user's");
        mine = ops;
    }
    mine
}

/// Where one stored operation stands: `starting`, `running`, `unknown`, `notStarted`, or its
/// outcome (`succeeded`, `failed`, `canceled`).
#[must_use]
pub fn op_state(op: &serde_json::Value) -> String {
    let state = op["state"]["state"].as_str().unwrap_or("?");
    match state {
        "done" => op["state"]["outcome"]["outcome"].as_str().unwrap_or("?").to_owned(),
        other => other.to_owned(),
    }
}

/// The operation labelled `label` (the newest if several).
///
/// # Panics
/// When there is none.
#[must_use]
pub fn op_labelled<'a>(ops: &'a [serde_json::Value], label: &str) -> &'a serde_json::Value {
    ops.iter()
        .rev()
        .find(|o| o["label"] == label)
        .unwrap_or_else(|| panic!("no operation {label:?} in {ops:#?}"))
}

/// Waits until the stored operation labelled `label` is in `state` ([`op_state`]).
///
/// # Panics
/// When it isn't within `secs`.
pub async fn wait_op_state(b: &Browser, label: &str, state: &str, secs: u64) {
    let script = format!(
        "for (const k of Object.keys(sessionStorage)) {{ if (!k.startsWith('anf-migrate.operations@')) continue; const ops = JSON.parse(sessionStorage.getItem(k)); for (let i = ops.length - 1; i >= 0; i--) {{ const o = ops[i]; if (o.label !== {label}) continue; const s = o.state.state === 'done' ? o.state.outcome.outcome : o.state.state; return s === {state} ? s : null; }} }} return null;",
        label = serde_json::Value::String(label.to_owned()),
        state = serde_json::Value::String(state.to_owned()),
    );
    wait_js(b, &format!("operation {label:?} {state}"), secs, &script).await;
}

/// Operations that ended failed while `allowed` (labels) are the only ones that really did: the
/// journeys' "wrongly failed" figure. Refused first requests (`notStarted`) count too.
#[must_use]
pub fn wrongly_failed(ops: &[serde_json::Value], allowed: &[&str]) -> Vec<String> {
    ops.iter()
        .filter(|o| matches!(op_state(o).as_str(), "failed" | "notStarted"))
        .filter_map(|o| o["label"].as_str())
        .filter(|l| !allowed.contains(l))
        .map(str::to_owned)
        .collect()
}

/// One line for the suite's figures, printed by each journey under fault.
pub fn report(journey: &str, faults: usize, duplicated: usize, wrongly_failed: usize) {
    println!(
        "fault figures: journey={journey} faults_injected={faults} duplicated_mutations={duplicated} operations_wrongly_failed={wrongly_failed}"
    );
}
