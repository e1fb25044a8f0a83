//! The harness for WebDriver journeys: real processes on loopback, torn down when dropped.
//!
//! Each journey starts what it needs: ChromeDriver with Debian's Chromium, the release build
//! served with the production headers (`tools/serve/serve.mjs` reads `staticwebapp.config.json`),
//! and, for Azure-mode journeys, armsim and the OpenID provider. Nothing here talks to anything
//! but 127.0.0.1.

use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::Duration;
use thirtyfour::prelude::*;
use thirtyfour::{ChromiumLikeCapabilities, LoggingPrefsLogLevel};
use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader};
use tokio::process::{Child, Command};

pub mod armsim_app;
pub mod fault_kit;
pub mod http;
pub mod migration_flow;
pub mod sign_in;
pub mod wave_flow;

/// The repository's top folder.
#[must_use]
pub fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..").canonicalize().expect("repo root")
}

/// The release build the journeys run against (`trunk build --release` writes it).
///
/// # Panics
/// When there is no build: the journeys test what ships, so they refuse to run without it.
#[must_use]
pub fn dist_dir() -> PathBuf {
    let dir = std::env::var_os("ANF_DIST").map_or_else(|| repo_root().join("dist"), PathBuf::from);
    assert!(
        dir.join("index.html").is_file(),
        "no release build at {}: run `trunk build --release` (scripts/test does) first",
        dir.display()
    );
    dir
}

/// Where screenshots go, so a person can look at them.
#[must_use]
pub fn screenshot_dir() -> PathBuf {
    let dir = repo_root().join("test-output/screenshots");
    std::fs::create_dir_all(&dir).expect("screenshot dir");
    dir
}

/// A port nobody is listening on right now, and never handed out before by this process.
///
/// The OS gives a port it has just released to the next bind of port 0, so two calls before
/// either server is up (the site's and the OpenID provider's, say) could get the same one; a
/// journey then failed with `EADDRINUSE`. The ports handed out are remembered for that.
///
/// # Panics
/// When no loopback port can be bound.
#[must_use]
pub fn free_port() -> u16 {
    static GIVEN: std::sync::Mutex<Vec<u16>> = std::sync::Mutex::new(Vec::new());
    let mut given = GIVEN.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
    loop {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
        let port = listener.local_addr().expect("addr").port();
        if !given.contains(&port) {
            given.push(port);
            return port;
        }
    }
}

/// How long a helper process may take to say it is ready.
const READY_WITHIN: Duration = Duration::from_secs(90);
/// Lines of the page a failure's message quotes ([`Browser::failure_text`]).
pub const FAILURE_LINES: usize = 30;

/// Starts `cmd` and waits until it prints a line containing `ready` (stdout or stderr).
///
/// # Panics
/// When the process exits or stays silent for [`READY_WITHIN`]; its output so far is in the
/// message.
pub async fn spawn_until_ready(cmd: Command, ready: &str) -> Child {
    spawn_until_ready_line(cmd, ready).await.0
}

/// [`spawn_until_ready`], also returning the ready line.
///
/// # Panics
/// As [`spawn_until_ready`].
pub async fn spawn_until_ready_line(mut cmd: Command, ready: &str) -> (Child, String) {
    cmd.stdout(Stdio::piped()).stderr(Stdio::piped()).kill_on_drop(true);
    let mut child = cmd.spawn().unwrap_or_else(|e| panic!("cannot start {cmd:?}: {e}"));
    let stdout = child.stdout.take().expect("stdout");
    let stderr = child.stderr.take().expect("stderr");
    let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel::<String>();
    for stream in
        [Box::new(stdout) as Box<dyn tokio::io::AsyncRead + Unpin + Send>, Box::new(stderr)]
    {
        let tx = tx.clone();
        tokio::spawn(async move {
            let mut lines = BufReader::new(stream).lines();
            while let Ok(Some(line)) = lines.next_line().await {
                if std::env::var_os("E2E_VERBOSE").is_some() {
                    eprintln!("  | {line}");
                }
                let _ = tx.send(line);
            }
        });
    }
    drop(tx);
    let mut seen = Vec::new();
    let wait = async {
        while let Some(line) = rx.recv().await {
            let done = line.contains(ready);
            seen.push(line.clone());
            if done {
                return Some(line);
            }
        }
        None
    };
    // Generous: on a busy 2-core machine a Node server loading its modules has taken over 30 s.
    let found = tokio::time::timeout(READY_WITHIN, wait).await;
    let line = match found {
        Ok(Some(line)) => line,
        Ok(None) => {
            panic!("{cmd:?} ended before printing {ready:?}; it printed:\n{}", seen.join("\n"))
        }
        Err(_) => panic!(
            "{cmd:?} did not print {ready:?} within {READY_WITHIN:?}; it printed:\n{}",
            seen.join("\n")
        ),
    };
    // Keep draining output so the child never blocks on a full pipe.
    tokio::spawn(async move { while rx.recv().await.is_some() {} });
    (child, line)
}

