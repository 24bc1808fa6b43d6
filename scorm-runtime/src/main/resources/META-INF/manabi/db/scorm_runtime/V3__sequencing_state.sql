-- SCORM 2004 sequencing: the tracking and state model of one attempt's sequencing session (SN 4.2; scorm-sequencing's
-- SequencingState, written by SequencedAttempt.Store), read and written under the attempt's row lock in the same
-- transaction as the commit or navigation request that changed it. The seed of selection and randomization (SR.1,
-- SR.2) is chosen once when the row is created and kept with it, so a reload never reshuffles.
-- objectives_json holds the global (shared) objectives when the organization's objectivesGlobalToSystem is false
-- (their scope is then this attempt); otherwise they live in manabi_scorm_seq_global. last_refusal is the SN
-- exception code of the last navigation request a SCO made on Terminate that the sequencer refused (the player
-- tells the learner why), cleared by the next request that succeeds.
create table manabi_scorm_seq_state (
    attempt_id      varchar(64)  primary key references manabi_scorm_attempt (id),
    seed            bigint       not null,
    state_json      ${text}      not null,
    objectives_json ${text}      not null,
    last_refusal    varchar(32),
    updated_at      timestamp    not null
);

-- Global objectives whose scope is the learner's whole system (adlseq:objectivesGlobalToSystem true, the default,
-- SN 3.10.2 / CAM 3.4.1.11): one row per learner and target objective id, shared by every attempt and package.
create table manabi_scorm_seq_global (
    tenant_id       varchar(128) not null,
    learner_id      varchar(256) not null,
    objective_id    varchar(512) not null,
    objective_json  ${text}      not null,
    updated_at      timestamp    not null,
    primary key (tenant_id, learner_id, objective_id)
);
