//! `/v1/b2b/scim/*`: SCIM provisioning: connections and the user records they carry.

use crate::service::service;
use crate::Timestamp;
use stytch_macros::model;

pub mod connection;

service! {
    /// SCIM provisioning.
    Scim { connection: connection::Connection }
}

/// A SCIM connection: where the identity provider sends updates and which roles groups grant.
#[model]
pub struct ScimConnection {
    pub organization_id: String,
    pub connection_id: String,
    pub status: String,
    pub display_name: String,
    pub identity_provider: String,
    pub base_url: String,
    pub bearer_token_last_four: String,
    pub scim_group_implicit_role_assignments: Vec<ScimGroupImplicitRoleAssignment>,
    pub next_bearer_token_last_four: String,
    pub bearer_token_expires_at: Option<Timestamp>,
    pub next_bearer_token_expires_at: Option<Timestamp>,
}

/// A new SCIM connection with its bearer token, shown in full only this once.
#[model]
pub struct ScimConnectionWithToken {
    pub organization_id: String,
    pub connection_id: String,
    pub status: String,
    pub display_name: String,
    pub identity_provider: String,
    pub base_url: String,
    pub bearer_token: String,
    pub scim_group_implicit_role_assignments: Vec<ScimGroupImplicitRoleAssignment>,
    pub bearer_token_expires_at: Option<Timestamp>,
}

/// A SCIM connection during a token rotation, with the new bearer token in full.
#[model]
pub struct ScimConnectionWithNextToken {
    pub organization_id: String,
    pub connection_id: String,
    pub status: String,
    pub display_name: String,
    pub base_url: String,
    pub identity_provider: String,
    pub bearer_token_last_four: String,
    pub next_bearer_token: String,
    pub scim_group_implicit_role_assignments: Vec<ScimGroupImplicitRoleAssignment>,
    pub bearer_token_expires_at: Option<Timestamp>,
    pub next_bearer_token_expires_at: Option<Timestamp>,
}

/// A group the identity provider pushed through a SCIM connection.
#[model]
pub struct ScimGroup {
    pub group_id: String,
    pub group_name: String,
    pub organization_id: String,
    pub connection_id: String,
}

/// A role members of a SCIM group receive.
#[model]
pub struct ScimGroupImplicitRoleAssignment {
    pub role_id: String,
    pub group_id: String,
    pub group_name: String,
}

/// The identity provider behind a SCIM connection.
#[model]
pub enum IdentityProvider {
    Generic,
    Okta,
    #[stytch(rename = "microsoft-entra")]
    MicrosoftEntra,
    Cyberark,
    Jumpcloud,
    Onelogin,
    Pingfederate,
    Rippling,
}

/// The SCIM user record an identity provider sent for a member.
#[model]
pub struct ScimAttributes {
    pub user_name: String,
    pub id: String,
    pub external_id: String,
    pub active: bool,
    pub groups: Vec<Group>,
    pub display_name: String,
    pub nick_name: String,
    pub profile_url: String,
    pub user_type: String,
    pub title: String,
    pub preferred_language: String,
    pub locale: String,
    pub timezone: String,
    pub emails: Vec<Email>,
    pub phone_numbers: Vec<PhoneNumber>,
    pub addresses: Vec<Address>,
    pub ims: Vec<Im>,
    pub photos: Vec<Photo>,
    pub entitlements: Vec<Entitlement>,
    pub roles: Vec<Role>,
    pub x509certificates: Vec<X509Certificate>,
    pub name: Option<Name>,
    pub enterprise_extension: Option<EnterpriseExtension>,
}

/// A postal address from a SCIM record.
#[model]
pub struct Address {
    pub formatted: String,
    pub street_address: String,
    pub locality: String,
    pub region: String,
    pub postal_code: String,
    pub country: String,
    pub r#type: String,
    pub primary: bool,
}

/// An email address from a SCIM record.
#[model]
pub struct Email {
    pub value: String,
    pub r#type: String,
    pub primary: bool,
}

/// The SCIM enterprise-user extension: employee number, department, manager.
#[model]
pub struct EnterpriseExtension {
    pub employee_number: String,
    pub cost_center: String,
    pub division: String,
    pub department: String,
    pub organization: String,
    pub manager: Option<Manager>,
}

/// An entitlement from a SCIM record.
#[model]
pub struct Entitlement {
    pub value: String,
    pub r#type: String,
    pub primary: bool,
}

/// A SCIM group a member belongs to.
#[model]
pub struct Group {
    pub value: String,
    pub display: String,
}

/// An instant-messaging handle from a SCIM record.
#[model]
pub struct Im {
    pub value: String,
    pub r#type: String,
    pub primary: bool,
}

/// The manager of a member, from the SCIM enterprise extension.
#[model]
pub struct Manager {
    pub value: String,
    pub r#ref: String,
    pub display_name: String,
}

/// A name from a SCIM record, in parts.
#[model]
pub struct Name {
    pub formatted: String,
    pub family_name: String,
    pub given_name: String,
    pub middle_name: String,
    pub honorific_prefix: String,
    pub honorific_suffix: String,
}

/// A phone number from a SCIM record.
#[model]
pub struct PhoneNumber {
    pub value: String,
    pub r#type: String,
    pub primary: bool,
}

/// A photo URL from a SCIM record.
#[model]
pub struct Photo {
    pub value: String,
    pub r#type: String,
    pub primary: bool,
}

/// A role from a SCIM record.
#[model]
pub struct Role {
    pub value: String,
    pub r#type: String,
    pub primary: bool,
}

/// A certificate from a SCIM record.
#[model]
pub struct X509Certificate {
    pub value: String,
    pub r#type: String,
    pub primary: bool,
}
