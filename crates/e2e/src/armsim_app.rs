//! The app in Azure mode against armsim over HTTP, signed in with the Entra stand-in: what the
//! bad-input, failure and throttling journeys share.
//!
//! armsim runs with `--no-auth` so a journey can also call ARM itself (setting up a migration,
//! or spending the subscription's read budget as another tool would); the app still signs in
//! with the OpenID provider and sends its bearer token, which armsim then does not check.

pub use crate::sign_in::{
    choose_default_scope, sign_in, sign_in_as, sign_in_on_the_form, sign_in_on_the_form_as, User,
    ADA, GRACE,
};
use crate::{free_port, http, oidc_defaults, Armsim, Browser, Oidc, Site, SiteOptions};
use std::time::Duration;
use thirtyfour::prelude::*;

/// The simulator's default scope (`GET /_sim/scope`), as every scenario seeds it.
pub mod scope {
    /// Subscription.
    pub const SUBSCRIPTION: &str = "0f3c1e5a-7b2d-4c8e-9a61-3d5f2b8e4c71";
    /// Resource group.
    pub const RESOURCE_GROUP: &str = "rg-anf-migration";
    /// NetApp account.
    pub const ACCOUNT: &str = "anf-contoso";
    /// Capacity pool.
    pub const POOL: &str = "pool-standard";
    /// The source cluster.
    pub const CLUSTER: &str = "onprem-cl01";
    /// The source SVM.
    pub const SVM: &str = "svm_nfs";
    /// The source cluster's intercluster LIFs.
    pub const LIFS: [&str; 2] = ["192.168.10.21", "192.168.10.22"];
}

/// The api-version the app uses by default.
pub const API_VERSION: &str = "2026-04-01";

/// The release build in Azure mode, the OpenID provider, armsim and a browser.
pub struct AzureApp {
    /// The browser (drop order: first).
    pub browser: Browser,
    /// The served app.
    pub site: Site,
    /// armsim.
    pub armsim: Armsim,
    /// The Entra stand-in.
    pub oidc: Oidc,
}

/// How an [`AzureApp`] starts.
#[derive(Clone, Copy, Debug)]
pub struct AzureOptions<'a> {
    /// armsim's scenario.
    pub scenario: &'a str,
    /// armsim's speed factor.
    pub speed: f64,
    /// Lifetime of the stand-in's access tokens, in seconds.
    pub token_seconds: u64,
    /// armsim checks every token against the stand-in (and sits in its tenant); otherwise
    /// armsim runs with `--no-auth`.
    pub check_tokens: bool,
}

impl Default for AzureOptions<'_> {
    fn default() -> Self {
        Self { scenario: "happy-path", speed: 1.0, token_seconds: 3600, check_tokens: false }
    }
}

impl AzureApp {
    /// Starts everything for `scenario` at `speed` (armsim with `--no-auth`).
    pub async fn start(scenario: &str, speed: f64) -> Self {
        Self::start_with(AzureOptions { scenario, speed, ..AzureOptions::default() }).await
    }

    /// Starts everything as `options` say.
    pub async fn start_with(options: AzureOptions<'_>) -> Self {
        let port = free_port();
        // Held until the site starts: armsim binds port 0 itself, and the OS could give it
        // this one while nobody listens on it.
        let hold = std::net::TcpListener::bind(("127.0.0.1", port)).ok();
        let app = format!("http://localhost:{port}");
        let oidc = Oidc::start(&app, options.token_seconds).await;
        let issuer = options.check_tokens.then_some(oidc.issuer.as_str());
        let armsim = Armsim::start(issuer, &app, options.scenario, options.speed).await;
        drop(hold);
        let config = serde_json::json!({
            "clientId": oidc_defaults::CLIENT_ID,
            "authority": oidc.authority,
            "redirectUri": format!("{app}/"),
            "armEndpoint": armsim.origin,
        });
        let site = Site::start(SiteOptions {
            config_json: Some(config.to_string()),
            connect_src: vec![oidc.origin.clone(), armsim.origin.clone()],
            port: Some(port),
            ..SiteOptions::default()
        })
        .await;
        let browser = Browser::start().await;
        Self { browser, site, armsim, oidc }
    }

