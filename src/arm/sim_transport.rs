//! Demo mode's way to ARM: the simulator, in this page, behind a realistic delay.
//!
//! The delay matters: without it, a double click, a spinner or a race in the UI would never
//! show in demo mode and would surprise the user on Azure first.

use super::browser_env::{now, sleep};
use crate::storage::{self, Area};
use anf_core::time::Timestamp;
use anf_core::transport::{ArmRequest, ArmResponse, Method, Transport, TransportError};
use anf_sim::{Scenario, Simulator};
use std::cell::{Cell, RefCell};
use std::rc::Rc;
use std::time::Duration;

const STORAGE_KEY: &str = "anf-migrate.demo-world";
/// How often, at most, the demo world is written to sessionStorage on reads alone.
const SAVE_EVERY: Duration = Duration::from_secs(2);

/// The simulator shared by the transport, the demo panel and the ONTAP console.
#[derive(Clone)]
pub struct DemoWorld {
    sim: Rc<RefCell<Simulator>>,
    last_save: Rc<Cell<Timestamp>>,
}

impl DemoWorld {
    /// The world of this tab's earlier pages, or a new happy-path one.
    #[must_use]
    pub fn restore_or_new() -> Self {
        let sim = storage::load::<Simulator>(Area::Session, STORAGE_KEY).unwrap_or_else(|| {
            let mut sim = Simulator::new(Scenario::HappyPath, seed(), now());
            sim.set_speed(anf_sim::DEMO_SPEED, now());
            sim
        });
        Self { sim: Rc::new(RefCell::new(sim)), last_save: Rc::new(Cell::new(now())) }
    }

    /// Runs `f` on the simulator and saves the world afterwards.
    pub fn with<R>(&self, f: impl FnOnce(&mut Simulator) -> R) -> R {
        let r = f(&mut self.sim.borrow_mut());
        self.save();
        r
    }

    /// Reads the simulator.
    pub fn read<R>(&self, f: impl FnOnce(&Simulator) -> R) -> R {
        f(&self.sim.borrow())
    }

    /// Starts over in `scenario`, at the current speed.
    pub fn reset(&self, scenario: Scenario) {
        self.with(|sim| sim.reset(scenario, now()));
    }

    fn save(&self) {
        self.last_save.set(now());
        storage::save(Area::Session, STORAGE_KEY, &*self.sim.borrow());
    }

    fn handle(&self, request: &ArmRequest) -> ArmResponse {
        let response = self.sim.borrow_mut().handle(request, now());
        // Writes are saved at once (a reload must not undo them); reads, which only move the
        // clock-driven state along, at most every few seconds.
        if request.method != Method::Get || now().since(self.last_save.get()) >= SAVE_EVERY {
            self.save();
        }
        response
    }
}

fn seed() -> u64 {
    // Different tabs get different worlds; within a world everything is deterministic.
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let r = (js_sys::Math::random() * 1e15) as u64;
    r ^ now().millis()
}

/// Hands requests to the simulator after a delay like ARM's.
pub struct SimTransport {
    world: DemoWorld,
}

impl SimTransport {
    /// A transport over `world`.
    #[must_use]
    pub fn new(world: DemoWorld) -> Self {
        Self { world }
    }
}

impl Transport for SimTransport {
    async fn send(&self, request: ArmRequest) -> Result<ArmResponse, TransportError> {
        let base = if request.method == Method::Get { 60.0 } else { 150.0 };
        sleep(Duration::from_secs_f64((base + js_sys::Math::random() * 120.0) / 1000.0)).await;
        Ok(self.world.handle(&request))
    }
}
