-- The ledger's write path without per-row foreign-key checks (issue 13 "Performance"). On PostgreSQL every row of
-- manabi_lrs_statement_term and manabi_lrs_forward_item ran a referential-integrity trigger (a lookup of the
-- statement, locked FOR KEY SHARE), about six per stored statement. Both tables are written only by
-- StatementLedger, in the transaction that inserts the statement they point to, and statements are never deleted
-- (voiding keeps them), so the constraints guarded nothing the code does not already guarantee.
-- The per-seq index on the terms stays: a StatementRef copies its target's terms by seq.
alter table manabi_lrs_statement_term drop constraint manabi_lrs_statement_term_seq_fkey;
alter table manabi_lrs_forward_item drop constraint manabi_lrs_forward_item_statement_seq_fkey;
