-- The learner a launch's `auth` was handed out for: the identifier (xAPI inverse functional identifier, in the
-- LRS's stored form, e.g. "account=<homePage> <name>") of the launch's `actor`. The LRS limits the credential to
-- statements with that actor and to that learner's state and agent profile documents. Credentials issued before
-- this version have none and are no longer accepted (the player asks for a new launch on every mount).
alter table manabi_tincan_credential add column actor_key varchar(1100);
