// Each notebook run is CPU-bound and the runner runs one notebook at a time anyway.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
