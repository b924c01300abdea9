"""The saved questions: one SPARQL file each (see `kg.query.saved`); a package so that the files ship."""
