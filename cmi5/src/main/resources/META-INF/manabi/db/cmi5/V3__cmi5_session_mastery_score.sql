-- The masteryScore the LMS wrote into the session's LMS.LaunchData (cmi5 Quartz section 10: it "MAY be different
-- than the one in the course structure"), which the statement rules hold passed and failed to (9.3.4, 9.3.5); null
-- when the launch data had none. launch_data_kept tells such a null from a session launched before this version,
-- whose launch data carried the course structure's value (the rules then read that, as they did before).
alter table manabi_cmi5_session add column mastery_score decimal(5,4);
alter table manabi_cmi5_session add column launch_data_kept boolean default false not null;