/// Options for serving the release build.
#[derive(Clone, Debug, Default)]
pub struct SiteOptions {
    /// Serve this text as `/config.json` (another mode or tenant).
    pub config_json: Option<String>,
    /// Act as if there were no `/config.json` at all.
    pub no_config_json: bool,
    /// Extra origins for the policy's `connect-src` (local stand-ins).
    pub connect_src: Vec<String>,
    /// Serve on this port (the redirect URI registered with the OpenID provider names it).
    pub port: Option<u16>,
}

/// The release build served like Static Web Apps serves it.
pub struct Site {
    _server: Child,
    _config: Option<tempfile_path::TempFile>,
    /// e.g. `http://localhost:43123`
    pub base_url: String,
}

mod tempfile_path {
    use std::path::PathBuf;

    /// A file removed when dropped.
    pub struct TempFile(pub PathBuf);

    impl Drop for TempFile {
        fn drop(&mut self) {
            let _ = std::fs::remove_file(&self.0);
        }
    }
}

impl Site {
    /// Serves `dist/` on a free port.
    pub async fn start(options: SiteOptions) -> Self {
        let port = options.port.unwrap_or_else(free_port);
        let mut cmd = Command::new("node");
        cmd.arg(repo_root().join("tools/serve/serve.mjs"))
            .arg("--dir")
            .arg(dist_dir())
            .arg("--port")
            .arg(port.to_string());
        let config = options.config_json.map(|text| {
            let path = std::env::temp_dir().join(format!("anf-e2e-config-{port}.json"));
            std::fs::write(&path, text).expect("write config");
            tempfile_path::TempFile(path)
        });
        if let Some(file) = &config {
            cmd.arg("--config-json").arg(&file.0);
        }
        if options.no_config_json {
            cmd.arg("--no-config-json");
        }
        if !options.connect_src.is_empty() {
            cmd.arg("--connect-src").arg(options.connect_src.join(" "));
        }
        let server = spawn_until_ready(cmd, "serving").await;
        // `localhost`, not 127.0.0.1: the stand-ins run on 127.0.0.1, and a different host makes
        // the app's origin cross-site to them, as it is in production.
        Self { _server: server, _config: config, base_url: format!("http://localhost:{port}") }
    }
}

/// Chromium driven through ChromeDriver, with console capture.
pub struct Browser {
    /// The WebDriver session.
    pub driver: WebDriver,
    _chromedriver: Child,
    profile: PathBuf,
}

impl Browser {
    /// Starts ChromeDriver and a fresh headless Chromium profile at a desktop size.
    ///
    /// # Panics
    /// When ChromeDriver or Chromium cannot start.
    pub async fn start() -> Self {
        let port = free_port();
        let driver_bin = std::env::var("CHROMEDRIVER").unwrap_or_else(|_| "chromedriver".into());
        let mut cmd = Command::new(driver_bin);
        cmd.arg(format!("--port={port}"));
        let chromedriver = spawn_until_ready(cmd, "started successfully").await;
        let profile = std::env::temp_dir().join(format!("anf-e2e-profile-{port}"));
        let mut caps = DesiredCapabilities::chrome();
        caps.set_binary("/usr/bin/chromium").expect("binary");
        for arg in [
            "--headless=new",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-dev-shm-usage",
            "--window-size=1280,900",
            "--lang=en-US",
        ] {
            caps.add_arg(arg).expect("arg");
        }
        caps.add_arg(&format!("--user-data-dir={}", profile.display())).expect("profile");
        caps.set_browser_log_level(LoggingPrefsLogLevel::All).expect("logging");
        let driver = WebDriver::new(format!("http://127.0.0.1:{port}"), caps)
            .await
            .expect("a WebDriver session with Chromium");
        Self { driver, _chromedriver: chromedriver, profile }
    }