    /// `{base_url}{path}`.
    #[must_use]
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.site.base_url)
    }

    /// Opens `path` in the app.
    pub async fn goto(&self, path: &str) {
        self.browser.driver.goto(&self.url(path)).await.expect("navigate");
    }

    /// Signs in through the stand-in's form from the scope page and chooses the simulator's
    /// default subscription, resource group, account and pool there.
    pub async fn sign_in_and_choose_scope(&self) {
        self.goto("/scope").await;
        sign_in(&self.browser).await;
        choose_default_scope(&self.browser).await;
    }

    /// The pool's ARM path.
    #[must_use]
    pub fn pool_path() -> String {
        format!(
            "/subscriptions/{}/resourceGroups/{}/providers/Microsoft.NetApp/netAppAccounts/{}/capacityPools/{}",
            scope::SUBSCRIPTION,
            scope::RESOURCE_GROUP,
            scope::ACCOUNT,
            scope::POOL
        )
    }

    /// A volume's ARM path in the default pool.
    #[must_use]
    pub fn volume_path(name: &str) -> String {
        format!("{}/volumes/{name}", Self::pool_path())
    }

    /// ARM calls armsim received so far.
    pub async fn requests(&self) -> Vec<Logged> {
        requests(&self.armsim).await
    }

    /// Runs command lines on the simulated source cluster; ONTAP's output.
    pub async fn ontap(&self, lines: &str) -> String {
        self.armsim.control(&format!("/_sim/ontap/{}/cli", scope::CLUSTER), lines).await.text()
    }

    /// Calls ARM on armsim directly (as another tool would), JSON in and out; a 429 is retried
    /// after its `Retry-After`.
    pub async fn arm(
        &self,
        method: &str,
        path_and_query: &str,
        body: Option<&serde_json::Value>,
    ) -> Reply {
        loop {
            let r = send(&self.armsim.origin, method, path_and_query, body).await;
            if r.status != 429 {
                return r;
            }
            let wait = r.header("retry-after").and_then(|s| s.parse::<u64>().ok()).unwrap_or(1);
            tokio::time::sleep(Duration::from_secs(wait)).await;
        }
    }

    /// One call straight to armsim, a 429 included.
    pub async fn arm_once(&self, method: &str, path_and_query: &str) -> Reply {
        send(&self.armsim.origin, method, path_and_query, None).await
    }

    /// Follows an accepted call's `Azure-AsyncOperation` (or `Location`) until it ends, moving
    /// armsim's clock on so it ends soon; the final status body.
    pub async fn finish(&self, accepted: &Reply) -> serde_json::Value {
        assert!((200..=202).contains(&accepted.status), "not accepted: {accepted:?}");
        let url = accepted
            .header("azure-asyncoperation")
            .or_else(|| accepted.header("location"))
            .unwrap_or_else(|| panic!("no operation to follow: {accepted:?}"));
        let path = url.find("/subscriptions/").map_or(url, |i| &url[i..]).to_owned();
        for _ in 0..100 {
            let r = self.arm("GET", &path, None).await;
            match r.json["status"].as_str() {
                Some("InProgress" | "Accepted" | "Running") => {}
                _ => return r.json,
            }
            self.armsim.control("/_sim/clock/advance?seconds=15", "").await;
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        panic!("the operation at {path} did not end");
    }

    /// Creates a migration volume from the simulated source volume `source` straight through
    /// ARM (as another tool would). The volume's ARM path.
    pub async fn create_directly(&self, name: &str, source: &str, gib: u64) -> String {
        let path = Self::volume_path(name);
        let body = serde_json::json!({
            "type": "Microsoft.NetApp/netAppAccounts/capacityPools/volumes",
            "location": "eastus",
            "properties": {
                "volumeType": "Migration",
                "dataProtection": { "replication": {
                    "endpointType": "Dst",
                    "replicationSchedule": "Hourly",
                    "remotePath": { "externalHostName": scope::CLUSTER, "serverName": scope::SVM, "volumeName": source }
                }},
                "serviceLevel": "Standard",
                "creationToken": name,
                "usageThreshold": gib << 30,
                "exportPolicy": { "rules": [{ "ruleIndex": 1, "unixReadOnly": false, "unixReadWrite": true,
                    "cifs": false, "nfsv3": true, "nfsv41": false, "allowedClients": "10.0.0.0/8", "hasRootAccess": true }] },
                "protocolTypes": ["NFSv3"],
                "subnetId": format!("/subscriptions/{}/resourceGroups/{}/providers/Microsoft.Network/virtualNetworks/vnet-anf/subnets/snet-anf", scope::SUBSCRIPTION, scope::RESOURCE_GROUP),
                "networkFeatures": "Standard",
                "isLargeVolume": false
            }
        });
        let put = self.arm("PUT", &format!("{path}?api-version={API_VERSION}"), Some(&body)).await;
        let created = self.finish(&put).await;
        assert_eq!(created["status"], "Succeeded", "create: {created}");
        path
    }

    /// [`Self::create_directly`], then peers the cluster, authorizes and accepts SVM peering on
    /// the source: the baseline transfer starts. The volume's ARM path.
    pub async fn migrate_directly(&self, name: &str, source: &str, gib: u64) -> String {
        let path = self.create_directly(name, source, gib).await;
        let peer = serde_json::json!({ "peerIpAddresses": scope::LIFS });
        let r = self
            .arm(
                "POST",
                &format!("{path}/peerExternalCluster?api-version={API_VERSION}"),
                Some(&peer),
            )
            .await;
        let peered = self.finish(&r).await;
        let command = peered["properties"]["clusterPeeringCommand"].as_str().unwrap_or_default();
        if !command.is_empty() {
            let pass = peered["properties"]["passphrase"].as_str().unwrap_or_default();
            let command = command.replace("<IP-SPACE-NAME>", "Default");
            let out = self.ontap(&format!("{command}\n{pass}\n{pass}")).await;
            assert!(!out.contains("Error"), "cluster peer create: {out}");
        }
        let r = self
            .arm(
                "POST",
                &format!("{path}/authorizeExternalReplication?api-version={API_VERSION}"),
                None,
            )
            .await;
        let authorized = self.finish(&r).await;
        assert_eq!(authorized["status"], "Succeeded", "authorize: {authorized}");
        let svm = authorized["properties"]["svmPeeringCommand"].as_str().unwrap_or_default();
        if !svm.is_empty() {
            let out = self.ontap(svm).await;
            assert!(!out.contains("Error"), "vserver peer accept: {out}");
        }
        path
    }
}

