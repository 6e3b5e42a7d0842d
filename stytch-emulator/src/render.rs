//! The JSON form of every object, in one place: each route renders a user, a member, an
//! organization, a session or an M2M client with these functions, so they look the same
//! everywhere. Field names are Stytch's wire names; fields the emulator has no value for are
//! sent as Stytch sends an empty one (`""`, `[]`, `{}`), never as `null` where the field is
//! required.

use chrono::{DateTime, SecondsFormat, Utc};
use serde_json::{json, Value};

use crate::state::{
    Factor, FactorDetail, M2mClient, Member, Organization, Role, Session, TotpRecord, User,
};

/// RFC 3339 in UTC with whole seconds, as Stytch writes timestamps.
pub fn timestamp(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(SecondsFormat::Secs, true)
}

/// `{ "first_name": "", ... }` when no name was given.
fn name_or_empty(name: Option<&Value>) -> Value {
    name.cloned()
        .unwrap_or_else(|| json!({ "first_name": "", "middle_name": "", "last_name": "" }))
}

fn object_or_empty(value: Option<&Value>) -> Value {
    value.cloned().unwrap_or_else(|| json!({}))
}

/// The consumer `User` object.
pub fn user(user: &User) -> Value {
    json!({
        "user_id": user.user_id,
        "emails": user.emails.iter().map(|e| json!({
            "email_id": e.email_id, "email": e.email, "verified": e.verified,
        })).collect::<Vec<_>>(),
        "status": user.status,
        "phone_numbers": user.phones.iter().map(|p| json!({
            "phone_id": p.phone_id, "phone_number": p.phone_number, "verified": p.verified,
        })).collect::<Vec<_>>(),
        "webauthn_registrations": [],
        "providers": [],
        "totps": user.totps.iter().map(totp).collect::<Vec<_>>(),
        "crypto_wallets": [],
        "biometric_registrations": [],
        "is_locked": false,
        "roles": user.role_ids(),
        "name": name_or_empty(user.name.as_ref()),
        "created_at": timestamp(user.created_at),
        "password": user.password.as_ref().map(|p| {
            json!({ "password_id": p.password_id, "requires_reset": false })
        }),
        "trusted_metadata": object_or_empty(user.trusted_metadata.as_ref()),
        "untrusted_metadata": object_or_empty(user.untrusted_metadata.as_ref()),
        "external_id": user.external_id,
        "lock_created_at": null,
        "lock_expires_at": null,
    })
}

/// A user's TOTP registration as the `User` object lists it.
pub fn totp(totp: &TotpRecord) -> Value {
    json!({ "totp_id": totp.totp_id, "verified": totp.verified })
}

/// A TOTP registration with its unused recovery codes.
pub fn totp_with_codes(totp: &TotpRecord) -> Value {
    let codes: Vec<&str> = totp
        .recovery_codes
        .iter()
        .filter(|c| !c.used)
        .map(|c| c.code.as_str())
        .collect();
    json!({ "totp_id": totp.totp_id, "verified": totp.verified, "recovery_codes": codes })
}

/// `authentication_factors` entries.
pub fn factors(factors: &[Factor]) -> Vec<Value> {
    factors.iter().map(factor).collect()
}

fn factor(f: &Factor) -> Value {
    let mut out = json!({
        "type": f.kind,
        "delivery_method": f.delivery_method,
        "last_authenticated_at": timestamp(f.last_authenticated_at),
        "created_at": timestamp(f.created_at),
        "updated_at": timestamp(f.last_authenticated_at),
    });
    let (key, detail) = match &f.detail {
        FactorDetail::Email {
            email_id,
            email_address,
        } => (
            "email_factor",
            json!({ "email_id": email_id, "email_address": email_address }),
        ),
        FactorDetail::Phone {
            phone_id,
            phone_number,
        } => (
            "phone_number_factor",
            json!({ "phone_id": phone_id, "phone_number": phone_number }),
        ),
        FactorDetail::AuthenticatorApp { totp_id } => {
            ("authenticator_app_factor", json!({ "totp_id": totp_id }))
        }
        FactorDetail::RecoveryCode {
            totp_recovery_code_id,
        } => (
            "recovery_code_factor",
            json!({ "totp_recovery_code_id": totp_recovery_code_id }),
        ),
        FactorDetail::Embedded { embedded_id } => (
            "embeddable_magic_link_factor",
            json!({ "embedded_id": embedded_id }),
        ),
    };
    out[key] = detail;
    out
}

/// Session attributes: the emulator records none.
fn attributes() -> Value {
    json!({ "ip_address": "", "user_agent": "" })
}

