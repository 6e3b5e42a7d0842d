#[derive(::core::clone::Clone)]
/// Resets a member's password.
pub struct ResetRequest {
    pub organization_id: String,
    pub member_id: String,
    pub password: String,
    pub session_duration_minutes: Option<i32>,
    pub trusted_metadata: Option<Nullable<serde_json::Value>>,
    pub member_session_token: Option<String>,
    pub dry_run: Option<bool>,
}
impl ResetRequest {
    /// Builds the request from its required fields; optional fields start unset.
    #[allow(clippy::too_many_arguments)]
    pub fn new(
        organization_id: impl ::core::convert::Into<String>,
        member_id: impl ::core::convert::Into<String>,
        password: impl ::core::convert::Into<String>,
    ) -> Self {
        Self {
            organization_id: ::core::convert::Into::into(organization_id),
            member_id: ::core::convert::Into::into(member_id),
            password: ::core::convert::Into::into(password),
            session_duration_minutes: ::core::option::Option::None,
            trusted_metadata: ::core::option::Option::None,
            member_session_token: ::core::option::Option::None,
            dry_run: ::core::option::Option::None,
        }
    }
}
#[automatically_derived]
impl ::stytch::__private::Endpoint for ResetRequest {
    type Response = ResetResponse;
    const INFO: &'static ::stytch::catalogue::EndpointInfo = &::stytch::catalogue::EndpointInfo {
        method: ::stytch::catalogue::Method::Post,
        path: "/v1/b2b/organizations/{organization_id}/members/{member_id}/reset",
        host: ::stytch::catalogue::Host::Api,
        body: ::stytch::catalogue::BodyFormat::Json,
        name: "reset",
        module: ::core::module_path!(),
        request: "ResetRequest",
        response: "ResetResponse",
        fields: &[
            ::stytch::catalogue::FieldInfo {
                name: "organization_id",
                location: ::stytch::catalogue::FieldLocation::Path,
                required: true,
                secret: false,
            },
            ::stytch::catalogue::FieldInfo {
                name: "member_id",
                location: ::stytch::catalogue::FieldLocation::Path,
                required: true,
                secret: false,
            },
            ::stytch::catalogue::FieldInfo {
                name: "password",
                location: ::stytch::catalogue::FieldLocation::Body,
                required: true,
                secret: true,
            },
            ::stytch::catalogue::FieldInfo {
                name: "session_duration_minutes",
                location: ::stytch::catalogue::FieldLocation::Body,
                required: false,
                secret: false,
            },
            ::stytch::catalogue::FieldInfo {
                name: "trusted_metadata",
                location: ::stytch::catalogue::FieldLocation::Body,
                required: false,
                secret: false,
            },
            ::stytch::catalogue::FieldInfo {
                name: "member_session_token",
                location: ::stytch::catalogue::FieldLocation::Header(
                    "X-Stytch-Member-Session",
                ),
                required: false,
                secret: true,
            },
            ::stytch::catalogue::FieldInfo {
                name: "dry_run",
                location: ::stytch::catalogue::FieldLocation::Query,
                required: false,
                secret: false,
            },
        ],
    };
    #[inline]
    fn write_path(
        &self,
        out: &mut ::std::string::String,
    ) -> ::core::result::Result<(), ::stytch::Error> {
        out.push_str("/v1/b2b/organizations/");
        ::stytch::__private::push_path_segment(
            out,
            "organization_id",
            &self.organization_id,
        )?;
        out.push_str("/members/");
        ::stytch::__private::push_path_segment(out, "member_id", &self.member_id)?;
        out.push_str("/reset");
        ::core::result::Result::Ok(())
    }
    #[inline]
    fn write_query(&self, query: &mut ::stytch::__private::QueryWriter) {
        query.append("dry_run", &self.dry_run);
    }
    #[inline]
    fn visit_headers(&self, visit: &mut dyn ::core::ops::FnMut(&'static str, &str)) {
        if let ::core::option::Option::Some(value) = &self.member_session_token {
            visit("X-Stytch-Member-Session", value.as_str());
        }
    }
}
#[automatically_derived]
impl ::stytch::__private::serde::Serialize for ResetRequest {
    fn serialize<S>(&self, serializer: S) -> ::core::result::Result<S::Ok, S::Error>
    where
        S: ::stytch::__private::serde::Serializer,
    {
        use ::stytch::__private::serde::ser::SerializeStruct as _;
        let len = 1usize + usize::from(self.session_duration_minutes.is_some())
            + usize::from(self.trusted_metadata.is_some());
        #[allow(unused_mut)]
        let mut out = serializer.serialize_struct("ResetRequest", len)?;
        out.serialize_field("password", &self.password)?;
        ::stytch::__private::serialize_if_some(
            &mut out,
            "session_duration_minutes",
            &self.session_duration_minutes,
        )?;
        ::stytch::__private::serialize_if_some(
            &mut out,
            "trusted_metadata",
            &self.trusted_metadata,
        )?;
        out.end()
    }
}
#[automatically_derived]
impl ::core::fmt::Debug for ResetRequest {
    #[inline]
    fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
        f.debug_struct("ResetRequest")
            .field("organization_id", &self.organization_id)
            .field("member_id", &self.member_id)
            .field("password", &::stytch::__private::Redacted)
            .field("session_duration_minutes", &self.session_duration_minutes)
            .field("trusted_metadata", &self.trusted_metadata)
            .field(
                "member_session_token",
                &self
                    .member_session_token
                    .as_ref()
                    .map(|_| ::stytch::__private::Redacted),
            )
            .field("dry_run", &self.dry_run)
            .finish()
    }
}
impl<'c> Service<'c> {
    /// Resets a member's password.
    ///
    /// Sends `POST /v1/b2b/organizations/{organization_id}/members/{member_id}/reset`.
    ///
    /// Optional, as chained setters:
    /// - `.session_duration_minutes(..)`
    /// - `.trusted_metadata(..)` (`.clear_trusted_metadata()` sends `null`)
    /// - `.member_session_token(..)`
    /// - `.dry_run(..)`
    #[allow(clippy::too_many_arguments)]
    pub fn reset(
        &self,
        organization_id: impl ::core::convert::Into<String>,
        member_id: impl ::core::convert::Into<String>,
        password: impl ::core::convert::Into<String>,
    ) -> ::stytch::Call<'c, ResetRequest> {
        let transport = ::stytch::__private::ServiceHandle::transport(self);
        ::stytch::Call::new(
            transport,
            ResetRequest::new(organization_id, member_id, password),
        )
    }
}
impl<'c> ::stytch::Call<'c, ResetRequest> {
    /// Sets `session_duration_minutes`.
    pub fn session_duration_minutes(
        self,
        session_duration_minutes: impl ::core::convert::Into<i32>,
    ) -> Self {
        self.set_session_duration_minutes(
            ::core::option::Option::Some(
                ::core::convert::Into::into(session_duration_minutes),
            ),
        )
    }
    /// Sets `session_duration_minutes` from an `Option`; `None` leaves it off the wire.
    #[inline]
    pub fn set_session_duration_minutes(
        mut self,
        session_duration_minutes: ::core::option::Option<i32>,
    ) -> Self {
        self.request_mut().session_duration_minutes = session_duration_minutes;
        self
    }
    /// Sets `trusted_metadata`.
    pub fn trusted_metadata(
        self,
        trusted_metadata: impl ::core::convert::Into<serde_json::Value>,
    ) -> Self {
        self.set_trusted_metadata(
            ::core::option::Option::Some(
                ::stytch::Nullable::Value(::core::convert::Into::into(trusted_metadata)),
            ),
        )
    }
    /// Sends `"trusted_metadata": null`, clearing the stored value.
    #[inline]
    pub fn clear_trusted_metadata(self) -> Self {
        self.set_trusted_metadata(::core::option::Option::Some(::stytch::Nullable::Null))
    }
    /// Sets `trusted_metadata` from an `Option`; `None` leaves it off the wire.
    #[inline]
    pub fn set_trusted_metadata(
        mut self,
        trusted_metadata: ::core::option::Option<::stytch::Nullable<serde_json::Value>>,
    ) -> Self {
        self.request_mut().trusted_metadata = trusted_metadata;
        self
    }
    /// Sets `member_session_token`.
    pub fn member_session_token(
        self,
        member_session_token: impl ::core::convert::Into<String>,
    ) -> Self {
        self.set_member_session_token(
            ::core::option::Option::Some(
                ::core::convert::Into::into(member_session_token),
            ),
        )
    }
    /// Sets `member_session_token` from an `Option`; `None` leaves it off the wire.
    #[inline]
    pub fn set_member_session_token(
        mut self,
        member_session_token: ::core::option::Option<String>,
    ) -> Self {
        self.request_mut().member_session_token = member_session_token;
        self
    }
    /// Sets `dry_run`.
    pub fn dry_run(self, dry_run: impl ::core::convert::Into<bool>) -> Self {
        self.set_dry_run(
            ::core::option::Option::Some(::core::convert::Into::into(dry_run)),
        )
    }
    /// Sets `dry_run` from an `Option`; `None` leaves it off the wire.
    #[inline]
    pub fn set_dry_run(mut self, dry_run: ::core::option::Option<bool>) -> Self {
        self.request_mut().dry_run = dry_run;
        self
    }
}
::stytch::__private::inventory::submit! {
    ::stytch::__private::CatalogueEntry(< ResetRequest as ::stytch::__private::Endpoint >
    ::INFO)
}
::stytch::__private::probe! {
    #[automatically_derived] impl ::stytch::__private::Probe for ResetRequest { fn
    probe_call < 'c > (core : & 'c::stytch::__private::ClientCore, values : & mut
    ::stytch::__private::ProbeValues < '_, '_ >,) -> ::core::result::Result <
    ::stytch::Call < 'c, Self >, ::stytch::Error > { let call = Service::new(core)
    .reset(values.argument:: < String > ("organization_id") ?, values.argument:: < String
    > ("member_id") ?, values.argument:: < String > ("password") ?);
    ::core::result::Result::Ok(call.set_session_duration_minutes(values
    .optional("session_duration_minutes") ?).set_trusted_metadata(values
    .optional("trusted_metadata") ? .map(::stytch::Nullable::Value))
    .set_member_session_token(values.optional("member_session_token") ?)
    .set_dry_run(values.optional("dry_run") ?)) } }
    ::stytch::__private::inventory::submit! { ::stytch::__private::ProbeEntry::of:: <
    ResetRequest > () }
}
