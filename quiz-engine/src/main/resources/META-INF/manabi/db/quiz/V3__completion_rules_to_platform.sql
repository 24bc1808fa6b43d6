-- Completion rules moved out of the quiz engine into the completion-rules module (module 'rules', issue 15), so a
-- course without quizzes can have rules. Rules and awards stored by the quiz engine are copied into its tables
-- (created by rules V1, which runs first: QuizMigrations.after()). Plain DML in one transaction on both databases:
-- either everything is copied and recorded as applied, or nothing is. The old tables are dropped by V4.
insert into manabi_rules_course (course_id, rules_json, updated_by, updated_at)
    select q.course_id, q.rules_json, q.updated_by, q.updated_at from manabi_quiz_completion_rules q
    where not exists (select 1 from manabi_rules_course r where r.course_id = q.course_id);

insert into manabi_rules_award (tenant_id, learner_id, course_id, kind, ref, passed, score, awarded_at)
    select q.tenant_id, q.learner_id, q.course_id, q.kind, q.ref, q.passed, q.score, q.awarded_at
    from manabi_quiz_award q
    where not exists (select 1 from manabi_rules_award r where r.tenant_id = q.tenant_id
        and r.learner_id = q.learner_id and r.course_id = q.course_id and r.kind = q.kind and r.ref = q.ref);