/// Replaces what the field matching `css` holds with `text`, as a person types it, then leaves
/// the field (Tab), so the app shows what it thinks of it.
pub async fn fill(browser: &Browser, css: &str, text: &str) {
    let e = browser.wait_for(css, 20).await;
    e.click().await.expect("focus the field");
    e.send_keys(Key::Control + "a").await.expect("select all");
    e.send_keys(Key::Backspace).await.expect("clear");
    if !text.is_empty() {
        e.send_keys(text).await.expect("type");
    }
    e.send_keys(Key::Tab).await.expect("leave the field");
}

/// Waits up to `secs` until an element matching `css` has `needle` in its text; that text.
///
/// # Panics
/// When it does not; what the element and the page say is in the message.
pub async fn wait_contains(browser: &Browser, css: &str, needle: &str, secs: u64) -> String {
    let mut last = String::new();
    for _ in 0..secs * 10 {
        for e in browser.driver.find_all(By::Css(css)).await.unwrap_or_default() {
            last = e.text().await.unwrap_or_default();
            if last.contains(needle) {
                return last;
            }
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!(
        "{css:?} does not say {needle:?} after {secs}s; it says {last:?}; the page says:\n{}",
        browser.failure_text().await
    );
}

/// Fails when the log holds any ARM write (PUT, POST, PATCH, DELETE).
///
/// # Panics
/// When it does.
pub fn assert_no_writes(log: &[Logged], when: &str) {
    let writes: Vec<&Logged> = log.iter().filter(|r| r.is_write()).collect();
    assert!(writes.is_empty(), "ARM writes {when}: {writes:#?}");
}

/// One call in armsim's request log.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Logged {
    /// `GET`, `PUT`, ...
    pub method: String,
    /// The path, without the query.
    pub path: String,
    /// The status armsim answered.
    pub status: u16,
    /// When it arrived, in milliseconds since 1970 (armsim's real clock).
    pub at_ms: u64,
    /// The fault switch that acted on it (`throttle`, `drop`, `slow+operation`...), if any.
    pub fault: Option<String>,
    /// The simulator handled it, so a mutation took effect, whatever the browser received.
    pub handled: bool,
}

/// POST actions of the Microsoft.NetApp spec that only read.
const READ_ACTIONS: &[&str] = &["/listReplications"];

impl Logged {
    /// A write: what bad input must never cause. ARM's read-only actions are POSTs too
    /// (`listReplications`, the details page's list of a volume's replications) and are not.
    #[must_use]
    pub fn is_write(&self) -> bool {
        match self.method.as_str() {
            "PUT" | "PATCH" | "DELETE" => true,
            "POST" => !READ_ACTIONS.iter().any(|a| self.path.ends_with(a)),
            _ => false,
        }
    }
}

/// armsim's request log.
pub async fn requests(armsim: &Armsim) -> Vec<Logged> {
    let r = crate::http::get(&format!("{}/_sim/requests", armsim.origin)).await;
    let v: serde_json::Value = serde_json::from_slice(&r.body).expect("request log JSON");
    v["requests"]
        .as_array()
        .expect("requests")
        .iter()
        .map(|e| Logged {
            method: e["method"].as_str().unwrap_or_default().to_owned(),
            path: e["path"].as_str().unwrap_or_default().to_owned(),
            status: e["status"].as_u64().and_then(|s| u16::try_from(s).ok()).unwrap_or_default(),
            at_ms: parse_iso_ms(e["at"].as_str().unwrap_or_default())
                .unwrap_or_else(|| panic!("a time in the log: {e}")),
            fault: e["fault"].as_str().map(str::to_owned),
            handled: e["handled"].as_bool().unwrap_or_else(|| panic!("handled in the log: {e}")),
        })
        .collect()
}

/// `2026-11-26T11:30:31.123Z` in milliseconds since 1970.
#[must_use]
pub fn parse_iso_ms(s: &str) -> Option<u64> {
    let (date, time) = s.trim_end_matches('Z').split_once('T')?;
    let mut d = date.split('-').map(|p| p.parse::<i64>().ok());
    let (y, m, day) = (d.next()??, d.next()??, d.next()??);
    let (hms, ms) = time.split_once('.').unwrap_or((time, "0"));
    let mut t = hms.split(':').map(|p| p.parse::<i64>().ok());
    let (h, mi, sec) = (t.next()??, t.next()??, t.next()??);
    let ms: i64 = format!("{ms:0<3}")[..3].parse().ok()?;
    // Days from the civil date (Howard Hinnant's algorithm).
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    let days = era * 146_097 + doe - 719_468;
    u64::try_from(((days * 86_400 + h * 3600 + mi * 60 + sec) * 1000) + ms).ok()
}

/// An answer from ARM on armsim.
#[derive(Debug)]
pub struct Reply {
    /// Status code.
    pub status: u16,
    /// Header names lower-cased.
    pub headers: Vec<(String, String)>,
    /// The body as JSON (`Null` when empty or not JSON).
    pub json: serde_json::Value,
}

impl Reply {
    /// The first header of that name.
    #[must_use]
    pub fn header(&self, name: &str) -> Option<&str> {
        let name = name.to_ascii_lowercase();
        self.headers.iter().find(|(k, _)| *k == name).map(|(_, v)| v.as_str())
    }
}

async fn send(origin: &str, method: &str, path: &str, body: Option<&serde_json::Value>) -> Reply {
    let body = body.map(ToString::to_string);
    let r = http::request(method, &format!("{origin}{path}"), body.as_deref(), "application/json")
        .await;
    let json = serde_json::from_slice(&r.body).unwrap_or(serde_json::Value::Null);
    Reply { status: r.status, headers: r.headers, json }
}

#[cfg(test)]
mod tests {
    use super::parse_iso_ms;

    #[test]
    fn parses_armsim_times() {
        assert_eq!(parse_iso_ms("1970-01-01T00:00:01.250Z"), Some(1250));
        assert_eq!(parse_iso_ms("2000-03-01T00:00:00.000Z"), Some(951_868_800_000));
        assert_eq!(parse_iso_ms("nonsense"), None);
    }
}
