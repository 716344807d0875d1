//! `gutskin`: the Gutskin diary on the command line. See docs/cli.md.

mod args;
mod commands;
mod csv_export;
mod failure;
mod foods;
mod input;
mod insight_commands;
mod output;
mod photos;
mod privacy;
mod reminders;
mod sync;

use std::io::Write;
use std::process::ExitCode;

use clap::Parser;

use crate::args::Cli;
use crate::failure::code;

fn main() -> ExitCode {
    // A bug must not dump a backtrace on the user: one line, and a distinct exit code.
    std::panic::set_hook(Box::new(|info| {
        let what = info
            .payload()
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| info.payload().downcast_ref::<String>().cloned())
            .unwrap_or_default();
        let place = info.location().map(|l| format!(" at {}:{}", l.file(), l.line())).unwrap_or_default();
        eprintln!("error: internal error{place}: {what} (this is a bug; your diary is safe)");
    }));
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(err) => {
            // --help and --version land here too, with exit code 0.
            let _ = err.print();
            return ExitCode::from(err.exit_code() as u8);
        }
    };
    match std::panic::catch_unwind(|| commands::run(cli)) {
        Ok(Ok(())) => ExitCode::SUCCESS,
        Ok(Err(failure)) if failure.code == 0 => ExitCode::SUCCESS,
        Ok(Err(failure)) => {
            let _ = std::io::stdout().flush();
            eprintln!("error: {}", failure.message);
            ExitCode::from(failure.code as u8)
        }
        Err(_) => ExitCode::from(code::INTERNAL as u8),
    }
}
