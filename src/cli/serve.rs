//! `liaison serve`

use std::process::ExitCode;

use anyhow::Context;

use crate::config::Settings;
use crate::questionnaire::Catalogue;
use crate::startup::Application;
use crate::storage::DbPool;

/// Serves with `settings`, loaded with the `--port` flag so that a derived base URL
/// follows it (see `Settings::load_with_port`).
pub async fn run(settings: Settings, demo: bool) -> anyhow::Result<ExitCode> {
    let app = Application::build(&settings)?;
    let port = app.port();
    if demo {
        // Seeding scores answers and draws charts (polars, plotters, diesel): blocking work.
        let (pool, catalogue, demo_settings) = (
            app.pool().clone(),
            app.catalogue().clone(),
            settings.clone(),
        );
        tokio::task::spawn_blocking(move || seed_demo(&pool, &catalogue, &demo_settings)).await??;
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

/// Seeds the demo and prints its respondent links, reports and analyst login.
fn seed_demo(pool: &DbPool, catalogue: &Catalogue, settings: &Settings) -> anyhow::Result<()> {
    let mut conn = pool.get().context("cannot reach the database")?;
    println!("demo campaigns:");
    let demos = crate::demo::seed_with_links(&mut conn, catalogue, &settings.base_url)?;
    // Before the reports, which use the peer review's agreed levels.
    let password = crate::demo::analyst::reset(&mut conn)?;
    let peer_password = crate::demo::peer_review::seed(&mut conn, catalogue, &demos)?;
    for demo in demos {
        super::campaigns::print_campaign(&demo.details);
        println!("    respondent link: {}", demo.respondent_link);
        if let Some(link) = &demo.judiciary_link {
            println!("    prosecutor's link (in French): {link}");
        }
        let files = crate::reports::build_campaign_reports(
            &mut conn,
            catalogue,
            &demo.details,
            crate::reports::ReportOptions::new(settings.privacy_k),
            &settings.reports_dir,
            &|_| {},
            &crate::audit::Actor::Cli,
        )?;
        if let Some(dir) = files.first().and_then(|f| f.parent()) {
            // The radars and their index sit in a folder of their own.
            let (own, radars): (Vec<_>, Vec<_>) =
                files.iter().partition(|f| f.parent() == Some(dir));
            let radars = radars
                .iter()
                .filter(|f| f.extension().is_some_and(|e| e == "png"))
                .count();
            println!(
                "    reports: {} ({} files, {} respondent radars)",
                dir.display(),
                own.len(),
                radars
            );
        }
    }
    println!("demo analyst: {} / {password}", crate::demo::analyst::EMAIL);
    println!(
        "    log in at {}/login",
        settings.base_url.trim_end_matches('/')
    );
    println!(
        "demo peer reviewer: {} / {peer_password}",
        crate::demo::peer_review::EMAIL
    );
    Ok(())
}
