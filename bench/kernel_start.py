"""Kernels started side by side: how many die at start-up, TCP ports vs private Unix sockets.

Several processes each start and stop kernels in a loop, as the report runner's
pool and the parallel test suite do. With jupyter_client's default TCP transport a
kernel now and then loses one of its ports to another process between the
manager choosing it and the kernel binding it ("Address already in use" →
"Kernel died before replying to kernel_info"). natolab.kernels gives every
kernel Unix sockets in a private folder instead. Both transports run in the
same invocation, alternating rounds, so machine noise hits both alike.

Run: ``.venv/bin/python bench/kernel_start.py [--processes 6] [--kernels 25] [--rounds 1]``.
"""

from __future__ import annotations

import argparse
import multiprocessing
import time

TRANSPORTS = ("tcp (jupyter_client default)", "ipc (natolab.kernels)")


def _start_stop(job: tuple[str, int]) -> tuple[int, float]:
    """Start and stop ``n`` kernels one after another; return (deaths at start-up, seconds)."""
    import subprocess

    from jupyter_client import KernelManager

    from natolab.kernels import PrivateSocketKernelManager

    transport, n = job
    manager = KernelManager if transport.startswith("tcp") else PrivateSocketKernelManager
    deaths = 0
    start = time.perf_counter()
    for _ in range(n):
        km = manager(kernel_name="python3")
        km.start_kernel(stderr=subprocess.DEVNULL)
        client = km.client()
        client.start_channels()
        try:
            client.wait_for_ready(timeout=60)
        except RuntimeError:  # "Kernel died before replying to kernel_info"
            deaths += 1
        finally:
            client.stop_channels()
            km.shutdown_kernel(now=True)
    return deaths, time.perf_counter() - start


def main() -> None:
    """Run both transports side by side and print deaths and seconds per kernel."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--processes", type=int, default=6, help="processes starting kernels at once (default 6)")
    parser.add_argument("--kernels", type=int, default=25, help="kernels each process starts per round (default 25)")
    parser.add_argument("--rounds", type=int, default=1, help="alternating rounds per transport (default 1)")
    args = parser.parse_args()
    totals = {t: [0, 0, 0.0] for t in TRANSPORTS}  # deaths, kernels, process-seconds
    with multiprocessing.get_context("spawn").Pool(args.processes) as pool:
        for _ in range(args.rounds):
            for transport in TRANSPORTS:
                for deaths, seconds in pool.map(_start_stop, [(transport, args.kernels)] * args.processes):
                    totals[transport][0] += deaths
                    totals[transport][1] += args.kernels
                    totals[transport][2] += seconds
    print(f"{args.processes} processes × {args.kernels} kernels × {args.rounds} round(s) per transport")
    print(f"{'transport':<30} {'died at start':>14} {'s per kernel':>13}")
    for transport, (deaths, kernels, seconds) in totals.items():
        print(f"{transport:<30} {f'{deaths} of {kernels}':>14} {seconds / kernels:13.2f}")


if __name__ == "__main__":
    main()
