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
    POST /_sim/reset?scenario=NAME            start over (same seed and speed)
    POST /_sim/fault/claims-challenge?count=N the next N ARM calls answer 401 insufficient_claims
    POST /_sim/bulk-migrations?count=N        N migrations in mixed phases in the default pool,
                                              then an empty request log (load tests)
    GET  /_sim/requests                       ARM calls received: method, path, status, time
    GET  /_sim/scenarios                      scenario names and descriptions
    GET  /_sim/scope                          the default subscription, account, pool, subnet, cluster

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
