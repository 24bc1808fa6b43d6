-- The score of each session's passed/failed statement (cmi5 Quartz 9.5.1: scaled and raw as the AU stated them),
-- for the learning records (issue 15: per learner and AU every session with its result). manabi_cmi5_au_result
-- keeps only the AU's latest judgment; sessions judged before this version have none here (the records then take
-- the latest judgment's score for the session that stated it).
alter table manabi_cmi5_session add column score_scaled double precision;
alter table manabi_cmi5_session add column score_raw double precision;
