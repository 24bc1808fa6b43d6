-- Issue 15 (review 3): learner ids are unique only within an institution, and a platform admin edits the rules of
-- other institutions' courses, so the editor who last saved a course's rules is recorded as (institution, id)
-- (PersonalData.forgetActor matches both). Rules saved before are taken as saved by an editor of the owning
-- institution, the only case the course's editing rights allowed besides platform admins.
alter table manabi_rules_course add column updated_by_tenant varchar(128);
update manabi_rules_course set updated_by_tenant = (select k.owner_tenant_id from manabi_course k
    where k.id = manabi_rules_course.course_id);