    /// Console errors since the last call (CSP violations and uncaught errors land here).
    pub async fn console_errors(&self) -> Vec<String> {
        self.driver
            .browser_log()
            .await
            .expect("browser log")
            .into_iter()
            .filter(|e| e.level == "SEVERE")
            .map(|e| e.message)
            .collect()
    }

    /// Saves a screenshot as `test-output/screenshots/{name}.png`.
    pub async fn screenshot(&self, name: &str) {
        let path = screenshot_dir().join(format!("{name}.png"));
        self.driver.screenshot(&path).await.expect("screenshot");
        println!("screenshot: {}", path.display());
    }

    /// Makes the page's viewport exactly `width` x `height` CSS pixels (the window size of a
    /// headless browser includes no chrome, but its viewport is not guaranteed to match it).
    ///
    /// # Panics
    /// When Chromium refuses the DevTools command.
    pub async fn set_viewport(&self, width: u32, height: u32) {
        self.driver
            .cdp()
            .emulation()
            .set_device_metrics_override(width, height, 1.0, false)
            .await
            .expect("Emulation.setDeviceMetricsOverride");
        // Two frames, so layout and paint follow the new size before anything is measured.
        let _ = self
            .driver
            .execute_async(
                "const done = arguments[0]; requestAnimationFrame(() => requestAnimationFrame(() => done(true)));",
                vec![],
            )
            .await;
    }

    /// Screenshots of the page as it is at each of `widths` (900 px high), named
    /// `{name}-{width}`; the viewport is 1280 x 900 again afterwards.
    pub async fn screenshots_at(&self, name: &str, widths: &[u32]) {
        for &w in widths {
            self.set_viewport(w, 900).await;
            self.screenshot(&format!("{name}-{w}")).await;
        }
        self.set_viewport(1280, 900).await;
    }

    /// Saves the whole page, `width` pixels wide, as `test-output/screenshots/{name}.png`: the
    /// viewport is made as tall as the page (at most 8,000 px) for the shot, then put back to
    /// the 1280 x 900 the journeys run at, at the same scroll position.
    pub async fn full_page_screenshot(&self, name: &str, width: u32) {
        let d = &self.driver;
        let probe = "return [document.documentElement.scrollHeight, window.scrollY];";
        let read = |v: &serde_json::Value, i: usize| v[i].as_f64().unwrap_or(0.0);
        let v = d.execute(probe, vec![]).await.expect("page size").json().clone();
        let scroll_y = read(&v, 1);
        // The page reflows at the new width: measure its height again there.
        self.set_viewport(width, 900).await;
        let v = d.execute(probe, vec![]).await.expect("page size").json().clone();
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        let height = read(&v, 0).clamp(900.0, 8000.0) as u32;
        self.set_viewport(width, height).await;
        let _ = d.execute("window.scrollTo(0, 0);", vec![]).await;
        self.screenshot(name).await;
        self.set_viewport(1280, 900).await;
        let back = format!("window.scrollTo(0, {scroll_y});");
        let _ = d.execute(&back, vec![]).await;
    }

    /// [`Self::full_page_screenshot`] at 1280 and 1920 px (`{name}-1280`, `{name}-1920`).
    pub async fn screenshots_at_both_widths(&self, name: &str) {
        for width in [1280, 1920] {
            self.full_page_screenshot(&format!("{name}-{width}"), width).await;
        }
    }

    /// Waits up to `secs` for an element matching `css`.
    ///
    /// # Panics
    /// When it does not appear; the page's text is in the message.
    pub async fn wait_for(&self, css: &str, secs: u64) -> WebElement {
        let query = self
            .driver
            .query(By::Css(css))
            .wait(Duration::from_secs(secs), Duration::from_millis(50));
        match query.first().await {
            Ok(e) => e,
            Err(err) => {
                let text = self.failure_text().await;
                panic!("no element {css:?} after {secs}s ({err}); the page says:\n{text}")
            }
        }
    }

