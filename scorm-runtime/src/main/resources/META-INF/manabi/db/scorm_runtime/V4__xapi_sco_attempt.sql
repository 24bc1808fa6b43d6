-- The id of the SCO's current attempt in xAPI statements (ADL xAPI SCORM Profile: the attempt activity
-- <SCO IRI>?attemptId=<id> in context.contextActivities.grouping): a new UUID when the SCO starts a new attempt
-- (cmi.entry ab-initio), kept on resume. Null for rows stored before: ScormStatements derives a stable one.
alter table manabi_scorm_sco_attempt add column xapi_attempt_id varchar(36);
