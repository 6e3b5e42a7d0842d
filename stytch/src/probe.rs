//! The hook behind the workspace's argument-mapping test (internal feature `__probe`; not an
//! API). `#[endpoint]` registers one [`ProbeEntry`] per endpoint, which builds that
//! endpoint's call the way an application does, through the client method's positional
//! arguments and the optional fields' setters, from values the test supplies, and sends it.
//! The test then checks where each value landed on the wire.

use crate::catalogue::EndpointInfo;
use crate::client_core::ClientCore;
use crate::service::ServiceHandle;
use crate::transport::CallOptions;
use crate::wire::Endpoint;
use crate::{Call, Error};
use serde::de::DeserializeOwned;
use serde_json::Value;
use std::future::Future;
use std::pin::Pin;

/// One value a probe asks its source for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ProbeSlot {
    /// The field, named as in the catalogue (wire name; a header field's Rust name).
    pub field: &'static str,
    /// For a client-method argument, its position (from 0); `None` for a setter.
    pub argument: Option<usize>,
    /// The Rust type the value is read into, as `std::any::type_name` spells it.
    pub rust_type: &'static str,
    /// 0 on the first ask; one more each time the previous value did not fit the type.
    pub attempt: u32,
}

/// Where a probe's values come from: `None` when the source has nothing (more) to offer.
pub type ProbeSource<'a> = dyn FnMut(ProbeSlot) -> Option<Value> + 'a;

/// The values one probe reads, in the order the call takes them.
pub struct ProbeValues<'a, 's> {
    source: &'a mut ProbeSource<'s>,
    next_argument: usize,
}

impl ProbeValues<'_, '_> {
    /// The next client-method argument.
    pub fn argument<T: DeserializeOwned>(&mut self, field: &'static str) -> Result<T, Error> {
        let position = self.next_argument;
        self.next_argument += 1;
        self.read(field, Some(position))
    }

    /// An optional field's value, for its `set_` setter.
    pub fn optional<T: DeserializeOwned>(
        &mut self,
        field: &'static str,
    ) -> Result<Option<T>, Error> {
        self.read(field, None).map(Some)
    }

    fn read<T: DeserializeOwned>(
        &mut self,
        field: &'static str,
        argument: Option<usize>,
    ) -> Result<T, Error> {
        let mut attempt = 0;
        loop {
            let slot = ProbeSlot {
                field,
                argument,
                rust_type: std::any::type_name::<T>(),
                attempt,
            };
            let Some(value) = (self.source)(slot) else {
                return Err(Error::InvalidArgument {
                    field,
                    reason: "the probe's source has no value of this field's type",
                });
            };
            if let Ok(value) = serde_json::from_value(value) {
                return Ok(value);
            }
            attempt += 1;
        }
    }
}

/// Implemented by `#[endpoint]` (with the `__probe` feature): builds the call through the
/// client method and the setters.
pub trait Probe: Endpoint + Sized {
    fn probe_call<'c>(
        core: &'c ClientCore,
        values: &mut ProbeValues<'_, '_>,
    ) -> Result<Call<'c, Self>, Error>;
}

/// A built call on its way out.
pub type ProbeSending<'c> = Pin<Box<dyn Future<Output = Result<(), Error>> + Send + 'c>>;

/// One endpoint's probe, collected from every declaration.
pub struct ProbeEntry {
    pub info: &'static EndpointInfo,
    build_and_send:
        for<'c> fn(&'c ClientCore, &mut ProbeSource<'_>) -> Result<ProbeSending<'c>, Error>,
}

impl ProbeEntry {
    pub const fn of<E: Probe>() -> ProbeEntry {
        ProbeEntry {
            info: E::INFO,
            build_and_send: build_and_send::<E>,
        }
    }

    /// Builds the call on `service`'s client with values from `source`, ready to send;
    /// fails when the source offers no value that fits a field.
    pub fn build<'c>(
        &self,
        service: &impl ServiceHandle<'c>,
        source: &mut ProbeSource<'_>,
    ) -> Result<ProbeSending<'c>, Error> {
        (self.build_and_send)(service.client_core(), source)
    }
}

fn build_and_send<'c, E: Probe>(
    core: &'c ClientCore,
    source: &mut ProbeSource<'_>,
) -> Result<ProbeSending<'c>, Error> {
    let mut values = ProbeValues {
        source,
        next_argument: 0,
    };
    let request = Unread(E::probe_call(core, &mut values)?.into_request());
    Ok(Box::pin(async move {
        core.transport
            .execute(&request, &CallOptions::default())
            .await
            .map(drop)
    }))
}

/// A request sent as it is, whose response is not decoded: the probe looks only at what was
/// sent, and skipping the response types keeps their decoders out of this build.
struct Unread<E>(E);

impl<E: Endpoint> Endpoint for Unread<E> {
    type Response = serde::de::IgnoredAny;
    const INFO: &'static EndpointInfo = E::INFO;

    fn write_path(&self, out: &mut String) -> Result<(), Error> {
        self.0.write_path(out)
    }

    fn write_query(&self, query: &mut crate::wire::QueryWriter) {
        self.0.write_query(query)
    }

    fn visit_headers(&self, visit: &mut dyn FnMut(&'static str, &str)) {
        self.0.visit_headers(visit)
    }
}

impl<E: serde::Serialize> serde::Serialize for Unread<E> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.0.serialize(serializer)
    }
}

inventory::collect!(ProbeEntry);

/// Every declared endpoint's probe.
pub fn probe_entries() -> impl Iterator<Item = &'static ProbeEntry> {
    inventory::iter::<ProbeEntry>.into_iter()
}
