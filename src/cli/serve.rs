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
        for details in crate::demo::seed(&mut conn, app.catalogue())? {
            let c = &details.campaign;
            let questionnaires: Vec<String> = details
                .questionnaires
                .iter()
                .map(|q| {
                    format!(
                        "{} → {} {}",
                        q.audience, q.questionnaire_id, q.questionnaire_version
                    )
                })
                .collect();
            println!(
                "demo campaign {}: {} (TLP:{}, closes {}; {})",
                c.id,
                c.name,
                c.tlp,
                c.closes_on,
                questionnaires.join(", ")
            );
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
