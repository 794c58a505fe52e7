"""Whole frames at once: one vectorised engine (`mexsledai.frames.engine`)
behind the pandas, polars, Arrow, Dask and Spark front-ends
(`mexsledai.pandas`, `mexsledai.polars`, `mexsledai.arrow`,
`mexsledai.dask`, `mexsledai.spark`)."""