/// The consumer `Session` object.
pub fn consumer_session(session: &Session, user: &User) -> Value {
    json!({
        "session_id": session.session_id,
        "user_id": user.user_id,
        "authentication_factors": factors(&session.factors),
        "roles": user.role_ids(),
        "started_at": timestamp(session.started_at),
        "last_accessed_at": timestamp(session.last_accessed_at),
        "expires_at": timestamp(session.expires_at),
        "attributes": attributes(),
        "custom_claims": session.custom_claims,
    })
}

/// The `https://stytch.com/session` claim of a session JWT.
pub fn session_claim(session: &Session, roles: &[String]) -> Value {
    json!({
        "id": session.session_id,
        "started_at": timestamp(session.started_at),
        "last_accessed_at": timestamp(session.last_accessed_at),
        "expires_at": timestamp(session.expires_at),
        "attributes": attributes(),
        "authentication_factors": factors(&session.factors),
        "roles": roles,
    })
}

/// A role as policies list it.
pub fn role(role: &Role) -> Value {
    json!({
        "role_id": role.role_id,
        "description": role.description,
        "permissions": role.permissions.iter().map(|p| json!({
            "resource_id": p.resource_id, "actions": p.actions,
        })).collect::<Vec<_>>(),
    })
}

/// The B2B `Organization` object.
pub fn organization(org: &Organization) -> Value {
    let mut out = json!({
        "organization_id": org.organization_id,
        "organization_name": org.name,
        "organization_logo_url": org.logo_url,
        "organization_slug": org.slug,
        "sso_active_connections": [],
        "custom_roles": org.custom_roles.iter().map(role).collect::<Vec<_>>(),
        "trusted_metadata": object_or_empty(org.trusted_metadata.as_ref()),
        "created_at": timestamp(org.created_at),
        "updated_at": timestamp(org.updated_at),
        "organization_external_id": org.external_id,
        "sso_default_connection_id": null,
        "scim_active_connection": null,
    });
    for (name, value) in &org.settings {
        out[name.as_str()] = value.clone();
    }
    out
}

/// The B2B `Member` object.
pub fn member(member: &Member) -> Value {
    let roles: Vec<Value> = member
        .role_ids()
        .into_iter()
        .map(|role_id| {
            let source = json!({ "type": "direct_assignment", "details": {} });
            json!({ "role_id": role_id, "sources": [source] })
        })
        .collect();
    json!({
        "organization_id": member.organization_id,
        "member_id": member.member_id,
        "email_address": member.email,
        "status": member.status,
        "name": member.name,
        "sso_registrations": [],
        "is_breakglass": member.is_breakglass,
        "member_password_id": member.password.as_ref().map(|p| p.password_id.as_str()).unwrap_or(""),
        "oauth_registrations": [],
        "email_address_verified": member.email_verified,
        "mfa_phone_number_verified": member.mfa_phone_verified,
        "is_admin": member.roles.iter().any(|r| r == "stytch_admin"),
        "totp_registration_id": "",
        "retired_email_addresses": [],
        "is_locked": false,
        "mfa_enrolled": member.mfa_enrolled,
        "mfa_phone_number": member.mfa_phone_number,
        "default_mfa_method": member.default_mfa_method,
        "roles": roles,
        "trusted_metadata": object_or_empty(member.trusted_metadata.as_ref()),
        "untrusted_metadata": object_or_empty(member.untrusted_metadata.as_ref()),
        "created_at": timestamp(member.created_at),
        "updated_at": timestamp(member.updated_at),
        "scim_registration": null,
        "external_id": member.external_id,
        "lock_created_at": null,
        "lock_expires_at": null,
    })
}

/// The B2B `MemberSession` object.
pub fn member_session(session: &Session, member: &Member, org: &Organization) -> Value {
    json!({
        "member_session_id": session.session_id,
        "member_id": member.member_id,
        "started_at": timestamp(session.started_at),
        "last_accessed_at": timestamp(session.last_accessed_at),
        "expires_at": timestamp(session.expires_at),
        "authentication_factors": factors(&session.factors),
        "organization_id": org.organization_id,
        "roles": member.role_ids(),
        "organization_slug": org.slug,
        "custom_claims": session.custom_claims,
    })
}

/// The `M2MClient` object (never with the secret).
pub fn m2m_client(client: &M2mClient) -> Value {
    json!({
        "client_id": client.client_id,
        "client_name": client.name,
        "client_description": client.description,
        "status": client.status,
        "scopes": client.scopes,
        "client_secret_last_four": client.secret_last_four,
        "trusted_metadata": object_or_empty(client.trusted_metadata.as_ref()),
        "next_client_secret_last_four": client.next_secret.as_ref().map(|(_, last_four)| last_four),
    })
}

/// A search page's `results_metadata`.
pub fn results_metadata(total: usize, next_cursor: Option<String>) -> Value {
    json!({ "total": total, "next_cursor": next_cursor })
}
