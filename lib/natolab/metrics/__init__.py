"""Analysis metrics: membership over time, EU/NATO overlap, targets, gaps and paths.

Each submodule has one topic and defines ``__all__``; this package re-exports them
so notebooks can write ``from natolab import metrics; metrics.members_on("2020-03-27")``.
Each metric reads its resources from one keyword-only ``data``
(:class:`~natolab.metrics.Frames`; ``None`` = the bundled resources).
"""

from natolab.metrics.burden import *  # noqa: F403
from natolab.metrics.deterrence import *  # noqa: F403
from natolab.metrics.eu_nato import *  # noqa: F403
from natolab.metrics.frames import Frames as Frames
from natolab.metrics.membership import *  # noqa: F403
from natolab.metrics.operations import *  # noqa: F403
from natolab.metrics.sipri import *  # noqa: F403
from natolab.metrics.spending_data import *  # noqa: F403
from natolab.metrics.spending_editions import *  # noqa: F403
from natolab.metrics.spending_series import *  # noqa: F403
from natolab.metrics.spending_year import *  # noqa: F403