    /// Waits up to `secs` until an element matching `css` has exactly `text`.
    pub async fn wait_for_text(&self, css: &str, text: &str, secs: u64) -> WebElement {
        let query = self
            .driver
            .query(By::Css(css))
            .with_text(text.to_owned())
            .wait(Duration::from_secs(secs), Duration::from_millis(50));
        match query.first().await {
            Ok(e) => e,
            Err(err) => {
                let body = self.failure_text().await;
                panic!(
                    "no {css:?} with text {text:?} after {secs}s ({err}); the page says:\n{body}"
                )
            }
        }
    }

    /// The visible text of the page.
    pub async fn body_text(&self) -> String {
        match self.driver.find(By::Tag("body")).await {
            Ok(b) => b.text().await.unwrap_or_default(),
            Err(e) => format!("(no body: {e})"),
        }
    }

    /// What a failure's message quotes of the page: the first [`FAILURE_LINES`] lines of its
    /// main region, with the whole page's text and a screenshot saved beside the screenshots.
    /// The message stays short so that CI's summary of a run, which keeps its start and its
    /// end, keeps every failure's message.
    pub async fn failure_text(&self) -> String {
        static SAVED: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
        let n = SAVED.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let path = screenshot_dir().join(format!("failure-{}-{n}.txt", std::process::id()));
        let body = self.body_text().await;
        let _ = std::fs::write(&path, &body);
        let _ = self.driver.screenshot(&path.with_extension("png")).await;
        let main = match self.driver.find(By::Tag("main")).await {
            Ok(m) => m.text().await.unwrap_or_default(),
            Err(_) => body,
        };
        let lines: Vec<&str> = main.lines().filter(|l| !l.trim().is_empty()).collect();
        if lines.len() <= FAILURE_LINES {
            return lines.join("\n");
        }
        format!(
            "{}\n[... {} more lines; the whole page in {}]",
            lines[..FAILURE_LINES].join("\n"),
            lines.len() - FAILURE_LINES,
            path.display()
        )
    }

    /// Ends the session and removes the profile.
    pub async fn quit(self) {
        let _ = self.driver.quit().await;
        let _ = std::fs::remove_dir_all(&self.profile);
    }
}

/// The Entra ID stand-in (`tools/oidc/entra-stand-in.mjs`, oidc-provider) on loopback.
pub struct Oidc {
    _server: Child,
    /// e.g. `http://127.0.0.1:41234/{tenant}` (what `config.json` calls the authority).
    pub authority: String,
    /// `{authority}/v2.0`, the issuer armsim checks tokens against.
    pub issuer: String,
    /// `http://127.0.0.1:41234`
    pub origin: String,
}

/// The stand-in's tenant, client and users.
pub mod oidc_defaults {
    /// Home tenant.
    pub const TENANT: &str = "72f988bf-86f1-41af-91ab-2d7cd011db47";
    /// The SPA's client id.
    pub const CLIENT_ID: &str = "00000000-0000-4000-8000-00000000a11c";
    /// The test user.
    pub const USERNAME: &str = "ada@contoso.test";
    /// Their password.
    pub const PASSWORD: &str = "correct horse battery staple";
    /// Their object id (`oid`), which the app keys their data with.
    pub const OBJECT_ID: &str = "3f2504e0-4f89-41d3-9a0c-0305e82c3301";
    /// A second user of the same tenant (`--user`), for journeys where two people share a
    /// browser; the stand-in derives their object id from the name.
    pub const SECOND_USERNAME: &str = "grace@contoso.test";
    /// Their password.
    pub const SECOND_PASSWORD: &str = "analytical engine";
}

