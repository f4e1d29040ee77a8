using CertMesh.Bench;

// certmesh-bench MODE [flags]: benchmarks CertMesh from the outside, as a user publishing on its bus would.
return await BenchApp.RunAsync(args, Console.Out, Console.Error);
