//! `Application::build`: everything `serve` and the tests start the same way.

use std::net::TcpListener;
use std::sync::Arc;

use actix_web::dev::Server;
use actix_web::{App, HttpServer, web};
use tracing_actix_web::TracingLogger;

use crate::config::Settings;
use crate::questionnaire::{Catalogue, DefinitionErrors};
use crate::storage::{self, DbPool, StorageError};
use crate::web::{AppState, routes};

/// Why the service could not start.
#[derive(Debug, thiserror::Error)]
pub enum StartupError {
    #[error("the questionnaires are invalid:\n{0}")]
    Questionnaires(#[from] DefinitionErrors),
    #[error(transparent)]
    Storage(#[from] StorageError),
    #[error("cannot listen on {address}: {source}")]
    Bind {
        address: String,
        source: std::io::Error,
    },
}

/// A built, not yet running, web service.
pub struct Application {
    port: u16,
    pool: DbPool,
    catalogue: Arc<Catalogue>,
    server: Server,
}

impl Application {
    /// Loads and validates the questionnaires, opens the database (running migrations),
    /// records the questionnaire versions in use, and binds the listener.
    pub fn build(settings: &Settings) -> Result<Application, StartupError> {
        let catalogue = Catalogue::load(&settings.questionnaires_dir)?;
        let pool = storage::connect(&settings.database_url, settings.database_pool_size)?;
        storage::questionnaires::record_catalogue(
            &mut *pool.get().map_err(StorageError::from)?,
            &catalogue,
        )?;
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
            catalogue: catalogue.clone(),
        };
        let server = HttpServer::new(move || {
            App::new()
                .wrap(TracingLogger::default())
                .app_data(web::Data::new(state.clone()))
                .configure(routes)
        })
        .listen(listener)
        .map_err(|source| StartupError::Bind {
            address: format!("port {port}"),
            source,
        })?
        .run();
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
