//! The places a new user stopped at (issue 16), walked through the demo at the widths people
//! use: the Review + Create summary, the peering command, the table's Actions menu, a paused
//! and a finalized migration, each photographed at 1280, 1440 and 1920 px.

use anf_e2e::migration_flow::{self as flow, NewMigration, Ontap};
use anf_e2e::{Browser, Site, SiteOptions};

const WIDTHS: &[u32] = &[1280, 1440, 1920];

/// What a person would trip over on the page as it is now, in words (empty: nothing): a
/// notice over a control of the page, a command broken inside a word, the page wider than the
/// window, a table wider than its card (its Actions out of sight), a row's menu that moved the
/// table, a placeholder cut off, a radio above its title.
const LAYOUT_PROBLEMS: &str = r#"
const problems = [];
const overlaps = (a, b) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
const visible = (r) => r.width > 0 && r.height > 0;
const controls = [...document.querySelectorAll('main button, main a, main input, main select, main textarea')]
  .filter(c => !c.closest('[data-actions-menu]') && !c.closest('[role=alertdialog]'));
for (const t of document.querySelectorAll('[data-toasts] [data-toast], [data-toasts-more]')) {
  const r = t.getBoundingClientRect();
  if (!visible(r)) continue;
  for (const c of controls) {
    const cr = c.getBoundingClientRect();
    if (visible(cr) && overlaps(r, cr)) problems.push(`a notice covers "${(c.innerText || c.placeholder || c.tagName).trim().slice(0, 40)}"`);
  }
}
for (const w of document.querySelectorAll('figure pre code span')) {
  if (w.getClientRects().length > 1) problems.push(`"${w.textContent}" is broken across lines`);
}
if (document.documentElement.scrollWidth > window.innerWidth + 1) problems.push(`the page is ${document.documentElement.scrollWidth}px wide in a ${window.innerWidth}px window`);
const scroller = document.querySelector('[role=region][aria-label="Migrations table"]');
if (scroller && scroller.scrollWidth > scroller.clientWidth + 1) problems.push(`the table is ${scroller.scrollWidth}px wide in its ${scroller.clientWidth}px card: it scrolls sideways`);
const filter = document.querySelector('#migrations-filter');
if (filter) {
  const s = getComputedStyle(filter);
  const probe = document.createElement('span');
  probe.style.font = s.font; probe.style.position = 'absolute'; probe.style.visibility = 'hidden'; probe.style.whiteSpace = 'pre';
  probe.textContent = filter.placeholder;
  document.body.appendChild(probe);
  const room = filter.clientWidth - parseFloat(s.paddingLeft) - parseFloat(s.paddingRight);
  if (probe.offsetWidth > room) problems.push(`the filter's placeholder needs ${probe.offsetWidth}px and has ${room}px`);
  probe.remove();
}
for (const label of document.querySelectorAll('label[for^="scenario-"]')) {
  const radio = label.querySelector('input[type=radio]').getBoundingClientRect();
  const title = label.querySelector('strong').getBoundingClientRect();
  const middle = (radio.top + radio.bottom) / 2;
  if (middle < title.top || middle > title.bottom) problems.push(`the radio of "${label.querySelector('strong').textContent}" is not beside its title`);
}
return problems;
"#;

/// Screenshots at every width, each page checked for [`LAYOUT_PROBLEMS`] at that width.
async fn shots(b: &Browser, name: &str) {
    for &w in WIDTHS {
        b.set_viewport(w, 900).await;
        b.screenshot(&format!("{name}-{w}")).await;
        let found = b.driver.execute(LAYOUT_PROBLEMS, vec![]).await.expect("layout check");
        let found: Vec<String> = serde_json::from_value(found.json().clone()).unwrap_or_default();
        assert!(found.is_empty(), "{name} at {w} px: {found:#?}");
    }
    b.set_viewport(1280, 900).await;
}

