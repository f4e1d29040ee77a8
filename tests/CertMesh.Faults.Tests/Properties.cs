// Each test kills and restarts the servers its fixture owns: never two at once.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
