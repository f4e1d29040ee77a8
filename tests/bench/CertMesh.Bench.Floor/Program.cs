// The floor under every issuance: chains of five transactional hops through CertMesh's own plumbing (inbox mark, outbox
// hand-over, commit, sent-row delete) doing no work of their own, on the stack's RabbitMQ and PostgreSQL (a database of
// its own) — as many hops as a CA issuance makes, so no issuance can go faster than these chains do.
using CertMesh.Bench.Floor;
using CertMesh.Bench.Floor.Hops;
using CertMesh.Hosting;
using CertMesh.Hosting.Bus;
using MassTransit;
using Microsoft.Extensions.Logging.Console;

var (options, error) = FloorOptions.Parse(args);
if (options is null)
{
    Console.Error.WriteLine($"certmesh-bench-floor: {error}");
    Console.Error.WriteLine(FloorOptions.Usage);
    return 2;
}

var builder = CertMeshHost.CreateBuilder([]);
builder.Services.AddSingleton<ChainTracker>();
builder.AddCertMeshDefaults(bus =>
{
    bus.AddTransactionalConsumer<FloorHop1Consumer>();
    bus.AddTransactionalConsumer<FloorHop2Consumer>();
    bus.AddTransactionalConsumer<FloorHop3Consumer>();
    bus.AddTransactionalConsumer<FloorHop4Consumer>();
    bus.AddTransactionalConsumer<FloorHop5Consumer>();
    bus.AddConsumer<FloorChainDoneConsumer>();
});
// Standard output is the report; the host's own lines go to standard error.
builder.Services.Configure<ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace);

var app = builder.Build();
await app.StartAsync();
try
{
    return await new FloorBenchmark(app.Services.GetRequiredService<IBus>(), app.Services.GetRequiredService<ChainTracker>(), options, Console.Out)
        .RunAsync(CancellationToken.None);
}
finally
{
    await app.StopAsync();
}
