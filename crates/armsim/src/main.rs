//! armsim: the ANF simulator on loopback, speaking ARM's wire format.

use clap::Parser;

#[tokio::main]
async fn main() {
    let args = armsim::args::Args::parse();
    if let Err(e) = armsim::serve(args).await {
        eprintln!("armsim: {e}");
        std::process::exit(1);
    }
}
