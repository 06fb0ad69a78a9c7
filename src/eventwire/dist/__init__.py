"""dist: engines that code many articles, in order, with bounded memory (``local``: worker processes; ``dask``: a Dask cluster)."""
