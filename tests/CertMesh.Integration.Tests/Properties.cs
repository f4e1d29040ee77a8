using Xunit;

// One stack for the whole suite; tests in it share the services and must not run in parallel with each other.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
