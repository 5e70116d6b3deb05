"""Directory servers the contacts come from: LDAP / Active Directory, CardDAV, a CRM over
HTTP. Each is synced into the local directory and asked live when a caller is not found."""
