#!/bin/sh
# Alternating runs, one thread each, release build: inference alone per implementation, then
# the whole identify() step with ours and with the crate; CPU seconds of the timed thread.
B=target/release/ft-compare
for round in 1 2 3 4 5; do
  for corpus in langid news; do
    for imp in ours adapter purers; do nice -n 10 $B bench $imp $corpus evidence; done
    if [ $round -le 3 ]; then nice -n 10 $B bench cpp $corpus evidence; fi
    for which in ours crate; do nice -n 10 $B step $which $corpus; done
  done
done
