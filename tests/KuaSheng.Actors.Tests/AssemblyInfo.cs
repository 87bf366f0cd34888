// Entity tests wait for messages with time limits and the wiring tests run whole nodes: run one class at a time,
// so a busy 2-core machine does not turn CPU contention into failed expectations.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