#[tokio::test(flavor = "multi_thread")]
async fn ux_tour_at_three_widths() {
    let site = Site::start(SiteOptions::default()).await;
    let browser = Browser::start().await;
    let b = &browser;
    b.set_viewport(1280, 900).await;
    b.driver.goto(&site.base_url).await.unwrap();
    b.wait_for("[data-mode='demo']", 20).await;
    b.wait_for_text("main h1", "Migration assistant", 20).await;
    flow::demo_speed(b, "10").await;
    flow::follow(b, "/demo").await;
    b.wait_for("label[for^='scenario-']", 20).await;
    shots(b, "tour-demo-page").await;

    let addresses = ["192.168.10.21".to_owned(), "192.168.10.22".to_owned()];
    let name = "mig-tour";
    let m = NewMigration { source_volume: "vol_home", source_gib: 42, name, addresses: &addresses };
    flow::follow(b, "/migrations/new").await;
    flow::fill_form(b, &m).await;
    flow::click(b, "[role='tab'][id='nm-tab-review']", 10).await;
    flow::wait_text(b, "pre[aria-label='Request']", "PUT ", 20).await;
    shots(b, "tour-review-create").await;
    flow::click(b, "button[data-create]:not([disabled])", 10).await;
    b.wait_for("[data-create-status] [data-created]", 90).await;
    shots(b, "tour-created").await;

    flow::follow(b, &format!("/migrations/{name}/peering")).await;
    let (command, passphrase) = flow::start_cluster_peering(b, name, &addresses, "tour").await;
    shots(b, "tour-peering-command").await;
    flow::finish_peering(b, Ontap::Console, name, &command, &passphrase, "tour").await;
    shots(b, "tour-peering-done").await;

    flow::speed_up(b, Ontap::Console).await;
    flow::follow(b, &format!("/migrations/{name}")).await;
    flow::mirrored_details(b, name, "tour").await;

    // The table with the row's menu open.
    flow::follow(b, "/migrations").await;
    let row = format!("tr[data-volume='{name}']");
    b.wait_for(&format!("{row} [data-phase='Mirrored']"), 60).await;
    let height =
        format!("return document.querySelector(\"{row}\").getBoundingClientRect().height;");
    let closed = b.driver.execute(&height, vec![]).await.unwrap().json().as_f64().unwrap();
    flow::click(b, &format!("{row} [aria-label='Actions for {name}']"), 10).await;
    b.wait_for("[data-actions-menu] [role='menu']", 10).await;
    let open = b.driver.execute(&height, vec![]).await.unwrap().json().as_f64().unwrap();
    assert!((open - closed).abs() < 0.5, "the open menu moved the row: {closed} -> {open}");
    shots(b, "tour-table-menu").await;
    // Escape closes it.
    b.driver.action_chain().send_keys(thirtyfour::Key::Escape).perform().await.unwrap();
    flow::wait_js(
        b,
        "the menu to close",
        5,
        "return !document.querySelector('[data-actions-menu]');",
    )
    .await;

    // Paused for a dry run, on the details page and in the table.
    flow::follow(b, &format!("/migrations/{name}")).await;
    flow::dry_run(b, name, "tour").await;
    shots(b, "tour-paused-details").await;
    flow::follow(b, "/migrations").await;
    b.wait_for(&format!("{row} [data-phase='PausedForDryRun']"), 30).await;
    shots(b, "tour-paused-table").await;

    flow::follow(b, &format!("/migrations/{name}")).await;
    flow::resume(b, name, "tour").await;
    flow::cut_over(b, Ontap::Console, name, "tour").await;
    flow::finalize(b, name, "tour").await;
    shots(b, "tour-finalized-details").await;
    flow::follow(b, "/migrations").await;
    b.wait_for(&format!("{row} [data-phase='Finalized']"), 30).await;
    shots(b, "tour-finalized-table").await;

    let errors = b.console_errors().await;
    assert!(errors.is_empty(), "console errors: {errors:#?}");
    browser.quit().await;
}
