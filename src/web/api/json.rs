//! `ApiJson<T>`: the JSON body of an API request, read the way the OpenAPI document
//! (JSON Schema) defines numbers: `3.0` is the integer 3, so a client whose JSON library
//! writes integers that way is not refused.

use std::future::Future;
use std::pin::Pin;

use actix_web::{FromRequest, HttpRequest, dev::Payload, web};
use serde::de::DeserializeOwned;
use serde_json::{Number, Value};

use crate::web::WebError;

/// A request body of type `T`; a body that is not one is a 400 naming why.
pub struct ApiJson<T>(pub T);

impl<T> std::ops::Deref for ApiJson<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.0
    }
}

impl<T: DeserializeOwned + 'static> FromRequest for ApiJson<T> {
    type Error = actix_web::Error;
    type Future = Pin<Box<dyn Future<Output = Result<Self, Self::Error>>>>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        // The JSON extractor keeps the configured size limit, content type check and errors.
        let value = web::Json::<Value>::from_request(req, payload);
        Box::pin(async move {
            let mut value = value.await?.into_inner();
            integral_numbers_as_integers(&mut value);
            serde_json::from_value(value).map(ApiJson).map_err(|e| {
                WebError::BadRequest(format!(
                    "the request body is not what this endpoint takes: {e}"
                ))
                .into()
            })
        })
    }
}

/// Rewrites every number without a fractional part (`3.0`, `-1e3`) as an integer, where
/// one holds it.
fn integral_numbers_as_integers(value: &mut Value) {
    match value {
        Value::Number(n) if n.is_f64() => {
            if let Some(f) = n.as_f64().filter(|f| f.fract() == 0.0) {
                // The bounds are exact powers of two, so the cast below cannot saturate.
                if (-(2f64.powi(63))..2f64.powi(63)).contains(&f) {
                    *n = Number::from(f as i64);
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(integral_numbers_as_integers),
        Value::Object(fields) => fields.values_mut().for_each(integral_numbers_as_integers),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::integral_numbers_as_integers;

    #[test]
    fn integral_numbers_become_integers_and_fractions_stay() {
        let mut value = json!({"max": 3.0, "min_days": -7e0, "list": [2.5, 1e3], "big": 1e300});
        integral_numbers_as_integers(&mut value);
        assert_eq!(
            value,
            json!({"max": 3, "min_days": -7, "list": [2.5, 1000], "big": 1e300})
        );
        assert_eq!(
            serde_json::from_value::<i32>(value["max"].clone()).ok(),
            Some(3)
        );
    }
}
