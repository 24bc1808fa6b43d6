-- Their rows were copied into manabi_rules_course and manabi_rules_award by V3 (committed before this runs).
-- "if exists": a server stopped between H2's auto-committed drop and the history row can run this again.
drop table if exists manabi_quiz_award;
drop table if exists manabi_quiz_completion_rules;
