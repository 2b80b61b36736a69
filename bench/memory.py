"""Peak memory of this process and of the worker processes it waited for, in MB (Linux ru_maxrss)."""

import resource


def peak_mb() -> str:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    workers = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return f"peak memory {own:.0f} MB (largest worker {workers:.0f} MB)"
