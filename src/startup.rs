//! `Application::build`: everything `serve` and the tests start the same way.

use std::net::TcpListener;
use std::sync::Arc;

use actix_web::dev::Server;
use actix_web::{App, HttpServer, web};
use tracing_actix_web::TracingLogger;

use crate::config::Settings;
use crate::mail::{MailError, Mailer, RetryPolicy, spawn_worker};
use crate::questionnaire::{Catalogue, DefinitionErrors};
use crate::storage::{self, DbPool, StorageError};
use crate::web::{AppState, RateLimits, RedactedRootSpan, routes, security};

/// Why the service could not start.
#[derive(Debug, thiserror::Error)]
pub enum StartupError {
    #[error("the questionnaires are invalid:\n{0}")]
    Questionnaires(#[from] DefinitionErrors),
    #[error(transparent)]
    Storage(#[from] StorageError),
    #[error(transparent)]
    Mail(#[from] MailError),
    #[error("cannot listen on {address}: {source}")]
    Bind {
        address: String,
        source: std::io::Error,
    },
}

/// Loads and validates the questionnaires, opens the database (running migrations) and
/// records the questionnaire versions in use: what `serve` and every CLI command need.
pub fn open_storage(settings: &Settings) -> Result<(DbPool, Catalogue), StartupError> {
    let catalogue = Catalogue::load(&settings.questionnaires_dir)?;
    let pool = storage::connect(&settings.database_url, settings.database_pool_size)?;
    let mut conn = pool.get().map_err(StorageError::from)?;
    storage::questionnaires::record_catalogue(&mut conn, &catalogue)?;
    drop(conn);
    Ok((pool, catalogue))
}

/// Routes registered beside the service's own, under the same middleware and state: for
/// whoever builds the application in code (a benchmark's baseline, say), never from
/// settings. They come after the service's routes, so they cannot take over any of its paths.
pub type ExtraRoutes = fn(&mut web::ServiceConfig);

/// A built, not yet running, web service.
pub struct Application {
    port: u16,
    pool: DbPool,
    catalogue: Arc<Catalogue>,
    server: Server,
}

impl Application {
    /// Loads and validates the questionnaires, opens the database (running migrations),
    /// records the questionnaire versions in use, binds the listener and starts the
    /// mail worker (unless `mail_poll_seconds` is 0) and the retention worker (unless
    /// `retention_interval_seconds` is 0). Call it inside a tokio runtime.
    pub fn build(settings: &Settings) -> Result<Application, StartupError> {
        Self::build_with_routes(settings, |_| {})
    }

    /// [`Application::build`], with `extra` routes beside the service's own (see
    /// [`ExtraRoutes`]).
    pub fn build_with_routes(
        settings: &Settings,
        extra: ExtraRoutes,
    ) -> Result<Application, StartupError> {
        let mailer = Mailer::configured(settings)?;
        let (pool, catalogue) = open_storage(settings)?;
        let address = format!("{}:{}", settings.host, settings.port);
        let listener = TcpListener::bind(&address).map_err(|source| StartupError::Bind {
            address: address.clone(),
            source,
        })?;
        let port = listener
            .local_addr()
            .map_err(|source| StartupError::Bind { address, source })?
            .port();
        let catalogue = Arc::new(catalogue);
        let state = AppState {
            pool: pool.clone(),
            saves: storage::GroupCommit::start(&settings.database_url, &pool)?,
            catalogue: catalogue.clone(),
            settings: Arc::new(settings.clone()),
        };
        // Made once, outside the worker factory, so all workers share one rate-limit count;
        // the CSRF key comes from the database, so all instances share it too.
        let (csrf_key, notices_key) = {
            let mut conn = pool.get().map_err(StorageError::from)?;
            let csrf =
                storage::signing_keys::get_or_create(&mut conn, storage::signing_keys::CSRF)?;
            let notices =
                storage::signing_keys::get_or_create(&mut conn, storage::signing_keys::NOTICES)?;
            (csrf, notices)
        };
        let csrf = security::CsrfProtection::new(&settings.base_url, &csrf_key)
            .accepting_uploads_at(&crate::web::UPLOAD_ROUTES);
        let notices = web::Data::new(crate::web::Notices::new(&settings.base_url, &notices_key));
        let limits = RateLimits::new(&settings.trusted_proxies);
        let server = HttpServer::new(move || {
            App::new()
                // Security layer, innermost first; the headers also cover every refusal.
                .wrap(csrf.middleware())
                .wrap(csrf.upload_routes().guard())
                .wrap(actix_web::middleware::from_fn(security::route_page_methods))
                .wrap(security::csrf_error_page())
                // Outside the refusals above, so they too answer HTML or JSON by path.
                .wrap(crate::web::error_pages())
                .wrap(security::security_headers())
                .wrap(TracingLogger::<RedactedRootSpan>::new())
                .app_data(web::Data::new(state.clone()))
                .app_data(notices.clone())
                .configure(|cfg| routes(cfg, &limits))
                .configure(extra)
        })
        .listen(listener)
        .map_err(|source| StartupError::Bind {
            address: format!("port {port}"),
            source,
        })?
        .run();
        if settings.retention_interval_seconds > 0 {
            let every = std::time::Duration::from_secs(settings.retention_interval_seconds);
            let reports = crate::retention::ReportsDir {
                dir: settings.reports_dir.clone(),
                privacy_k: settings.privacy_k,
            };
            crate::retention::spawn_worker(pool.clone(), catalogue.clone(), reports, every);
        }
        if settings.mail_poll_seconds > 0 {
            let every = std::time::Duration::from_secs(settings.mail_poll_seconds);
            spawn_worker(
                pool.clone(),
                mailer,
                RetryPolicy::from_settings(settings),
                every,
            );
        }
        Ok(Application {
            port,
            pool,
            catalogue,
            server,
        })
    }

    /// The port actually bound (useful when the settings asked for 0).
    pub fn port(&self) -> u16 {
        self.port
    }

    pub fn pool(&self) -> &DbPool {
        &self.pool
    }

    /// The questionnaires the service loaded.
    pub fn catalogue(&self) -> &Catalogue {
        &self.catalogue
    }

    /// Serves until the process is stopped.
    pub async fn run_until_stopped(self) -> std::io::Result<()> {
        self.server.await
    }
}
