-- The learner's time in an activity over all its SCO attempts within the course attempt. cmi.total_time
-- (total_time_cs) restarts at zero with every new SCO attempt (SCORM 2004 RTE 4.2.26, after a non-suspended exit),
-- so the course's time is summed from this column, which only ever grows by each session_time.
alter table manabi_scorm_sco_attempt add column learner_time_cs bigint default 0 not null;

-- Until now the SCO attempt's total time is all that is known.
update manabi_scorm_sco_attempt set learner_time_cs = total_time_cs;
