-- The package version a launch's `auth` was handed out for: the LRS limits the credential to that version's
-- activities (tincan.xml's activities and ids under the root activity's id). Credentials issued before this version
-- have none and are limited to the newest version of their registration's line.
alter table manabi_tincan_credential add column package_id varchar(64);
