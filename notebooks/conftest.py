"""nbval over the committed notebooks (``pytest --nbval notebooks``, see the Makefile).

The interactive notebook (``explore.ipynb``) is left out: it is committed without outputs,
so there is nothing to compare, and its widget outputs carry random model ids that differ on
every run. ``tests/test_notebook_explore.py`` runs it top to bottom instead.
"""

from natolab.notebooks import INTERACTIVE

collect_ignore = [f"{name}.ipynb" for name in sorted(INTERACTIVE)]
