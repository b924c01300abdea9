"""The query page's files (HTML, JavaScript, CSS); a package so that they ship with geokg."""
