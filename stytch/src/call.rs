//! `Call`: a request bound to a client, ready to be awaited.

use crate::retry::RetryPolicy;
use crate::transport::{CallOptions, Transport};
use crate::wire::Endpoint;
use crate::Error;
use serde::de::DeserializeOwned;
use std::fmt;
use std::future::{Future, IntoFuture};
use std::pin::Pin;
use std::time::Duration;

/// A request on its way out: set optional fields with the chained setters, then `.await` it
/// (or call [`send`](Call::send)).
///
/// Every endpoint's client method returns one, with a setter for each optional field:
///
/// ```no_run
/// # async fn run(client: stytch::consumer::Client) -> Result<(), stytch::Error> {
/// let reset = client
///     .passwords()
///     .sessions()
///     .reset("new-password")
///     .session_token("session token from the cookie")
///     .session_duration_minutes(60)
///     .timeout(std::time::Duration::from_secs(5))
///     .await?;
/// println!("new session for {}", reset.user_id);
/// # Ok(()) }
/// ```
#[must_use = "a request does nothing until it is awaited or sent"]
pub struct Call<'c, E> {
    transport: &'c Transport,
    request: E,
    options: CallOptions,
}

impl<'c, E: Endpoint> Call<'c, E> {
    #[doc(hidden)]
    pub fn new(transport: &'c Transport, request: E) -> Self {
        Call {
            transport,
            request,
            options: CallOptions::default(),
        }
    }

    /// Gives this call its own deadline, every attempt and wait included, instead of the
    /// client's ([`ClientBuilder::timeout`](crate::ClientBuilder::timeout)).
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.options.timeout = Some(timeout);
        self
    }

    /// Gives each attempt of this call its own limit, instead of the client's
    /// ([`ClientBuilder::attempt_timeout`](crate::ClientBuilder::attempt_timeout)).
    pub fn attempt_timeout(mut self, timeout: Duration) -> Self {
        self.options.attempt_timeout = Some(timeout);
        self
    }

    /// Gives this call its own retry policy, instead of the client's.
    pub fn retry(mut self, policy: RetryPolicy) -> Self {
        self.options.retry = Some(policy);
        self
    }

    /// Declares that sending this request twice has the same effect as sending it once, so it
    /// may be retried after errors where Stytch might already have acted on it (502, 503, 504,
    /// timeouts, lost connections). `GET`, `PUT` and `DELETE` are treated so already; a `POST`
    /// is retried only when it never reached Stytch or was rate limited, unless this is set.
    pub fn assume_idempotent(mut self) -> Self {
        self.options.assume_idempotent = true;
        self
    }

    /// The request as built so far.
    pub fn request(&self) -> &E {
        &self.request
    }

    /// The request, to change fields directly.
    pub fn request_mut(&mut self) -> &mut E {
        &mut self.request
    }

    /// Takes the request back out, e.g. to send it later with `Client::send`.
    pub fn into_request(self) -> E {
        self.request
    }

    /// Sends the request and decodes the response. The same as `.await`ing the call.
    pub async fn send(self) -> Result<E::Response, Error> {
        self.transport.execute(&self.request, &self.options).await
    }

    /// Sends the request like [`send`](Call::send), but decodes the response into `T`, a type
    /// of your own, instead of the endpoint's response model.
    ///
    /// Building the full model of a large response (a user with every email, factor and
    /// device attribute, say) takes more CPU than the HTTP exchange around it; a type with
    /// only the fields you read skips that work. The JSON is read as it comes: fields your
    /// type does not name are skipped, and a field it needs that is missing or of the wrong
    /// type is an [`Error::Decode`] that names it. Errors and retries are those of `send`.
    ///
    /// ```no_run
    /// # async fn run(client: stytch::consumer::Client) -> Result<(), stytch::Error> {
    /// #[derive(serde::Deserialize)]
    /// struct SignedIn {
    ///     user_id: String,
    ///     session_token: String,
    /// }
    ///
    /// let signed_in: SignedIn = client
    ///     .passwords()
    ///     .authenticate("ada@example.com", "a long passphrase")
    ///     .session_duration_minutes(60)
    ///     .send_as()
    ///     .await?;
    /// println!("{} signed in", signed_in.user_id);
    /// # Ok(()) }
    /// ```
    pub async fn send_as<T: DeserializeOwned>(self) -> Result<T, Error> {
        self.transport
            .execute_as(&self.request, &self.options)
            .await
    }
}

impl<'c, E: Endpoint> IntoFuture for Call<'c, E> {
    type Output = Result<E::Response, Error>;
    type IntoFuture = Pin<Box<dyn Future<Output = Self::Output> + Send + 'c>>;

    fn into_future(self) -> Self::IntoFuture {
        Box::pin(self.send())
    }
}

impl<E: fmt::Debug> fmt::Debug for Call<'_, E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Call")
            .field("request", &self.request)
            .field("timeout", &self.options.timeout)
            .field("attempt_timeout", &self.options.attempt_timeout)
            .field("retry", &self.options.retry)
            .field("assume_idempotent", &self.options.assume_idempotent)
            .finish_non_exhaustive()
    }
}
