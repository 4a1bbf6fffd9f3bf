#!/usr/bin/env python3
"""A sharded fuzz campaign equals the single-machine run: runs `zksim fuzz ARGS` once over
the whole range, then as SHARDS shards (`--shard I/SHARDS`) started by MODE, merges them with
`zksim fuzz merge`, and checks that the merge prints the same failing seeds, counts, stuck
seeds, summary (wall time, seeds/s and jobs aside) and first reproducer as the single run,
with the same exit status, and that at least MIN_FAILED seeds failed (so the comparison is
not of two empty lists). MODE:
  loop      the shards one after the other; then merges of a shard set with a shard missing,
            a shard twice and a shard of another campaign must be refused (exit 2)
  parallel  GNU parallel with two local workers (--sshlogin 2/:), the README recipe
  k8s       the command of the Kubernetes Indexed Job MANIFEST, run once per completion index
            with JOB_COMPLETION_INDEX set (its SEEDS, FUZZ_OPTIONS, OUT, JOBS and ZKSIM
            environment values replaced by the test's)
Usage: shard_merge.py ZKSIM WORKDIR MODE SHARDS MIN_FAILED MANIFEST|- FUZZ-ARGS...
"""
import os
import re
import shlex
import shutil
import subprocess
import sys


def fail(message):
    print(f"shard_merge: {message}")
    sys.exit(1)


def run(command, env=None):
    done = subprocess.run(command, capture_output=True, text=True, env=env)
    return done.returncode, done.stdout, done.stderr


def report_lines(stdout):
    """The lines that must be equal, wall-clock figures and output directories left out."""
    lines = []
    for line in stdout.splitlines():
        if line.startswith("merged "):
            continue
        line = re.sub(r"[0-9.]+ seeds/s \([0-9.]+ s wall, [0-9]+ jobs,", "R seeds/s (T s wall, J jobs,", line)
        line = re.sub(r"^(full scenario|reproducer|replay|watch):( +)(.*?)(\S+)$",
                      lambda m: f"{m.group(1)}:{m.group(2)}{m.group(3)}{os.path.basename(m.group(4))}", line)
        line = re.sub(r"zksim (run|gui)( --inject-bug \S+)? \S*/", r"zksim \1\2 DIR/", line)
        lines.append(line)
    return lines


def shard_commands_k8s(zksim, manifest, shards, fuzz_args, out_dir):
    import yaml  # python3-yaml
    with open(manifest) as f:
        job = yaml.safe_load(f)
    spec = job["spec"]
    if job["kind"] != "Job" or spec.get("completionMode") != "Indexed":
        fail(f"{manifest} is not an Indexed Job")
    if spec["completions"] != shards:
        fail(f"{manifest} has {spec['completions']} completions, the test runs {shards} shards")
    container = spec["template"]["spec"]["containers"][0]
    env = {e["name"]: str(e["value"]) for e in container.get("env", [])}
    if env.get("SHARDS") != str(shards):
        fail(f"{manifest}: SHARDS={env.get('SHARDS')} does not match its {shards} completions")
    seeds = fuzz_args[fuzz_args.index("--seeds") + 1]
    options = [a for i, a in enumerate(fuzz_args) if a != "--seeds" and (i == 0 or fuzz_args[i - 1] != "--seeds")]
    env.update(ZKSIM=zksim, SEEDS=seeds, FUZZ_OPTIONS=" ".join(options), OUT=out_dir, JOBS="1")
    commands = []
    for index in range(spec["completions"]):
        commands.append((container["command"] + container["args"], dict(os.environ, **env, JOB_COMPLETION_INDEX=str(index))))
    return commands


def expect_refused(zksim, paths, pattern):
    code, out, err = run([zksim, "fuzz", "merge"] + paths)
    if code != 2 or pattern not in err:
        fail(f"merge of {paths}: exit {code}, stderr {err!r}; expected exit 2 and '{pattern}'")
    print(f"refused as expected: {err.splitlines()[0]}")


