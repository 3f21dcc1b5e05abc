"""Code staging, shared by every job kind that runs user code (training, hosting, framework processing).

- :mod:`.archive`: which files ``sourcedir.tar.gz`` holds, the tar stream, a local file or an S3 upload;
- :mod:`.checks`: checks of ``entry_point``, ``source_dir`` and ``dependencies`` on disk;
- :mod:`.repack`: a model archive repacked with its inference code under ``code/``;
- :mod:`.code`: :func:`~.code.stage_code`, the one routine that stages code and returns a
  :class:`~.code.PreparedCode`, and where the archive goes;
- :mod:`.attributes`: V2 attributes that read from the prepared code.

This layer sits below the job kinds: it imports none of them (estimators, serving,
processing, tuning, algorithms, frameworks) nor the local runtimes, and takes the
session, paths and names it needs as arguments.
"""
