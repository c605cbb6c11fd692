//! The maintenance app's Smartcar webhook receiver, as a small program: it answers `POST /api/smartcar/webhook`,
//! verifies `SC-Signature` on the raw body, judges every odometer reading against the vehicle's history and stores
//! meter entries in SQLite.
//!
//! ```text
//! receiver serve [--db meter.sqlite] [--listen 127.0.0.1:8787] --amt <token> --link <smartcar id>=<car id> ...
//! receiver demo  [--db path]        # a scripted day of deliveries through a receiver on a random local port
//! ```
//! The application management token may also come from `SMARTCAR_AMT`.

mod demo;
mod handler;
mod http;
mod store;

use std::process::ExitCode;

use handler::Receiver;
use store::Store;

fn flag(args: &[String], name: &str) -> Option<String> {
    args.iter().position(|a| a == name).and_then(|i| args.get(i + 1)).cloned()
}

fn serve(args: &[String]) -> Result<(), String> {
    let db = flag(args, "--db").unwrap_or_else(|| "meter.sqlite".to_owned());
    let listen = flag(args, "--listen").unwrap_or_else(|| "127.0.0.1:8787".to_owned());
    let amt = flag(args, "--amt")
        .or_else(|| std::env::var("SMARTCAR_AMT").ok())
        .ok_or("--amt or SMARTCAR_AMT is required")?;
    let store = Store::open(&db).map_err(|e| format!("opening {db}: {e}"))?;
    for (i, arg) in args.iter().enumerate() {
        if arg == "--link" {
            let spec = args.get(i + 1).ok_or("--link needs <smartcar id>=<car id>")?;
            let (vehicle, car) = spec.split_once('=').ok_or("--link needs <smartcar id>=<car id>")?;
            let car: i64 = car.parse().map_err(|_| format!("car id {car:?} is not a number"))?;
            store.link_vehicle(vehicle, car).map_err(|e| e.to_string())?;
        }
    }
    let receiver = Receiver::new(store, &amt).map_err(|e| e.to_string())?;
    let server = http::bind(&listen)?;
    eprintln!("listening on http://{} (database {db})", server.server_addr());
    http::serve(&server, &receiver);
    Ok(())
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result =
        match args.first().map(String::as_str) {
            Some("serve") => serve(&args[1..]),
            Some("demo") => demo::run(flag(&args, "--db").as_deref().unwrap_or(":memory:")),
            _ => Err("usage: receiver serve --amt <token> [--db path] [--listen addr] [--link id=car] | receiver demo"
                .into()),
        };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("receiver: {message}");
            ExitCode::FAILURE
        }
    }
}
