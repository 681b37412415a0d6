// Each notebook runs in its own kernel process, so notebooks (test classes) run side by side; xunit
// runs as many at once as the machine has cores.
[assembly: CollectionBehavior(DisableTestParallelization = false)]
