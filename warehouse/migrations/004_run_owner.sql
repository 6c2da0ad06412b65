-- Which process ran a flow run, so that a run killed mid-way can be marked 'interrupted'.
ALTER TABLE runs ADD COLUMN pid INTEGER;
ALTER TABLE runs ADD COLUMN host VARCHAR;
