-- SCORM 2004 sequencing definitions of the played organization, built once at import from the manifest's
-- imsss/adlseq elements (scorm-sequencing's model as JSON, SequencingJson), so a launch never parses XML.
-- Null for SCORM 1.2 packages and for versions imported before this column existed.
alter table manabi_scorm_package add column sequencing_json ${text};
