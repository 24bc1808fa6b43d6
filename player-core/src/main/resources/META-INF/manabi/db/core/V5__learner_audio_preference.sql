-- The learner's audio preference (cmi5 section 11.2 audioPreference: "on" or "off"); null: not set, so content
-- uses its own default. Kept beside the explicit UI language choice.
alter table manabi_learner add column audio_preference varchar(3);
