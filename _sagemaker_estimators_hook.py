"""Interpreter start-up hook of sagemaker-estimators, run by the one-line ``sagemaker_estimators.pth``.

It is a top-level module of its own so that interpreter start-up imports
nothing of the ``sagemaker_estimators`` package: that is imported only when
``sagemaker`` is, from wherever ``sys.path`` then points (a checkout first on
the path wins over the installed copy).

It only puts a finder at the front of ``sys.meta_path``.  The finder does
nothing for any module but the top-level ``sagemaker`` one; for that one it
lets the normal finders locate the package (V3's ``sagemaker-core`` regular
package, or this project's namespace folder) and wraps the loader so that,
once the package has executed, the V2 top-level names (``sagemaker.Session``,
``sagemaker.image_uris`` ...) are added lazily by
:mod:`sagemaker_estimators._facade`.

Keep this module tiny: it is imported by every Python process in the
environment.
"""
import sys


class _FacadeLoader:
    """Delegates to the real loader, then installs the V2 facade on the module."""

    def __init__(self, inner, origin):
        self._inner = inner
        self._origin = origin

    def create_module(self, spec):
        create = getattr(self._inner, "create_module", None)
        return create(spec) if create is not None else None

    def exec_module(self, module):
        from sagemaker_estimators import _facade

        _facade.refuse_v2(self._origin)
        if self._inner is not None:
            self._inner.exec_module(module)
        _facade.install(module)

    def __getattr__(self, name):
        return getattr(self._inner, name)


class _FacadeFinder:
    """Meta-path finder that only reacts to ``import sagemaker``."""

    @classmethod
    def find_spec(cls, fullname, path=None, target=None):
        if fullname != "sagemaker":
            return None
        for finder in sys.meta_path:
            if finder is cls:
                continue
            find = getattr(finder, "find_spec", None)
            if find is None:
                continue
            spec = find(fullname, path, target)
            if spec is not None:
                spec.loader = _FacadeLoader(spec.loader, spec.origin)
                return spec
        return None


if not any(getattr(finder, "__name__", None) == "_FacadeFinder" for finder in sys.meta_path):
    sys.meta_path.insert(0, _FacadeFinder)
