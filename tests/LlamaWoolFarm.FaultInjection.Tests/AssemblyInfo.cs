// The scenarios kill processes and servers and time the recovery: two at once would share two cores and blur the
// numbers each one reports, so they run one after the other.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