impl Oidc {
    /// Starts the provider for an app served at `app_origin` (`http://localhost:PORT`), with
    /// access tokens living `access_token_ttl` seconds.
    pub async fn start(app_origin: &str, access_token_ttl: u64) -> Self {
        let port = free_port();
        let mut cmd = Command::new("node");
        cmd.arg(repo_root().join("tools/oidc/entra-stand-in.mjs"))
            .args(["--port", &port.to_string(), "--host", "127.0.0.1"])
            .args(["--tenant", oidc_defaults::TENANT, "--client-id", oidc_defaults::CLIENT_ID])
            .args(["--redirect-uri", &format!("{app_origin}/")])
            .args(["--post-logout-redirect-uri", &format!("{app_origin}/")])
            .args(["--spa-origin", app_origin])
            .args(["--access-token-ttl", &access_token_ttl.to_string()])
            .args([
                "--user",
                &format!("{}:{}", oidc_defaults::SECOND_USERNAME, oidc_defaults::SECOND_PASSWORD),
            ]);
        let server = spawn_until_ready(cmd, "oidc listening on").await;
        let origin = format!("http://127.0.0.1:{port}");
        let authority = format!("{origin}/{}", oidc_defaults::TENANT);
        Self { _server: server, issuer: format!("{authority}/v2.0"), authority, origin }
    }

    /// Arms a token-endpoint fault switch (`mode=refuse|drop&count=N&grant=...`); the switch
    /// as armed.
    ///
    /// # Panics
    /// When the stand-in refuses it.
    pub async fn fault(&self, query: &str) -> serde_json::Value {
        let r = http::post(&format!("{}/_oidc/fault/token?{query}", self.origin), "").await;
        assert_eq!(r.status, 200, "token fault {query}: {}", r.text());
        serde_json::from_slice(&r.body).expect("JSON")
    }

    /// The token-endpoint switches still armed, oldest first.
    pub async fn faults(&self) -> Vec<serde_json::Value> {
        let r = http::get(&format!("{}/_oidc/faults", self.origin)).await;
        let v: serde_json::Value = serde_json::from_slice(&r.body).expect("faults JSON");
        v["faults"].as_array().cloned().unwrap_or_default()
    }
}

/// armsim: the simulator as ARM over HTTP.
pub struct Armsim {
    _server: Child,
    /// e.g. `http://127.0.0.1:41235`
    pub origin: String,
}

impl Armsim {
    /// Starts armsim checking tokens against `issuer` (or without checks when `None`), allowing
    /// `app_origin` by CORS, in `scenario`, at `speed`.
    ///
    /// # Panics
    /// When the armsim binary has not been built (`cargo build -p anf-armsim`).
    pub async fn start(issuer: Option<&str>, app_origin: &str, scenario: &str, speed: f64) -> Self {
        let bin = std::env::var_os("ARMSIM_BIN").map_or_else(
            || {
                let target = std::env::var_os("CARGO_TARGET_DIR")
                    .map_or_else(|| repo_root().join("target"), PathBuf::from);
                target.join("debug/armsim")
            },
            PathBuf::from,
        );
        assert!(bin.is_file(), "no armsim at {}: run `cargo build -p anf-armsim`", bin.display());
        let mut cmd = Command::new(bin);
        cmd.args(["--listen", "127.0.0.1:0", "--allow-origin", app_origin]).args([
            "--scenario",
            scenario,
            "--speed",
            &speed.to_string(),
        ]);
        match issuer {
            Some(issuer) => cmd.args(["--issuer", issuer]),
            None => cmd.arg("--no-auth"),
        };
        let (server, line) = spawn_until_ready_line(cmd, "armsim listening on").await;
        // The ready line names the port it chose.
        let origin = line
            .split_whitespace()
            .find(|w| w.starts_with("http://"))
            .expect("armsim names its address")
            .trim_end_matches('/')
            .to_owned();
        Self { _server: server, origin }
    }

    /// POSTs to the control API, e.g. `("/_sim/clock/advance?seconds=60", "")`.
    pub async fn control(&self, path_and_query: &str, body: &str) -> http::Response {
        http::post(&format!("{}{path_and_query}", self.origin), body).await
    }
}

/// Reads a whole HTTP/1.0 response; used by [`http::get`].
async fn read_all(stream: &mut tokio::net::TcpStream) -> Vec<u8> {
    let mut buf = Vec::new();
    stream.read_to_end(&mut buf).await.expect("read response");
    buf
}

/// Writes a request; used by [`http::get`].
async fn write_all(stream: &mut tokio::net::TcpStream, data: &[u8]) {
    stream.write_all(data).await.expect("write request");
}
