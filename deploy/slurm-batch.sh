#!/usr/bin/env bash
# imp-packet batch as a Slurm job array: task K of N makes part K/N of the inputs
# (`--shard "$SLURM_ARRAY_TASK_ID/N"`); the N parts together are exactly the packets of one
# run, byte for byte, and each task writes report-K-of-N.json and .csv into the output
# folder. Submit with an array of N tasks, then merge the reports once all have ended:
#
#   sbatch --array=0-3 deploy/slurm-batch.sh /shared/profiles /shared/packets
#   sbatch --dependency=afterany:JOBID --wrap "imp-packet report merge /shared/packets"
#
# (N is the array's size, from SLURM_ARRAY_TASK_COUNT.) The tasks run the image that
# ../Containerfile builds, through Apptainer (IMAGE, default below; a local .sif works too),
# or, with IMP_PACKET=/path/to/imp-packet (a scripts/install build), that binary directly.
# Inputs and the output folder must be on storage every node sees. See deploy/README.md.
#SBATCH --job-name=imp-packet
#SBATCH --cpus-per-task=2
#SBATCH --mem=512M
#SBATCH --time=01:00:00
#SBATCH --output=imp-packet-%A-%a.log
set -euo pipefail

if [ $# -ne 2 ]; then
  echo "usage: sbatch --array=0-N-1 $0 INPUT OUTPUT_DIR" >&2
  exit 64
fi
: "${SLURM_ARRAY_TASK_ID:?run me with sbatch --array=0-N-1}"
: "${SLURM_ARRAY_TASK_COUNT:?run me with sbatch --array=0-N-1}"
input=$1
output=$2
image=${IMAGE:-docker://registry.example/imp-packet:0.1.0}
# The same zip timestamps on every node: 2026-12-01T00:00:00Z unless the caller sets one.
export SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-1796083200}

args=(batch "$input" -o "$output" --shard "$SLURM_ARRAY_TASK_ID/$SLURM_ARRAY_TASK_COUNT"
  --jobs "${SLURM_CPUS_PER_TASK:-2}" --resume)
if [ -n "${IMP_PACKET:-}" ]; then
  command=("$IMP_PACKET" "${args[@]}")
else
  command=(apptainer exec --bind "$input" --bind "$output" "$image" imp-packet "${args[@]}")
fi

# A profile that fails is not a task failure: batch exits 2 (not eligible) or 65 (invalid
# profile), and the report names the profiles. Any other code (70 template, 73 write,
# 78 setup) fails the task, and a resubmitted array resumes where it stopped.
code=0
"${command[@]}" || code=$?
if [ "$code" -eq 2 ] || [ "$code" -eq 65 ]; then exit 0; fi
exit "$code"
