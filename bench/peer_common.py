"""The job loop every Python peer shares (numpy_step.py, numba_step.py, torch_step.py): read the
job from stdin, build the peer's circuit, warm up, time step() and print one JSON result line."""

import json
import resource
import sys
import time

import numpy as np


def run(make, backend, extra=None):
    """`make(params, channel_count, seed)` builds a circuit with .step(context, teacher) and
    .count (cells active on the last step); `extra()` adds fields to the result."""
    job = json.load(sys.stdin)
    p = job["params"]
    C, P = len(job["channels"]), p["purkinje"]["count"]
    period = job["stream"]["period"]
    context = np.array(job["stream"]["context"], dtype=np.float64).reshape(period, C)
    teacher = np.array(job["stream"]["teacher"], dtype=np.float64).reshape(period, P)

    setup_start = time.perf_counter()
    brain = make(p, C, job["seed"])
    setup_seconds = time.perf_counter() - setup_start

    t = 0
    for _ in range(job["warmupSteps"]):
        brain.step(context[t % period], teacher[t % period])
        t += 1

    steps, budget = job.get("steps"), job["seconds"]
    done, active_sum, elapsed = 0, 0, 0.0
    while (done < steps) if steps else (elapsed < budget):
        c, s = context[t % period], teacher[t % period]
        start = time.perf_counter()
        brain.step(c, s)
        elapsed += time.perf_counter() - start
        active_sum += brain.count
        done += 1
        t += 1

    sps = done / elapsed
    result = {
        "backend": backend,
        "granuleCells": p["granule"]["count"],
        "steps": done,
        "seconds": elapsed,
        "stepsPerSecond": sps,
        "realTimeFactor": sps * p["dtMs"] / 1000,
        "msPerStep": 1000 * elapsed / done,
        "peakRssMB": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "meanActive": active_sum / done,
        "setupSeconds": setup_seconds,
        "numpy": np.__version__,
        "python": sys.version.split()[0],
        **(extra() if extra else {}),
    }
    print(json.dumps(result))


def unavailable(why):
    """The line run.js reads as 'skipped: why'."""
    print(json.dumps({"unavailable": why}))
    sys.exit(0)
