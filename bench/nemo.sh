#!/usr/bin/env bash
# Scores the Spanish verbalizer on NVIDIA NeMo text-processing's Spanish
# text-normalization cases, read from a copy of that repository (a checkout
# or a bare git directory) given by path; its cases are not copied here.
# The readings where Peru's convention differs from NeMo's (Spain's) are
# listed with their reasons in bench/nemo-peru.md and re-expected or left
# out there, openly. Prints the score per class and in total.
#
#   bench/nemo.sh PATH-TO-NeMo-text-processing [--failures]
set -eu
cd "$(dirname "$0")/.."
[ $# -ge 1 ] || { echo "usage: bench/nemo.sh PATH-TO-NeMo-text-processing [--failures]" >&2; exit 2; }
repo=$1
shift
[ -x ./willakuy ] || make -s willakuy
exec python3 bench/nemo.py "$repo" ./willakuy --station bench/nemo-station.xml "$@"
