-- Issue 15 (review 2, A2): a platform admin may import a new version of another institution's quiz, and learner ids
-- are unique only within an institution, so the importer is recorded as (institution, id). Earlier versions are
-- taken as imported by a member of the quiz's institution.
alter table manabi_quiz_version add column imported_by_tenant varchar(128);
update manabi_quiz_version set imported_by_tenant = (select q.owner_tenant_id from manabi_quiz q
    where q.id = manabi_quiz_version.quiz_id);
