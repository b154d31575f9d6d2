//! `liaison serve`

use std::process::ExitCode;

use anyhow::Context;

use crate::config::Settings;
use crate::startup::Application;

pub async fn run(
    mut settings: Settings,
    port: Option<u16>,
    demo: bool,
) -> anyhow::Result<ExitCode> {
    if let Some(port) = port {
        settings.port = port;
    }
    let app = Application::build(&settings)?;
    let port = app.port();
    if demo {
        let mut conn = app.pool().get().context("cannot reach the database")?;
        println!("demo campaigns:");
        for demo in crate::demo::seed_with_links(&mut conn, app.catalogue(), &settings.base_url)? {
            super::campaigns::print_campaign(&demo.details);
            println!("    respondent link: {}", demo.respondent_link);
        }
    }
    let host = &settings.host;
    println!("Liaison is listening on http://{host}:{port}");
    println!("  health:         http://{host}:{port}/health");
    println!(
        "  questionnaires: http://{host}:{port}/api/v1/questionnaires ({} loaded)",
        app.catalogue().len()
    );
    app.run_until_stopped()
        .await
        .context("the web server stopped")?;
    Ok(ExitCode::SUCCESS)
}
