"""Human tables, drawn with Rich: the only package that imports it."""
