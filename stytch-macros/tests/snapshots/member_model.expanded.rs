#[derive(::core::clone::Clone, ::core::default::Default, ::core::cmp::PartialEq)]
#[non_exhaustive]
/// A member of an organization.
pub struct Member {
    pub member_id: String,
    pub email_address: String,
    pub is_breakglass: bool,
    pub roles: Vec<MemberRole>,
    pub name: Option<String>,
    pub created_at: Option<Timestamp>,
    pub kind: String,
}
#[automatically_derived]
impl ::core::fmt::Debug for Member {
    #[inline]
    fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
        f.debug_struct("Member")
            .field("member_id", &self.member_id)
            .field("email_address", &self.email_address)
            .field("is_breakglass", &self.is_breakglass)
            .field("roles", &self.roles)
            .field("name", &self.name)
            .field("created_at", &self.created_at)
            .field("kind", &self.kind)
            .finish()
    }
}
#[automatically_derived]
impl ::stytch::__private::de::Fields for Member {
    const NAME: &'static str = "Member";
    const REQUIRED: &'static [&'static str] = &[
        "member_id",
        "email_address",
        "is_breakglass",
        "roles",
        "type",
    ];
    fn read_field<'de, A: ::stytch::__private::serde::de::MapAccess<'de>>(
        &mut self,
        key: &str,
        map: &mut A,
        seen: &mut u64,
    ) -> ::core::result::Result<bool, A::Error> {
        match key {
            "member_id" => {
                ::stytch::__private::de::required(map, &mut self.member_id, seen, 0u32)?
            }
            "email_address" => {
                ::stytch::__private::de::required(
                    map,
                    &mut self.email_address,
                    seen,
                    1u32,
                )?
            }
            "is_breakglass" => {
                ::stytch::__private::de::required(
                    map,
                    &mut self.is_breakglass,
                    seen,
                    2u32,
                )?
            }
            "roles" => {
                ::stytch::__private::de::required(map, &mut self.roles, seen, 3u32)?
            }
            "name" => self.name = ::stytch::__private::de::option_string(map)?,
            "created_at" => self.created_at = ::stytch::__private::de::timestamp(map)?,
            "type" => ::stytch::__private::de::required(map, &mut self.kind, seen, 4u32)?,
            _ => return ::core::result::Result::Ok(false),
        }
        ::core::result::Result::Ok(true)
    }
}
#[automatically_derived]
impl<'de> ::stytch::__private::serde::Deserialize<'de> for Member {
    fn deserialize<D>(deserializer: D) -> ::core::result::Result<Self, D::Error>
    where
        D: ::stytch::__private::serde::Deserializer<'de>,
    {
        ::stytch::__private::de::model(deserializer)
    }
}
#[automatically_derived]
impl ::stytch::__private::serde::Serialize for Member {
    fn serialize<S>(&self, serializer: S) -> ::core::result::Result<S::Ok, S::Error>
    where
        S: ::stytch::__private::serde::Serializer,
    {
        use ::stytch::__private::serde::ser::SerializeStruct as _;
        let len = 5usize + usize::from(self.name.is_some())
            + usize::from(self.created_at.is_some());
        #[allow(unused_mut)]
        let mut out = serializer.serialize_struct("Member", len)?;
        out.serialize_field("member_id", &self.member_id)?;
        out.serialize_field("email_address", &self.email_address)?;
        out.serialize_field("is_breakglass", &self.is_breakglass)?;
        out.serialize_field("roles", &self.roles)?;
        ::stytch::__private::serialize_if_some(&mut out, "name", &self.name)?;
        ::stytch::__private::serialize_if_some(
            &mut out,
            "created_at",
            &self.created_at,
        )?;
        out.serialize_field("type", &self.kind)?;
        out.end()
    }
}