def main():
    zksim, work, mode, shards, min_failed, manifest = sys.argv[1:7]
    fuzz_args = sys.argv[7:]
    shards, min_failed = int(shards), int(min_failed)
    shutil.rmtree(work, ignore_errors=True)
    os.makedirs(work)
    single_code, single_out, single_err = run([zksim, "fuzz"] + fuzz_args + ["--out", f"{work}/single"])
    print(f"---- single run (exit {single_code})\n{single_out}{single_err}")
    if single_code not in (0, 1):
        fail(f"the single run exited {single_code}")

    shard_dir = f"{work}/shards"
    if mode == "loop":
        for i in range(shards):
            code, out, err = run([zksim, "fuzz"] + fuzz_args + ["--shard", f"{i}/{shards}", "--out", shard_dir])
            print(f"---- shard {i}/{shards} (exit {code})\n{out}{err}")
            if code not in (0, 1):
                fail(f"shard {i}/{shards} exited {code}")
    elif mode == "parallel":
        if shutil.which("parallel") is None:
            fail("GNU parallel is not installed (tools/install-deps.sh installs it)")
        command = ["parallel", "--will-cite", "--sshlogin", "2/:", shlex.quote(zksim), "fuzz"] + \
            [shlex.quote(a) for a in fuzz_args] + ["--shard", "{}/" + str(shards), "--out", shlex.quote(shard_dir),
                                                   ":::"] + [str(i) for i in range(shards)]
        code, out, err = run(command)
        print(f"---- {' '.join(command)} (exit {code}: the number of shards that found failures)\n{out}{err}")
    elif mode == "k8s":
        for command, env in shard_commands_k8s(zksim, manifest, shards, fuzz_args, shard_dir):
            code, out, err = run(command, env)
            print(f"---- JOB_COMPLETION_INDEX={env['JOB_COMPLETION_INDEX']} {command} (exit {code})\n{out}{err}")
            if code != 0:
                fail(f"the manifest's command exited {code} (it maps 'seeds failed' to 0, errors to non-zero)")
    else:
        fail(f"unknown mode {mode}")

    merged_code, merged_out, merged_err = run([zksim, "fuzz", "merge", shard_dir])
    print(f"---- merge (exit {merged_code})\n{merged_out}{merged_err}")
    if merged_code != single_code:
        fail(f"merge exited {merged_code}, the single run {single_code}")
    single_lines, merged_lines = report_lines(single_out), report_lines(merged_out)
    if single_lines != merged_lines:
        fail("the merge differs from the single run:\n" + "\n".join(
            f"  single: {a}\n  merged: {b}" for a, b in zip(single_lines + [""] * 99, merged_lines + [""] * 99)
            if a != b))
    failing = [line for line in single_lines if re.match(r"seed \d+: FAILED", line)]
    if len(failing) < min_failed:
        fail(f"only {len(failing)} failing seeds, the test needs {min_failed}")
    repro = [line.split()[-1] for line in single_out.splitlines() if line.startswith("reproducer: ")]
    if repro:
        name = os.path.basename(repro[0])
        with open(f"{work}/single/{name}") as a, open(f"{shard_dir}/{name}") as b:
            if a.read().replace(f"{work}/single", "DIR") != b.read().replace(shard_dir, "DIR"):
                fail(f"the reproducers {name} differ")
    print(f"merge equals the single run: {len(failing)} failing seeds, exit {single_code}")

    if mode == "loop":
        files = sorted(f"{shard_dir}/{f}" for f in os.listdir(shard_dir) if f.endswith(".jsonl"))
        if len(files) != shards:
            fail(f"{len(files)} .jsonl files in {shard_dir}, expected {shards}")
        expect_refused(zksim, files[:1] + files[2:], f"shard 1/{shards} is missing")
        expect_refused(zksim, files + files[:1], f"shard 0/{shards} appears twice")
        other = f"{work}/other.jsonl"
        with open(files[-1]) as f, open(other, "w") as o:
            o.write(f.read().replace('"clients":', '"clients":9'))
        expect_refused(zksim, files[:-1] + [other], "is not of the same campaign")


if __name__ == "__main__":
    main()
