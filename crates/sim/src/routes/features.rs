//! Microsoft.Features (api-version 2021-07-01): the ANFMigrationAssistant feature's state, and
//! registering it (Registering for a few minutes, then Registered).

use super::{any_api, list_body, only, require_sub, Names, Req};
use crate::engine::events::Event;
use crate::engine::Engine;
use crate::http::{json_response, ApiError, Handled};
use crate::model::key;
use crate::model::tenancy::FeatureState;
use anf_core::transport::Method;
use serde_json::{json, Value};

/// The one feature the simulator knows.
pub const FEATURE: &str = "ANFMigrationAssistant";
/// Simulated time registration takes (the how-to says it can take up to an hour).
pub const REGISTRATION_MS: u64 = 5 * 60_000;

fn feature_json(sub: &str, state: FeatureState) -> Value {
    json!({
        "id": format!("/subscriptions/{sub}/providers/Microsoft.Features/providers/Microsoft.NetApp/features/{FEATURE}"),
        "name": format!("Microsoft.NetApp/{FEATURE}"),
        "type": "Microsoft.Features/providers/features",
        "properties": { "state": state.as_str() }
    })
}

fn check(engine: &Engine, req: &Req, n: &Names) -> Result<(), ApiError> {
    any_api(req)?;
    require_sub(engine, n)?;
    if !n.other.is_empty() && !n.other.eq_ignore_ascii_case(FEATURE) {
        return Err(ApiError::new(
            404,
            "FeatureNotFound",
            format!("The feature '{}' could not be found.", n.other),
        ));
    }
    Ok(())
}

fn state(engine: &Engine, n: &Names) -> FeatureState {
    engine.world().subscription(&n.sub).map_or(FeatureState::NotRegistered, |s| s.feature)
}

pub fn get(engine: &Engine, req: &Req, n: &Names) -> Handled {
    only(req, Method::Get)?;
    check(engine, req, n)?;
    Ok(json_response(200, &feature_json(&n.sub, state(engine, n))))
}

pub fn list(engine: &Engine, req: &Req, n: &Names) -> Handled {
    only(req, Method::Get)?;
    check(engine, req, n)?;
    Ok(json_response(200, &list_body(vec![feature_json(&n.sub, state(engine, n))])))
}

/// `POST .../features/{f}/register` or `/unregister`.
pub fn action(engine: &mut Engine, req: &Req, n: &Names, action: &str) -> Handled {
    only(req, Method::Post)?;
    check(engine, req, n)?;
    let current = state(engine, n);
    let next = match action {
        "register" => match current {
            FeatureState::Registered | FeatureState::Registering => current,
            _ => {
                engine.schedule(
                    engine.now() + engine.work_ms(REGISTRATION_MS),
                    Event::FeatureRegistered(key(&n.sub)),
                );
                FeatureState::Registering
            }
        },
        "unregister" => {
            if current == FeatureState::Registering {
                return Err(ApiError::conflict(
                    "FeatureRegistrationInProgress",
                    "The feature is still registering.",
                ));
            }
            FeatureState::Unregistered
        }
        _ => return Err(ApiError::unknown_route(&req.url.path)),
    };
    if let Some(s) = engine.world_mut().subscriptions.get_mut(&key(&n.sub)) {
        s.feature = next;
    }
    Ok(json_response(200, &feature_json(&n.sub, next)))
}

#[cfg(test)]
mod tests {
    use crate::scenario::Scenario;
    use crate::testkit::{code, json_of, Kit};

    fn path(k: &Kit) -> String {
        format!("/subscriptions/{}/providers/Microsoft.Features/providers/Microsoft.NetApp/features/ANFMigrationAssistant", k.scope.subscription_id)
    }

    #[test]
    fn registering_becomes_registered_over_time() {
        let mut k = Kit::with(Scenario::FeatureNotRegistered);
        let p = path(&k);
        assert_eq!(
            json_of(&k.get(&format!("{p}?api-version=2021-07-01")))["properties"]["state"],
            "NotRegistered"
        );
        let r = k.post(&format!("{p}/register?api-version=2021-07-01"), None);
        assert_eq!(json_of(&r)["properties"]["state"], "Registering");
        k.wait(120);
        assert_eq!(
            json_of(&k.get(&format!("{p}?api-version=2021-07-01")))["properties"]["state"],
            "Registering"
        );
        k.wait(200);
        assert_eq!(
            json_of(&k.get(&format!("{p}?api-version=2021-07-01")))["properties"]["state"],
            "Registered"
        );
        let list = json_of(&k.get(&format!("/subscriptions/{}/providers/Microsoft.Features/providers/Microsoft.NetApp/features?api-version=2021-07-01", k.scope.subscription_id)));
        assert_eq!(list["value"][0]["name"], "Microsoft.NetApp/ANFMigrationAssistant");
    }

    #[test]
    fn unknown_feature_or_subscription_is_not_found() {
        let mut k = Kit::new();
        let p = path(&k).replace("ANFMigrationAssistant", "Nope");
        assert_eq!(code(&k.get(&format!("{p}?api-version=2021-07-01"))), "FeatureNotFound");
        let r = k.get("/subscriptions/x/providers/Microsoft.Features/providers/Microsoft.NetApp/features/ANFMigrationAssistant?api-version=2021-07-01");
        assert_eq!(r.status, 404);
    }

    #[test]
    fn invalid_requests_are_refused() {
        let mut k = Kit::new();
        let p = path(&k);
        assert_eq!(k.get(&p).status, 400);
        assert_eq!(k.get(&format!("{p}/register?api-version=2021-07-01")).status, 405);
    }

    #[test]
    fn unregistering_while_registering_conflicts() {
        let mut k = Kit::with(Scenario::FeatureNotRegistered);
        let p = path(&k);
        k.post(&format!("{p}/register?api-version=2021-07-01"), None);
        let r = k.post(&format!("{p}/unregister?api-version=2021-07-01"), None);
        assert_eq!((r.status, code(&r)), (409, "FeatureRegistrationInProgress".into()));
    }
}
