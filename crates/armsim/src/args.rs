//! Command-line flags.

use clap::Parser;

const ENDPOINTS: &str = "\
ENDPOINTS
  ARM (any other path): the Microsoft.NetApp, Microsoft.Network, Microsoft.Features,
  subscriptions, resource groups and tenants routes of the simulator, e.g.
    GET  /subscriptions/{s}/resourceGroups/{rg}/providers/Microsoft.NetApp/netAppAccounts?api-version=2026-04-01
  Each needs `Authorization: Bearer <token>` unless --no-auth.

  Control API (no token needed):
    POST /_sim/ontap/{cluster}/cli            plain-text command lines in, ONTAP's output out;
                                              lines after a prompting command answer its prompts
    POST /_sim/clock/advance?seconds=N        jump simulated time forward
    POST /_sim/speed?factor=F                 change the time acceleration
    POST /_sim/schedules?hold=true|false      hold scheduled transfers (each slot passes
                                              without one), or let them run again
    POST /_sim/reset?scenario=NAME            start over (same seed and speed)
    POST /_sim/bulk-migrations?count=N        N migrations in mixed phases in the default pool,
                                              then an empty request log (load tests)
    GET  /_sim/requests                       ARM calls received: method, path, status (null if
                                              none was sent), time, fault, handled
    GET  /_sim/scenarios                      scenario names and descriptions
    GET  /_sim/scope                          the default subscription, account, pool, subnet, cluster

FAULT SWITCHES (control API; each faults the next N ARM calls it matches, oldest switch first)
    POST   /_sim/fault/{KIND}?count=N&path=PATTERN&method=M[,M]&SETTINGS
    GET    /_sim/faults                       armed switches and what each has left
    DELETE /_sim/faults                       disarm them all (so does POST /_sim/reset)
  count     calls to fault (default 1)
  path      only paths matching, ignoring case: with `*` a whole-path glob (`*/volumes/*`),
            without one a substring (`replicationStatus`)
  method    only these methods (GET, PUT, POST, PATCH, DELETE)
  KIND and SETTINGS:
    throttle         429 SubscriptionRequestsThrottled, x-ms-ratelimit-remaining-*: 0;
                     retry-after=V (default 1; sent verbatim, e.g. 1e20, -5, soon, an HTTP date;
                     empty: no header), retry-after-ms=V, x-ms-retry-after-ms=V, remaining=N
    server-error     ARM's error body; status=500|502|503|504 (default 500), retry-after=V
    drop             close the connection with no answer; reset=true sends a TCP reset;
                     apply=true lets the simulator handle the call first (it takes effect)
    slow             handle the call, hold the answer seconds=D (up to 3600), then send it,
                     or with then=drop close the connection instead
    html             a gateway's text/html error page; status=502|500|503|504 (default 502)
    truncated        the simulator's answer with half its body (incomplete JSON, honest
                     Content-Length); close=true declares the full length and closes mid-body.
                     Waits for an answer that has a body
    invalid-token    401, WWW-Authenticate: Bearer error=\"invalid_token\"
    claims-challenge 401 error=\"insufficient_claims\" with claims; older tokens stay revoked
    operation        the operation the call starts ends status=Failed|Canceled (default Failed)
                     at its due time, its work undone

EXAMPLE
  armsim --no-auth --allow-origin http://localhost:8080 --speed 4
  then set \"armEndpoint\": \"http://127.0.0.1:8790\" in the app's config.json.";

/// armsim: the Azure NetApp Files migration simulator served as Azure Resource Manager's wire
/// format on loopback.
#[derive(Debug, Parser)]
#[command(name = "armsim", version, about, after_help = ENDPOINTS)]
pub struct Args {
    /// Address and port to listen on (port 0 picks a free one).
    #[arg(long, value_name = "ADDR:PORT", default_value = "127.0.0.1:8790")]
    pub listen: String,

    /// Scenario to start in (see GET /_sim/scenarios).
    #[arg(long, value_name = "NAME", default_value = "happy-path")]
    pub scenario: String,

    /// Seed of the simulator's random numbers (same seed, same run).
    #[arg(long, value_name = "N", default_value_t = 1)]
    pub seed: u64,

    /// Check bearer tokens against this OpenID provider's keys
    /// ({issuer}/.well-known/openid-configuration, then its jwks_uri).
    #[arg(long, value_name = "URL", conflicts_with = "no_auth")]
    pub issuer: Option<String>,

    /// Accept any request without a token (local play).
    #[arg(long)]
    pub no_auth: bool,

    /// An origin allowed to call from a browser (CORS); repeatable.
    #[arg(long = "allow-origin", value_name = "ORIGIN")]
    pub allow_origins: Vec<String>,

    /// Time acceleration: simulated seconds per real second (4 runs a demo baseline in about a minute).
    #[arg(long, value_name = "FACTOR", default_value_t = 1.0)]
    pub speed: f64,
}
