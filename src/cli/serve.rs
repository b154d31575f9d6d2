//! `liaison serve`

use std::process::ExitCode;

use anyhow::Context;

use crate::config::Settings;
use crate::questionnaire::Catalogue;
use crate::startup::Application;
use crate::storage::DbPool;

pub async fn run(
    mut settings: Settings,
    port: Option<u16>,
    demo: bool,
) -> anyhow::Result<ExitCode> {
    if let Some(port) = port {
        if let Some(url) = base_url_for_port(&settings, port) {
            settings.base_url = url;
        }
        settings.port = port;
    }
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

/// Links in mails and demo output must reach this server, so a base URL that still
/// points at the configured port follows a port given on the command line; one
/// set to anything else (a proxy, a real host name) is kept.
fn base_url_for_port(settings: &Settings, port: u16) -> Option<String> {
    let local = |port: u16| format!("http://{}:{port}", settings.host);
    (settings.base_url.trim_end_matches('/') == local(settings.port)).then(|| local(port))
}

/// Seeds the demo and prints its respondent links, reports and analyst login.
fn seed_demo(pool: &DbPool, catalogue: &Catalogue, settings: &Settings) -> anyhow::Result<()> {
    let mut conn = pool.get().context("cannot reach the database")?;
    println!("demo campaigns:");
    for demo in crate::demo::seed_with_links(&mut conn, catalogue, &settings.base_url)? {
        super::campaigns::print_campaign(&demo.details);
        println!("    respondent link: {}", demo.respondent_link);
        let files = crate::reports::build_campaign_reports(
            &mut conn,
            catalogue,
            &demo.details,
            crate::reports::ReportOptions::new(settings.privacy_k),
            &settings.reports_dir,
            &|_| {},
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
    let password = crate::demo::analyst::reset(&mut conn)?;
    println!("demo analyst: {} / {password}", crate::demo::analyst::EMAIL);
    println!(
        "    log in at {}/login",
        settings.base_url.trim_end_matches('/')
    );
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::base_url_for_port;
    use crate::config::Settings;

    fn settings(base_url: &str) -> Settings {
        let mut settings =
            Settings::load(std::path::Path::new("no-such-file.toml")).expect("default settings");
        settings.host = "127.0.0.1".to_owned();
        settings.port = 8080;
        settings.base_url = base_url.to_owned();
        settings
    }

    #[test]
    fn a_base_url_derived_from_the_configured_port_follows_the_port_given() {
        assert_eq!(
            base_url_for_port(&settings("http://127.0.0.1:8080/"), 9090).as_deref(),
            Some("http://127.0.0.1:9090")
        );
    }

    #[test]
    fn a_base_url_set_to_another_address_is_kept() {
        assert_eq!(
            base_url_for_port(&settings("https://liaison.example.org"), 9090),
            None
        );
    }
}
