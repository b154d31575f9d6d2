//! The `liaison` binary: parse the command line and hand over to the library.

use std::process::ExitCode;

use clap::Parser;
use liaison::cli::{Cli, run};

#[actix_web::main]
async fn main() -> ExitCode {
    match run(Cli::parse()).await {
        Ok(code) => code,
        Err(error) => {
            eprintln!("error: {error:#}");
            ExitCode::FAILURE
        }
    }
}
